"""The shape of a plain declarative clause, enough to turn it into a question.

A briefing question is the clause it comes from with one part asked for:
"ICSs will cover the whole country by April 2021" → "By when will ICSs
cover the whole country?". That needs the clause's subject, its verb group
(an auxiliary such as "will", else an inflected main verb, which the
question turns into "does … stand" or "did … rise"), and the rest. No tagger
model ships here, so the verb is found with lemminflect's word lists, which
tell a verb form ("stands", "rose") from a base word ("staff", "survey").
Clauses it cannot read are left alone: a question is only ever written from
a shape that was recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllLemmas, getInflection

AUXILIARIES = frozenset("will would shall should must can could may might is are was were has have had does do did".split())
_SINGULAR = {"are": "is", "were": "was", "have": "has", "do": "does"}
# Words that open a clause before its subject: "By April 2021, …", "However, …".
_LEAD_WORDS = frozenset(
    "by in as alongside however through from since over under with for during after before following within "
    "until therefore meanwhile overall today currently first second third finally additionally moreover furthermore".split()
)
_PRONOUNS = frozenset("it this these those that there they them which what who such some each here".split())
_OPENERS = frozenset("to if when as while although because addressing where whether how why what which who".split())
# Words lemminflect also lists as verbs that never are one right after a subject.
_NOT_VERBS = frozenset("over under up down out back near round still well more less better further once".split())
_DETERMINERS = frozenset("the a an of to in for and or with by on these this those our their its his her more most".split())
# Verbs a "to" infinitive follows: "plans to expand" is a verb; "services to continue" is not.
_TAKES_TO = frozenset(
    "plan aim need seek want hope promise intend continue help fail tend expect propose commit agree decide ask allow "
    "enable encourage require appear struggle work".split()
)
MAX_SUBJECT_WORDS = 12


@dataclass(frozen=True)
class Clause:
    """``lead`` ("By April 2021"), ``subject``, ``verb`` (an auxiliary, or a
    main verb when there is none) and ``rest`` (what follows the verb)."""

    lead: str
    subject: str
    verb: str
    rest: str

    @property
    def auxiliary(self) -> bool:
        return self.verb.lower() in AUXILIARIES

    def asking_subject(self, wh: str) -> str:
        """ "What leaves trusts with little headroom …?": the subject asked for."""
        verb, rest = self.verb.lower(), self.rest
        if self.auxiliary:
            verb = _SINGULAR.get(verb, verb)
        else:
            rest = rest.partition(" ")[2]  # the rest opens with the verb's base form
            if verb_form(verb) == "VBP":
                verb = getInflection(lemma(verb), "VBZ")[0]
        return f"{wh} {verb} {rest}?"

    def asking_rest(self, wh: str, rest: str) -> str | None:
        """ "By when will ICSs cover the whole country?": a part of the rest
        asked for, with the subject after the auxiliary (or "does"/"did")."""
        subject = self.subject_in_question
        if self.auxiliary:
            return f"{wh} {self.verb.lower()} {subject} {rest}?".replace("  ", " ")
        form = verb_form(self.verb)
        helper = {"VBZ": "does", "VBP": "do", "VBD": "did"}.get(form or "")
        if not helper:
            return None
        return f"{wh} {helper} {subject} {rest.strip()}?" if rest.strip() else None

    @property
    def subject_in_question(self) -> str:
        words = self.subject.split()
        # "Link workers" → "link workers"; "Integrated Care Systems" keeps its capitals
        if words[0] in ("The", "A", "An") or (_common_word(words[0]) and not (len(words) > 1 and words[1][:1].isupper())):
            words[0] = words[0].lower()
        return " ".join(words)


def read_clause(text: str) -> Clause | None:
    """The clause's parts, or None when its shape is not a plain statement."""
    text = text.strip().rstrip(".;:")
    lead = ""
    if (m := re.match(r"^([A-Z][^,]{0,60}),\s+(?=[A-Za-z])", text)) and m.group(1).split()[0].lower() in _LEAD_WORDS:
        lead, text = m.group(1), text[m.end() :]
        if not text[:1].isupper():
            return None  # a second opening phrase: "Alongside this, to meet …, the NHS needs"
    elif m := re.match(r"^(In (?:\w+ )?(?:19|20)\d\d(?:/\d\d)?)\s+(?=[a-z])", text):  # "In 2019 we will …"
        lead, text = m.group(1), text[m.end() :]
    words = text.split()
    index = _verb_index(words)
    if index is None:
        return None
    verb = words[index].strip(",;:")
    subject = " ".join(words[:index]).strip(",")
    rest = " ".join(words[index + 1 :])
    if ", " in subject and len(subject.rsplit(", ", 1)[1].split()) <= 3:  # "Working with local authorities, we"
        lead, subject = subject.rsplit(", ", 1)
    first = subject.split()[0]
    if (first.islower() and first not in ("we", "the", "a", "an")) or first.lower() in ("our", "their", "its"):
        return None
    if not rest or (first.lower() in _PRONOUNS and subject.lower() != "we") or first.lower() in _OPENERS:
        return None
    if verb.lower() not in AUXILIARIES:  # the question uses the main verb's base form: "does … stand at"
        rest = f"{lemma(verb)} {rest}"
    return Clause(lead, subject, verb, rest)


def _verb_index(words: list[str]) -> int | None:
    """Where the verb group starts: the first auxiliary or unambiguous verb
    form, else the first word that may be a verb ("stands" may be a noun)."""
    maybe = None
    for index in range(1, min(len(words), MAX_SUBJECT_WORDS + 1)):
        word, previous = words[index], words[index - 1]
        if previous.endswith((";", ":")):
            return None
        bare = word.strip(",")
        if bare.lower() in AUXILIARIES:
            return index
        if not bare.isalpha() or not bare.islower() or bare in _NOT_VERBS or not _after_noun(previous):
            continue
        form = verb_form(bare)
        if form == "VBP" and not previous.endswith("s"):
            continue
        if form and "NOUN" not in getAllLemmas(bare):
            return index
        following = words[index + 1] if index + 1 < len(words) else ""
        if following == "to" and lemma(bare) not in _TAKES_TO:
            continue  # "mental health services to continue …": a noun with its infinitive
        if following == "by" and bare.endswith("ed"):
            continue  # "People affected by homelessness die …": a participle, not the verb
        if form and maybe is None and not word.endswith(",") and following not in ("and", "or"):
            maybe = index  # "personal health budgets and support" lists nouns
    return maybe


def _after_noun(previous: str) -> bool:
    """A verb follows its subject's last word, never "the", "of" or "to"."""
    return previous.isalpha() and previous.lower() not in _DETERMINERS


@lru_cache(maxsize=4096)
def verb_form(word: str) -> str | None:
    """ "VBZ" for "stands", "VBD" for "rose", "VBP" for "leave" (a present
    plural or base form), None for a word that is no finite verb form."""
    lower = word.lower()
    lemmas = getAllLemmas(lower)
    if "VERB" not in lemmas:
        return None
    base = lemmas["VERB"][0]
    if lower == base:
        return "VBP"
    if lower in getInflection(base, "VBZ"):
        return "VBZ"
    if lower in getInflection(base, "VBD"):
        return "VBD"
    return None


@lru_cache(maxsize=4096)
def lemma(word: str) -> str:
    lemmas = getAllLemmas(word.lower())
    return lemmas["VERB"][0] if "VERB" in lemmas else word.lower()


@lru_cache(maxsize=4096)
def is_base_verb(word: str) -> bool:
    """ "Fund", "deliver", "continue": a verb in its base form (an imperative)."""
    lower = word.lower()
    lemmas = getAllLemmas(lower)
    return "VERB" in lemmas and lemmas["VERB"][0] == lower and lower not in AUXILIARIES and "DET" not in lemmas


def _common_word(word: str) -> bool:
    """Capitalised only because it opens the sentence ("Link workers")."""
    return bool(getAllLemmas(word.lower())) and not word.isupper()
