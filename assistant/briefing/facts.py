"""The facts a passage states, each as a question a person would ask and a
short answer lifted verbatim from the sentence.

Every fact is read from one sentence (or one clause or list item of it):

* a **figure**: "Over 1,000 trained social prescribing link workers will be
  in place …" → "How many trained social prescribing link workers will be in
  place …?", answer "Over 1,000";
* a **date**: "By April 2021 ICSs will cover the whole country" → "By when
  will ICSs cover the whole country?", answer "By April 2021";
* a **body** or name: "Chief executive at NHS Providers, Sir Julian
  Hartley, said …" → "Who is chief executive at NHS Providers?"; "national
  capital departmental expenditure limits (CDEL)" → "What does CDEL stand for?";
* an **action** from a list of actions: "Fund and deliver the NHS long-term
  workforce plan." → "What does commitment 3 say should be done about the
  NHS long-term workforce plan?"; with a purpose ("… to reduce the need for
  outpatient appointments") the question asks how the purpose is served;
* a **rationale**: "By investing in X … we will Y" → "What does commitment 2
  say investing in X will achieve?";
* a **statement** about a named subject: "Sustainable productivity growth
  depends on key enablers …" → "What does sustainable productivity growth
  depend on?"

The question is only written from a shape that was recognised (see
``clauses``), is cut at a clause boundary and never mid-phrase, and is
dropped when it is too long, dangles, or gives its own answer away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from lemminflect import getAllLemmas

from ingest import Chunk
from vectorstore.keyword import tokens

from ..figures import YEAR
from ..sentences import capitalised, readable, split_sentences
from .clauses import AUXILIARIES, Clause, is_base_verb, lemma, read_clause

Kind = Literal["figure", "date", "body", "action", "rationale", "statement", "example"]

_QUALIFIER = (
    r"(?:(?:almost|nearly|over|around|about|approximately|up to|at least|more than|less than|fewer than|just over|"
    r"just under|roughly|some|an estimated)\s+)?"
)
_SHARE = r"half|a third|two thirds|a quarter|three quarters|a fifth|a tenth|one in (?:two|three|four|five|ten)"
_AMOUNT = (
    r"[£$€]\d[\d,.]*\s?(?:bn|billion|m|million|k)?\b|\d[\d,.]*\s?(?:%|per cent)"
    r"|\b\d{1,3}(?:,\d{3})+\b(?:\s?(?:bn|billion|million))?|\b\d+(?:\.\d+)?\s?(?:bn|billion|million)\b"
    rf"|\b(?!(?:19|20)\d\d\b)\d{{2,3}}\b|\b(?:{_SHARE})\b"
    r"|\b(?:(?:tens|hundreds) of )?(?:thousands|hundreds|millions)\b(?= more\b| of\b| extra\b| additional\b| new\b)"
)
QUANTITY = re.compile(rf"(?i:{_QUALIFIER})(?:{_AMOUNT})")
DATE_PREPOSITIONS = r"by the end of|by|in|from|until|since|before|during"  # "by April 2021", "in 2019"
_DATE_SPAN = re.compile(rf"\b({DATE_PREPOSITIONS})\s+({YEAR})(?:\s+(?:to|and)\s+({YEAR}))?\b", re.IGNORECASE)
_CLOSING = re.compile(r"^By ((?:\w+ing)\b[^.…]{5,}?)(?:\.\.\.|…)\s*we will (.+?)\.?$", re.IGNORECASE)
_APPOSITIVE = re.compile(
    r"(?:^|, |\. )((?:[Cc]hief|[Cc]hair|[Dd]irector|[Hh]ead|[Ss]ecretary|[Pp]resident|[Mm]inister|[Cc]hairman|[Cc]hair)"
    r"[\w ]{0,30}? (?:at|of|for) (?:the )?[A-Z][\w&' ]{1,40}?), ((?:Sir |Dame |Dr |Professor |Lord |Baroness )?[A-Z][a-z]+(?: [A-Z][a-z'-]+)+),"
)
_ACRONYM = re.compile(r"\b((?:[\w'-]+,?\s+){1,7}?[\w'-]+)\s+\(([A-Z]{2,8}s?)\)")
_BOUNDARY = re.compile(
    r";|\s[–—-]\s|\s\(|,\s+(?=(?:which|where|who|whose|with|rising|growing|building|including|so that|as well as|"
    r"and will|and then|for example|while|whilst|although|but)\b)|\s+(?=(?:and will|and then|so that|which|"
    r"for example|rising|falling|growing|including)\b)|,?\s+(?:e\.g\.|i\.e\.)"
    r"|\s+with\s+(?=\w+\s+\w+ed\b)"  # "… online with coverage extended to …": an add-on with its own facts
)
_CLAUSE_SPLIT = re.compile(rf",\s+(?:and\s+)?(?=(?i:{_QUALIFIER})(?:{_SHARE}|\d))")
_THAT = re.compile(r"^(.{3,60}?)\s+(?:shows?|showed|found|finds|suggests?|means?|estimates?)\s+that\s+(.+)$")
_DANGLING = frozenset("the a an and or of with which that their its our to for in on by as at from is are".split())
_UNRESOLVED = re.compile(r"\b(?:we|our|us|they|it|this|these|those|the following|as follows)\b", re.IGNORECASE)
_META = re.compile(r"^(?:chapter|this chapter|the report|this report|the briefing|this briefing|this paper)\b", re.IGNORECASE)
_PURPOSE = re.compile(r"\s(?:to|in order to)\s+([a-z]+)\s(.+)$")  # "… to reduce the need for …"
# Words whose "to" starts their own object, not a purpose: "continue to increase", "the work underway to improve".
_NOT_PURPOSE = frozenset(
    "continue continues need needs want wants aim aims plan plans seek seeks try tries intend intends expect expects "
    "commit commits able going have has ought used likely help helps begin begins start starts fail fails "
    "underway needed required designed aimed ready due unable enough".split()
)
_SETS_OUT = re.compile(
    r"^(?:Chapter \w+|This chapter|The report|This report|This paper) (sets out|explains|describes|covers|focuses on) (.{10,})$"
)
_EXAMPLE = re.compile(r",?\s+(?:e\.g\.,?|such as|for example,?)\s+")
_SO_THAT = re.compile(r",?\s+so(?: that)?\s+(?=[a-z]+\s)")
# "Taking measures to improve air quality" names no means; "Growth … to continue at a faster rate" states no aim.
_VAGUE_MEANS = frozenset(tokens("taking take measures steps action actions work doing"))
_NOT_AIMS = frozenset("continue be remain become rise fall grow".split())
_WH = frozenset("what which who whom whose where when why how whether".split())
_PEOPLE_AND_BODIES = frozenset(
    "leaders staff workers nurses doctors people patients clinicians managers executives professionals individuals "
    "members trusts organisations boards providers commissioners councils employers governments partners".split()
)
# "Reduce delays e.g. step-down beds": what is reduced has no examples; the ways to reduce it do.
_REDUCING = frozenset("reduce cut tackle lower prevent avoid address minimise shorten ease".split())
_TOPIC_ENDS = frozenset("and or including also then now still".split())  # where the noun group before "e.g." starts
_PREPOSITIONS = frozenset(
    "beyond through across within into at for with from on in of by over under between among amongst around about to".split()
)
_STOP = frozenset(
    "the a an of to in on for by with and or is are was were be been will would what which who how does do did when "
    "many much say says should done about according".split()
)
MAX_QUESTION_WORDS = 32


@dataclass(frozen=True)
class Fact:
    kind: Kind
    question: str
    answer: str  # a verbatim part of ``quote``
    quote: str  # the sentence as its passage gives it
    chunk: Chunk
    value_type: str  # what kind of value the answer is, for quiz distractors: "money", "date", "action"…


def place_of(chunk: Chunk) -> str:
    """How a question names where its fact sits: "commitment 3", "chapter 2
    of the NHS Long Term Plan", else the document's title."""
    item = chunk.framework_item
    if chunk.commitment:
        return f"commitment {chunk.commitment}"
    if item and item.framework:
        return f"chapter {item.number} of the {item.framework}" if item.kind == "chapter" else f"{item.kind} {item.number}"
    if chunk.chapter:
        return f"chapter {chunk.chapter}"
    return f"“{chunk.document}”"


def facts_of(chunk: Chunk) -> list[Fact]:
    """Every fact of a passage that makes a presentable question."""
    actor = "the NHS" if "NHS" in chunk.document else "the authors"
    place = place_of(chunk)
    found: list[Fact] = []
    for line in chunk.text.splitlines():
        bullet = line.lstrip().startswith(("- ", "• ", "* "))
        for index, sentence in enumerate(split_sentences(line)):
            text = readable(sentence).strip()
            if len(text.split()) < 4:
                continue
            reader = _Reader(text, chunk, actor, place)
            found += reader.read(bullet and index == 0)
    return list({(f.question.lower(), f.answer.lower()): f for f in found}.values())


class _Reader:
    """The facts of one sentence."""

    def __init__(self, text: str, chunk: Chunk, actor: str, place: str):
        self.text, self.chunk, self.actor, self.place = text, chunk, actor, place
        self.source = ""  # who reports the finding: "NHS staff survey data" (shows that …)
        self.facts: list[Fact] = []

    @property
    def according(self) -> str:
        return f", according to {_lower_first(self.source)}" if self.source else ""

    def read(self, is_bullet: bool) -> list[Fact]:
        text = self.text
        if m := _CLOSING.match(text):
            means = _trimmed(m.group(1).rstrip(". "))
            self._add("rationale", f"What does {self.place} say {means} will achieve?", m.group(2).rstrip("."), "rationale")
            return self.facts
        for m in _APPOSITIVE.finditer(text):
            self._add("body", f"Who is {_lower_first(m.group(1))}?", m.group(2), "person")
        for m in _ACRONYM.finditer(text):
            if expansion := _expansion(m.group(1), m.group(2)):
                self._add("body", f"What does {m.group(2)} stand for?", expansion, "expansion")
        self._examples(text)
        if re.match(r"^[A-Z][a-z]+ing\b[^:]{3,80}:", text):  # "Backing our workforce: we will …"
            self._listed_actions(text)
            self._listed_figures(text)
            return self.facts
        if is_bullet and (self._action(text) or self._listed_topic(text)):
            self._sized(text)
            return self.facts
        if m := _SETS_OUT.match(text):  # "Chapter Four sets out how current workforce pressures will be tackled"
            verb = " ".join([lemma(m.group(1).split()[0]), *m.group(1).split()[1:]])
            covered = m.group(2).rstrip(".")
            if cut := _BOUNDARY.search(covered):
                covered = covered[: cut.start()]
            if 3 <= len(covered.split()) <= 20:
                self._add("statement", f"What does {self.place} {verb}?", covered, "scope")
            if m.group(2).startswith("how ") and (clause := read_clause(m.group(2)[4:])):
                self._from_clause(clause)
            return self.facts
        if _META.match(text):
            self._listed_actions(text)
            return self.facts
        for clause_text in self._clauses(text):
            if self.source and (m := QUANTITY.match(clause_text)):  # "over a third of all staff feel burnt out"
                asked = _trimmed(clause_text[m.end() :])
                self._add("figure", f"{_how_many(m.group(0), '')} {asked}{self.according}?", m.group(0), _value_type(m.group(0)))
            elif clause := read_clause(clause_text):
                self._from_clause(clause)
                self._second_clause(clause)
        self._relative_figure(text)
        self._sized(text)
        self._listed_figures(text)
        return self.facts

    def _clauses(self, text: str) -> list[str]:
        """The sentence, or the clauses a reported finding lists: "data shows
        that almost half of all staff …, over a third feel …"."""
        if m := _THAT.match(text.rstrip(".")):
            self.source = m.group(1)
            parts = _CLAUSE_SPLIT.split(m.group(2))
            group = re.search(r"\bof ((?:all |the )?[a-z]+)\b", parts[0])
            if group:
                parts = [parts[0]] + [
                    re.sub(rf"^({QUANTITY.pattern})", rf"\1 of {group.group(1)}", p, count=1) for p in parts[1:]
                ]
            return parts
        return [text]

    def _from_clause(self, clause: Clause) -> None:
        before = len(self.facts)
        subject = clause.subject
        rest = _trimmed(clause.rest)
        if subject.lower() == "we":
            clause = Clause(clause.lead, self.actor, clause.verb, clause.rest)
        if (m := QUANTITY.match(subject)) and len(subject) > m.end():
            counted = subject[m.end() :].strip()
            wh = _how_many(m.group(0), counted)
            when = f" {_lower_first(clause.lead)}" if re.search(YEAR, clause.lead) else ""  # "In 2019/20, 100,000 women …"
            question = f"{wh} {clause.verb} {rest}{when}{self.according}?".replace(" ?", "?")
            self._add("figure", question, m.group(0), _value_type(m.group(0)))
        elif re.fullmatch(YEAR, subject):
            self._add("date", f"Which year {clause.verb} {rest}?", subject, "date")
        if clause.lead and (m := re.search(YEAR, clause.lead)) and clause.auxiliary:
            wh = "By when" if clause.lead.lower().startswith("by") else "When"
            self._add("date", clause.asking_rest(wh, _without_adverbs(rest)), clause.lead, "date")
        for m in _DATE_SPAN.finditer(rest):
            preposition = m.group(1).lower()
            wh = {"by": "By when", "by the end of": "By when", "until": "Until when", "since": "Since when"}.get(
                preposition, "When"
            )
            if m.group(3):
                wh = "Over which years"
            asked = _trimmed(_cut(rest, m.start(), m.end()))
            self._add("date", clause.asking_rest(wh, asked), m.group(0), "date")
        self._outcome(clause)
        if len(self.facts) == before:
            self._figure_in_rest(clause, rest)
        if len(self.facts) == before:
            self._asking_subject(clause, rest)

    def _second_clause(self, clause: Clause) -> None:
        """ "ICSs will cover the whole country by April 2021 and will then be
        central to the delivery of the Long Term Plan": the second statement
        about the same subject is read as a clause of its own."""
        m = re.search(r"\s+and (will|would|should|must|can|may) (?:then |also |now )?(\S.+)$", clause.rest)
        if m and clause.auxiliary and (second := read_clause(f"{clause.subject} {m.group(1)} {m.group(2)}")):
            self._from_clause(second)

    def _figure_in_rest(self, clause: Clause, rest: str) -> None:
        """The first figure after the verb: "… by at least £4.5bn", "… 20,000 more nurses", "… stands at £12bn"."""
        if not (m := QUANTITY.search(rest)):
            return
        amount = m.group(0)
        before, after = rest[: m.start()].rstrip(), rest[m.end() :]
        counted = _counted_noun(after)
        if before.endswith(" by"):
            self._add("figure", clause.asking_rest("By how much", _trimmed(before[:-3] + after)), amount, _value_type(amount))
        elif counted and _value_type(amount) == "count" and len(before.split()) <= 4 and "," not in before:
            noun, end = counted
            remaining = _trimmed(before + after[end:])
            self._add("figure", clause.asking_rest(f"How many {noun}", remaining), amount, "count")
        elif not _trimmed(after).strip() and re.search(r"\b(?:at|to|of|from|around|about)$", before):
            self._add("figure", clause.asking_rest(_how_many(amount, ""), before), amount, _value_type(amount))

    def _relative_figure(self, text: str) -> None:
        """ "… the rising maintenance backlog which now stands at around £12bn"."""
        m = re.search(
            rf"\b(the (?:[\w-]+ ){{0,5}}[\w-]+),? (?:which|that) (now |currently )?(\w+s) (at|to) ({QUANTITY.pattern})", text
        )
        if m and (clause := read_clause(f"{m.group(1)} {m.group(2) or ''}{m.group(3)} {m.group(4)}")):
            self._add("figure", clause.asking_rest(_how_many(m.group(5), ""), clause.rest), m.group(5), _value_type(m.group(5)))

    def _sized(self, text: str) -> None:
        """ "the maintenance backlog of nearly £12bn" → "How large is the maintenance backlog?"."""
        for m in re.finditer(rf"\b(the (?:[\w-]+ ){{0,4}}[\w-]+) of ({QUANTITY.pattern})", text):
            if _value_type(m.group(2)) in ("money", "percent"):
                self._add("figure", f"How large is {m.group(1)}, according to {self.place}?", m.group(2), _value_type(m.group(2)))

    def _listed_figures(self, text: str) -> None:
        """Figures inside a list of what is planned: "… including thousands
        more clinical placements for undergraduate nurses, hundreds more
        medical school places" → "How many more clinical placements for
        undergraduate nurses will there be, …?"."""
        asked = {f.answer.lower() for f in self.facts if f.kind == "figure"}
        for m in QUANTITY.finditer(text):
            amount = m.group(0)
            if amount.lower() in asked or _value_type(amount) != "count" or not re.search(r"\bwill\b", text[: m.start()]):
                continue
            counted = _counted_noun(text[m.end() :], longest=5)
            if not counted or not re.match(r"(?:more|extra|additional|new) \w", counted[0]):
                continue  # "over 900,000 people" says too little to ask about
            noun, end = counted
            qualifier = re.match(
                r"^\s+((?:for|of|in|at) [\w-]+(?: [\w-]+){0,3}?)(?=,|\.|;|\s[–—-]|$| and\b)", text[m.end() + end :]
            )
            named = f"{noun} {qualifier.group(1)}" if qualifier else noun
            self._add("figure", f"How many {named} will there be, according to {self.place}?", amount, "count")

    def _examples(self, text: str) -> None:
        """ "Improve retention of staff e.g. flexible rostering, more flexible
        careers" → "What does chapter 4 give as examples of ways to improve
        retention of staff?"."""
        for m in _EXAMPLE.finditer(text):
            listed = re.split(r";|\s[–—-]\s|\s\(|\.\s|\.$|,?\s+(?:etc\b|and so on)", text[m.end() :])[0].strip(" ,.")
            topic = _example_topic(text[: m.start()])
            if not topic or not 1 <= len(listed.split()) <= 14 or _UNRESOLVED.search(listed):
                continue
            several = re.search(r",|\band\b|\bor\b", listed)
            noun = "examples" if several else "an example"
            self._add("example", f"What does {self.place} give as {noun} of {topic}?", listed, "example")

    def _outcome(self, clause: Clause) -> None:
        """What an action leads to. "We will also make the NHS a better place
        to work, so more staff stay in the NHS" → "Why will the NHS make
        itself a better place to work?"; "Funding allocations … will be set
        out …, which will enable local system plans to be drawn up" → "What
        will funding allocations for the whole system enable?"."""
        if not clause.auxiliary:
            return
        if m := _SO_THAT.search(clause.rest):
            done = _without_adverbs(clause.rest[: m.start()])
            if clause.subject == self.actor:
                done = re.sub(rf"\b{re.escape(self.actor)}\b", "itself", done, count=1)
            outcome = clause.rest[m.start() :].strip(" ,")
            if len(outcome.split()) > 12 and " and " in outcome:
                outcome = outcome.split(" and ")[0]  # "so more staff stay in the NHS" (and feel able to …)
            if len(done.split()) >= 3 and len(outcome.split()) <= 14:
                self._add("rationale", clause.asking_rest("Why", done), outcome, "rationale")
        m = re.search(r",?\s+which will ([a-z]+) (.+)$", clause.rest)
        if m and is_base_verb(m.group(1)) and clause.subject != self.actor:
            question = Clause(clause.lead, clause.subject, "will", "").asking_rest("What", m.group(1))
            self._add("rationale", question, _trimmed(m.group(2)), "rationale")

    def _asking_subject(self, clause: Clause, rest: str) -> None:
        subject = clause.subject
        if subject.lower() in ("we", self.actor.lower()) or _META.match(subject) or len(subject.split()) > 8:
            return
        named = not re.match(r"^(?:Every|All|Each|Most|Some|Many|Any)\b", subject) and bool(
            re.match(r"^(?:The )?[A-Z][\w'-]*(?: (?:of|for|and|the)?\s*[A-Z][\w'-]*)+$", subject)
        )
        head = subject.split()[-1].lower()
        if named and re.search(
            r"\b(?:NHS|Board|College|Council|Trust|Department|England|Providers|Foundation|Institute|Agency|Commission)\b",
            subject,
        ):
            wh = "Which organisation"
        elif head in _PEOPLE_AND_BODIES:
            wh = "Who"  # "NHS leaders understand …" → "Who understands …?"
        else:
            wh = "What"
        question = Clause(clause.lead, subject, clause.verb, rest).asking_subject(wh)
        self._add("body" if named else "statement", question, subject, "body" if named else "statement")

    def _action(self, text: str) -> bool:
        """A list item: "Fund and deliver the NHS long-term workforce plan."
        or "Redesigned hospital support to reduce the need for …"."""
        words = text.rstrip(".").split()
        purpose = _purpose(text.rstrip("."))
        if is_base_verb(words[0]):
            self._further_actions(text.rstrip("."))
            done = _trimmed(text[: _purpose_start(text)])  # "Reform and fund social care" (to put it on …)
            if purpose:
                self._add("action", f"How does {self.place} propose to {purpose[1]}?", done, "action")
            elif target := _object_of(done.split()):
                self._add("action", f"What does {self.place} say should be done about {target}?", done, "action")
            return True
        if purpose and not read_clause(text):
            start, stated = purpose
            means = text[:start].strip()
            substance = [w for w in tokens(means) if w not in _VAGUE_MEANS]
            complete = not re.search(r"\b(?:and|or)\s+\w+ing$", means)  # "Maintaining good progress and continuing" (what?)
            if 2 <= len(means.split()) <= 8 and len(substance) >= 2 and stated.split()[0] not in _NOT_AIMS and complete:
                self._add("action", f"What does {self.place} include to {stated}?", means, "action")
                return True
        return False

    def _further_actions(self, text: str) -> None:
        """The second action of a list item: "Agree a definition of …, and
        pursue equity of mental health care, with a focus on …"."""
        for m in re.finditer(r",?\s+and\s+(?=([a-z]+)\s)", text):
            if len(text[: m.start()].split()) < 3 or not is_base_verb(m.group(1)) or "NOUN" in getAllLemmas(m.group(1)):
                continue  # "Fund and deliver the plan" is one action with two verbs
            action = _trimmed(text[m.end() :])
            action = _trimmed(action[: _purpose_start(action)])
            if (target := _object_of(action.split())) and len(action.split()) <= 16:
                self._add("action", f"What does {self.place} say should be done about {target}?", action, "action")

    def _listed_topic(self, text: str) -> bool:
        """A list item that is a noun phrase: "Increased drive for efficiency
        and reforms to NHS architecture …" → "What does chapter 6 say about
        the drive for efficiency?"."""
        words = text.rstrip(".").split()
        if not re.fullmatch(r"[A-Z][a-z]+(?:ed|ing)", words[0]):
            return False
        topic = re.split(r"\s(?:and|along with|as well as|to|in order to|so that|,)\s|,", " ".join(words[1:]), maxsplit=1)[0]
        if not 2 <= len(topic.split()) <= 8 or {topic.split()[0].lower(), topic.split()[-1].lower()} & _DANGLING - {
            "the",
            "a",
            "an",
        }:
            return False
        article = "" if topic.split()[0].lower() in ("the", "a", "an") else "the "
        self._add("action", f"What does {self.place} say about {article}{topic}?", _trimmed(text), "action")
        return True

    def _listed_actions(self, text: str) -> None:
        """ "Getting the most out of …: we will continue working with …, make
        better use of …, and reduce spend on administration." – one fact per
        action."""
        m = re.search(r"\bwe will (.+)$", text.rstrip("."))
        if not m:
            return
        actions: list[str] = []
        for piece in re.split(r",\s+(?:and\s+)?", m.group(1)):
            if actions and not is_base_verb(piece.split()[0]):
                actions[-1] += ", " + piece  # "between GPs, their teams and community services"
            else:
                actions.append(piece)
        for action in actions:
            words = action.split()
            if purpose := _purpose(action):
                start, stated = purpose
                self._add(
                    "action", f"How will {self.actor} {stated}, according to {self.place}?", _trimmed(action[:start]), "action"
                )
            elif is_base_verb(words[0]) and (target := _object_of(words)):
                self._add(
                    "action", f"What will {self.actor} do about {target}, according to {self.place}?", _trimmed(action), "action"
                )

    def _add(self, kind: Kind, question: str | None, answer: str, value_type: str) -> None:
        if not question:
            return
        question = re.sub(r"\s+", " ", question).replace(" ,", ",").replace(",?", "?").strip()
        question = capitalised(question)
        answer = answer.strip(" ,.;:")
        if not answer or answer.count("(") != answer.count(")") or answer.split()[-1].lower() in _DANGLING | _WH:
            return
        if presentable(question, answer) and answer.lower() in self.text.lower():
            self.facts.append(Fact(kind, question, answer, self.text, self.chunk, value_type))


def presentable(question: str, answer: str) -> bool:
    """Reads as a question and does not give its answer away."""
    words = question.rstrip("?").split()
    dangling = words[-1].lower() in _DANGLING and words[-2:] != ["stand", "for"]  # "What does CDEL stand for?" is whole
    if not 5 <= len(words) <= MAX_QUESTION_WORDS or dangling:
        return False
    if question.count("(") != question.count(")") or question.count("“") != question.count("”") or "..." in question:
        return False
    if _UNRESOLVED.search(question.replace("according to", "")):
        return False
    if QUANTITY.fullmatch(answer) or re.fullmatch(rf"(?i:[a-z ]*){YEAR}", answer):
        return answer.lower() not in question.lower()
    if re.match(r"^(?:our|we|their|its|this|these|those|it)\b", answer, re.IGNORECASE):
        return False
    answer_words = set(tokens(answer)) - _STOP
    return bool(answer_words) and not answer_words <= set(tokens(question))


def _trimmed(text: str, shorten: bool = True) -> str:
    """A phrase cut at its first clause boundary, never inside a list
    ("the equality, diversity and inclusivity of the NHS" stays whole)."""
    text = text.strip().rstrip(".")
    if m := _BOUNDARY.search(text):
        text = text[: m.start()]
    pieces = text.split(", ")
    kept = [pieces[0]]
    for index, piece in enumerate(pieces[1:], start=1):
        size = len(piece.split())
        closing = re.match(r"^(?:and|or)\s", piece) and size <= 6
        listed = re.match(r"^(?:\S+\s+){1,3}(?:and|or)\s", piece)
        more = size <= 4 and re.search(r"\b(?:and|or)\b", ", ".join(pieces[index + 1 :]))
        if not (closing or listed or more):
            break
        kept.append(piece)
    text = ", ".join(kept).strip(" ,.")
    if shorten and (_UNRESOLVED.search(text) or len(text.split()) > 18):  # "… a transition year with each CCG … their plans"
        shorter = re.split(r"\s(?:with|which|that|where|who|so|through|using|via|because|whereby)\s", text, maxsplit=1)[0]
        text = shorter if len(shorter.split()) >= 2 else text
    return text


def _purpose(text: str) -> tuple[int, str] | None:
    """Where an action's purpose starts and what it is: "Increase CDEL to
    provide greater flexibility …" → (13, "provide greater flexibility …")."""
    start = _purpose_start(text)
    m = _PURPOSE.match(text, start)
    if not m or _UNRESOLVED.search(m.group(0)):
        return None
    return start, _trimmed(f"{m.group(1)} {m.group(2)}")


def _purpose_start(text: str) -> int:
    """Where a purpose clause starts, even one whose words cannot be asked
    ("… to support the NHS in focusing its resources"), else the end. The
    "to" of "continue to increase" starts an object, not a purpose, and only
    the first other "to" is read ("System to enable …" is a name)."""
    for m in re.finditer(r"\s(?:to|in order to)\s+([a-z]+)\s", text):
        before = text[: m.start()].split()
        if before and before[-1].lower() in _NOT_PURPOSE:
            continue
        return m.start() if is_base_verb(m.group(1)) and len(before) >= 2 else len(text)
    return len(text)


def _cut(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", f"{text[:start]} {text[end:]}").strip(" ,")


def _without_adverbs(rest: str) -> str:
    return re.sub(r"^(?:also|now|then|still)\s+", "", rest)


def _object_of(words: list[str]) -> str | None:
    """What an action is about: "Fund and deliver the NHS long-term
    workforce plan" → "the NHS long-term workforce plan"."""
    index = 1
    while index < len(words):
        word = words[index]
        joined = words[index - 1] in ("and", "or", "to")  # "Fund and deliver", "Commit to supporting"
        if word in ("and", "or", "to", "out", "up", "down", "in", "on", "into") or (
            joined and (is_base_verb(word) or word.endswith("ing"))
        ):
            index += 1
        else:
            break
    rest: list[str] = []
    for position, word in enumerate(words[index:], start=index):
        following = words[position + 1] if position + 1 < len(words) else ""
        if word == "and" and (is_base_verb(following) or following.endswith("ing")):
            break  # "… the NHS bed base and transform the estate": a second action
        rest.append(word)
    target = re.sub(rf"\s+of\s+(?:{QUANTITY.pattern})$", "", _trimmed(" ".join(rest), shorten=False))
    content = [w for w in tokens(target) if w not in _STOP]
    if not target or target.split()[0].lower() in _PREPOSITIONS | {"their", "its", "his", "her"}:
        return None  # "See beyond the urgent and emergency care pathway": no object to ask about
    return target if len(content) >= 2 and len(target.split()) <= 14 and not _UNRESOLVED.search(target) else None


def _counted_noun(after: str, longest: int = 3) -> tuple[str, int] | None:
    """What a number counts, when it is a plain noun group right after it:
    "20,000 more nurses by 2024" → ("more nurses", end)."""
    words = list(re.finditer(r"[A-Za-z-]+", after[:80]))
    kept: list[re.Match] = []
    for m in words:
        if m.start() != (kept[-1].end() + 1 if kept else 1) or len(kept) == longest:
            break
        word = m.group(0).lower()
        if word in ("more", "extra", "additional", "new", "fewer") and not kept:
            kept.append(m)
            continue
        lemmas = getAllLemmas(word)
        if word in _STOP or not ({"NOUN", "ADJ"} & set(lemmas)):
            break
        kept.append(m)
    while kept and "NOUN" not in getAllLemmas(kept[-1].group(0).lower()):
        kept.pop()
    return (" ".join(m.group(0) for m in kept), kept[-1].end()) if kept else None


def _how_many(amount: str, counted: str) -> str:
    asking = {"money": "How much", "percent": "What percentage", "share": "What share"}.get(_value_type(amount), "How many")
    return f"{asking} {counted}".strip()


def _value_type(amount: str) -> str:
    if re.search(r"[£$€]", amount):
        return "money"
    if re.search(r"%|per cent", amount):
        return "percent"
    if re.search(_SHARE, amount, re.IGNORECASE):
        return "share"
    return "count"


def _expansion(words: str, acronym: str) -> str | None:
    """The words an acronym stands for, read back from its initials."""
    letters = acronym.rstrip("s")
    candidates = words.split()
    for size in range(len(letters), min(len(candidates), len(letters) + 2) + 1):
        tail = candidates[-size:]
        initials = "".join(w[0] for w in tail if w.lower().rstrip(",") not in ("of", "and", "for", "the", "&")).upper()
        if initials == letters:
            return " ".join(tail)
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _example_topic(before: str) -> str | None:
    """What a list of examples illustrates: the noun group just before "e.g."
    ("develop new routes into nursing e.g. apprenticeships": routes), or,
    when that names an activity rather than things, the action itself
    ("improve retention of staff e.g. flexible rostering": ways to improve
    retention of staff)."""
    words = before.split()
    kept: list[str] = []
    for word in reversed(words[-8:]):
        bare = word.strip(",")
        if word.endswith(",") or "(" in word or bare.lower() in _TOPIC_ENDS or bare.lower() in AUXILIARIES:
            if kept and bare.lower() not in ("and", "or", "including") and is_base_verb(kept[0]):
                kept.pop(0)  # "will also trial the use of …": "trial" is the verb
            break
        if is_base_verb(bare) and "NOUN" not in getAllLemmas(bare.lower()):
            if kept and (re.search(r"(?:ion|ment|ance|ence|ity)$", kept[0]) or bare.lower() in _REDUCING):
                kept.insert(0, f"ways to {bare.lower()}")  # "improve retention e.g. flexible rostering": ways to improve it
            break
        kept.insert(0, bare)
    while kept and kept[0].lower() in ("more", "further", "additional", "extra"):
        kept.pop(0)
    topic = " ".join(kept)
    content = [w for w in tokens(topic) if w not in _STOP]
    if not content or len(topic.split()) > 9 or {kept[0].lower(), kept[-1].lower()} & (_DANGLING | _PREPOSITIONS) - {"the"}:
        return None
    if _UNRESOLVED.search(topic):
        return None
    return topic
