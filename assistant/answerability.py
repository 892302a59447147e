"""Whether sentences answer the question, as opposed to merely sharing its words.

Grounding says each answer sentence is supported by its citation;
answerability says the cited sentences contain what the question asks for.
A part of a question (see ``asked``) is answered by a sentence when

* the sentence holds an answer of the part's kind (its *slot*): a date for
  "when", a sum of money for "how much … cost", a number for "how many", a
  length of time for "how long", a person or body for "who", a place for
  "where", a result (a figure or a change that happened) for "what did X
  conclude"; a figure the question itself gives does not count, nor does
  a sentence about another year than the one asked, nor a plan when the
  question asks what has happened so far;
* the sentence is about the part's subject: enough of the subject's terms,
  weighted by rarity (IDF), are in the sentence, its headings, or its
  passage (``MIN_COVERAGE``), and each name the question gives is there
  (a place it is asked "in" must be in the passage itself); for a figure
  or a date, half that weight must be in the sentence itself or the one
  it continues (``MIN_BESIDE``), what the figure counts must be in the
  sentence, right after the number where there is one, and a
  who-question's verb must be there too;
* every subject noun the documents never use is matched by a word of the
  sentence close to it in meaning ("quitting" ~ "leaving") or naming the
  same change ("cut" ~ "reducing"), or else it is what the documents lack
  ("salary", "mayor"); a word that only describes ("dangerous") counts
  against coverage but lacks nothing.

A name the documents never use at all ("Wales", "the King's Fund") leaves
its part unanswered whatever else matches.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from vectorstore import Passage
from vectorstore.keyword import STOPWORDS, tokens
from vectorstore.word_vectors import vocabulary

from .asked import SO_FAR, Asked, names_in
from .change_words import extra_by_figure, names_rise_or_fall, same_change
from .figures import YEAR, counted_phrases, restates, same_years
from .models import Answerability, Citation, PartVerdict
from .passage_context import PassageContext, context_of, initials_of, phrase_initials, spelled_out_in, terms_of
from .sentences import marks_of, readable, split_sentences, without_marks
from .slots import PLACE_REFERENCE, SLOTS, SPECIFIC_SLOTS
from .word_forms import DOCUMENT_NOUNS, PERSON_NOUNS, base_form, describes, has_form, stem_of
from .word_similarity import WordSimilarity

# Share of a part's subject weight (IDF) an answering sentence must cover.
# Chosen on evals/dev.jsonl; evals/test.jsonl was not consulted.
MIN_COVERAGE = 0.6
# Share of the weight a sentence must cover, the unknown word's included, for a
# word the documents never use to be taken as the question's own phrasing
# ("which website": "the nhs.uk platform") rather than what they lack. Chosen
# on evals/dev.jsonl, where no near miss declined for such a word covers more than 0.77.
MIN_COVERAGE_DESPITE_UNKNOWN = 0.8
# Cosine similarity at which a question word counts as a sentence's word in
# other words; single-word MiniLM vectors put synonyms above it
# ("employees"/"staff" 0.72, "quitting"/"leaving" 0.65) and mere neighbours
# below ("minister"/"government" 0.56, "salary"/"pay" 0.52).
MIN_WORD_SIMILARITY = 0.6
# A sentence that covers only part of a described subject in the question's
# words ("what would a sustainable settlement make easier to see": "… would
# provide greater clarity") still answers it when, read whole, it is this
# close in meaning to the question. Only for questions that ask for no figure,
# date or name, and only from this much coverage: below it, a near miss that
# shares the topic but not what is asked is as close. Chosen on
# evals/dev.jsonl, where the closest near miss in that band scores 0.625.
MIN_SENTENCE_SIMILARITY = 0.65
MIN_COVERAGE_BY_MEANING = 0.4
# Credit for a term found only in the sentence's headings or elsewhere in
# its passage. A figure, date or length of time must sit in the same
# sentence as what it measures: "£12bn" in the infrastructure commitment is
# the backlog's, not the programme's cost.
_CREDIT = {"specific": (0.35, 0.25), "general": (0.7, 0.4)}
# Credit for a term the sentence has only in other words ("cut" / "reducing"):
# nearly full, so that a sentence using the question's own word ranks first.
_OTHER_WORDS = 0.9
# For a figure or a date, the share of the subject's weight that must be in
# the sentence itself (or the one it continues), not only in its headings.
MIN_BESIDE = 0.5
# A word standing alone after a determiner or preposition, as a name shortened to it is.
_SHORTENED = re.compile(r"\b(?:the|this|that|these|those|its|their|for|of|to|a|an|in|on|with|by)\s+([a-z][a-z-]{3,})\b")
# How many words either side of a figure may name what it measures ("the rising
# maintenance backlog which now stands at around £12bn").
_FIGURE_REACH = 10
# BM25's IDF of a word in about one passage in twelve: a name word that
# common ("England", "Board") does not single out a passage.
_COMMON_IDF = 2.5
_PERSONS = {t for w in PERSON_NOUNS for t in tokens(w)}
# What most figures in these documents are of; naming it does not say which figure.
_GENERIC_MEASURES = frozenset({"nhs", "health", "care", "peopl", "people", "person", "time"})
# A sentence about what is planned: it does not say what has happened so far.
_PLANNED = re.compile(
    r"\b(?:will|(?:over|in|within) the next|plans? to|aims? to|expects? to|by 20\d\d|continu(?:e|es|ing)|(?:is|are) to)\b",
    re.IGNORECASE,
)
# "What are Integrated Care Systems?", "what is NHS IMPACT?": a question asking what a thing is.
_DEFINITION_ASKED = re.compile(r"^what (?:is|are) (?:an? |the )?([\w'’ -]{3,60}?)\s*\?*$", re.IGNORECASE)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
# How many words from "charities" a name may stand and still be named as one.
_NAMED_AS_REACH = 8
# A sentence reporting what people said: a verb of saying, or their words quoted.
_REPORTS = re.compile(
    r"\b(?:said|says|say|told|added|stated|states|urged|urges|urging|called for|calls for|calling for|asked for|asks for"
    r"|argued|argues|warned|warns|welcomed|welcomes|recommended|recommends|proposed|proposes|suggested|suggests"
    r"|concluded|concludes|commented|comments that|reported|reports that|demanded|demands|believe[sd]?|felt|feel"
    r"|shows?|showed|found)\b|[“\"]",
    re.IGNORECASE,
)
# An item of a list that opens with what is to be done, in lower case: "preventing 150,000 heart attacks".
_AIM_ITEM = re.compile(r"^\W*[a-z]+ing\b")
_ASKS_FUTURE = re.compile(r"\bhow (?:will|would|is .{1,60}? going to|are .{1,60}? going to)\b", re.IGNORECASE)
# A sentence telling what once was: "previously", "had been", "until 2019", "since 2010".
_WAS = re.compile(
    r"\b(?:before|previously|formerly|former|prior|used to|had been|until|since|then|at the time|in (?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_ASKS_HOW_MANY_UNITS = re.compile(r"\bhow many (?:years|months|weeks|days|hours|minutes)\b")
_VAGUE_SPAN = re.compile(r"\b(?:many|few|multiple|several)[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b", re.I)
_ASKS_YEAR = re.compile(r"\b(?:what|which) year\b", re.IGNORECASE)
# Words that give a reason or a purpose, for "why" questions.
_REASON = re.compile(
    r"\b(?:because|since|so|so that|in order to|due to|owing to|thanks to|given that|as a result|result(?:s|ed|ing)? in"
    r"|lead(?:s|ing)? to|means?|essential|vital|critical|crucial|key|necessary|needed|important|factor|evidence|shows?"
    r"|if|unless|likely|risk|benefits?|better|more \w+ than|not (?:sufficient|enough)|insufficient|enabl\w*|help\w*)\b",
    re.IGNORECASE,
)
_PURPOSE = re.compile(r"\b([A-Za-z]+)\s+to\s+([a-z]+)\b")
# "asked to note", "is to build": a request or a description, not a purpose.
_NOT_PURPOSE_BEFORE = frozenset(
    "asked required expected invited going want wants wanted is are was were has have had used able due subject".split()
)
# Words after "to" that are not verbs: "contributing to a local plan", "to 2023/24".
_NOT_VERBS = frozenset(
    "a an the their its our this these those his her my your all each every some any other more most local national "
    "be people patients staff".split()
)
# The country a national document is about, and how its sentences say it.
_COUNTRIES = frozenset({"england", "uk", "britain"})
_THE_COUNTRY = re.compile(r"\b(?:the (?:whole |entire )?country|nationally|nationwide)\b", re.IGNORECASE)
# A sentence that ranks something by size: "the most profound impact", "the largest employer", "highest rate".
_RANKS = re.compile(
    r"\b(?:most|least|largest|biggest|highest|lowest|greatest|smallest|fewest"
    r"|deepest|strongest|fastest|widest|longest|shortest|oldest|newest|poorest|richest|hardest|\w+iest)\b",
    re.IGNORECASE,
)
# A figure for one year is a figure per year: "In 2017, 3.5% (9.5 billion miles) …", "in 2019/20".
_IN_A_YEAR = re.compile(r"\b(?:in|during|for|by)\s+(?:19|20)\d\d(?:[/-]\d\d)?\b", re.IGNORECASE)
# A hyphenated compound ("world-leading", "long-term") describes; it does not say anyone does anything.
_COMPOUND = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")
# Kinds of answer to "which … " that any name is: "which body" is answered by "NHS England".
# Words that open a sentence before a name without being part of it: "The NHS", "In England".
_OPENING_WORDS = frozenset(
    "the a an this these that those our its their in on at by for with from as if when while after before since "
    "however although through under over".split()
)
_ANY_BODY = frozenset(
    t for w in "organisation organization body bodies person people group team official partner".split() for t in tokens(w)
)
# Places "which …" asks the name of: "which hospitals" is not answered by "in hospitals".
_HOSPITAL = frozenset(tokens("hospital"))
_NAMED_PLACES = frozenset(t for w in "hospital city cities town country countries".split() for t in tokens(w))
# What says who wrote a text: "written by", "authors", "by NHS Providers".
_AUTHORED = re.compile(
    r"\b(?:authors?|authored|wr[io]te|written|prepared|produced|drafted|compiled|signed)\b|\bby\s+(?:the\s+)?[A-Z]"
)
# Numbers and ordinals in words, which other numbers never stand in for. Not "one", as often "one another".
_NUMERAL = re.compile(
    r"^(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?"
    r"|millions?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)?)$",
    re.IGNORECASE,
)
_COUNTRY = frozenset(tokens("country countries"))
_NATIONS = frozenset("england scotland wales britain uk united kingdom northern ireland".split())
_GENERIC_NAME_WORDS = frozenset({"nhs", "the", "of", "for", "and", "uk", "national", "health", "care"})
_DOCUMENT_WORDS = frozenset(DOCUMENT_NOUNS.split("|"))


@dataclass(frozen=True)
class Evidence:
    """A sentence that answers a part, and where it is."""

    passage: int
    order: int
    sentence: str
    coverage: float


class AnswerabilityCheck:
    def __init__(self, idf: dict[str, float], words: frozenset[str], similarity: WordSimilarity | None):
        """``idf`` weighs subject terms; ``words`` is every word the documents
        use as written; ``similarity`` matches words they never use (None:
        such words always count as missing)."""
        self.idf = idf
        self.words = words
        self.similarity = similarity
        self._average = sum(idf.values()) / len(idf) if idf else 1.0
        self._sorted_words = sorted(words)
        self._known: dict[str, bool] = {}

    def unmentioned_names(self, part: Asked, acronyms: bool = True) -> list[str]:
        """The part's names of which a capitalised word never occurs in the
        documents. An acronym may still be spelled out in a sentence ("AI",
        "artificial intelligence"): without ``acronyms``, names that are only
        acronyms are left for each sentence to judge (``names_found``)."""
        return [
            name
            for name in part.names
            if any(w[:1].isupper() and w.lower() not in self.words for w in re.findall(r"[A-Za-z]+", name))
            and (acronyms or not name.isupper())
        ]

    def assess(self, parts: list[Asked], answer: str, citations: list[Citation]) -> Answerability:
        """The verdict on an answer: only its own sentences, each read with the
        passage it cites, can answer a part."""
        quoted: dict[int, list[str]] = {}
        for sentence in split_sentences(answer):
            for n in marks_of(sentence):
                quoted.setdefault(n, []).append(without_marks(sentence))
        cited = [c for c in citations if c.n in quoted]
        said = [quoted[c.n] for c in cited]
        return self.judge(parts, [next(iter(self.evidence(part, cited, said, by_meaning=True)), None) for part in parts])

    def evidence(
        self, part: Asked, passages: Sequence[Passage], sentences: list[list[str]] | None = None, by_meaning: bool = False
    ) -> list[Evidence]:
        """Every sentence of ``passages`` (or of ``sentences``, one list per
        passage) that answers ``part``, best first. With ``by_meaning``, when
        none does in the question's words, the sentences close to it in
        meaning (``MIN_SENTENCE_SIMILARITY``): a last resort, after a wider
        search in the question's words has failed."""
        if self.unmentioned_names(part, acronyms=False):
            return []
        if self.similarity is not None:
            texts = [" ".join(own) for own in sentences] if sentences is not None else [p.text for p in passages]
            words = {w for text in texts for w in vocabulary(text)}
            self.similarity.prepare(words | {part.word_for(t).lower() for t in part.terms if t.isalpha()})
        found, close = [], []
        for index, passage in enumerate(passages):
            context = context_of(passage)
            own = sentences[index] if sentences is not None else split_sentences(passage.text)
            for order, sentence in enumerate(own):
                if not self.holds_slot(part, sentence) or not self.names_found(part, sentence, context):
                    continue
                if not same_years(part.text, sentence):
                    continue
                coverage, missing = self.coverage(part, sentence, context.around(sentence))
                if coverage >= MIN_COVERAGE and (not missing or coverage >= MIN_COVERAGE_DESPITE_UNKNOWN):
                    # Ties go to the sentence that says more of the question in its own words.
                    in_own_words = len(terms_of(sentence) & set(part.terms)) / len(part.terms) if part.terms else 0.0
                    # "How will the NHS ensure …" is answered by what will be done, not by how things stand.
                    means = 0.1 if part.kind == "how" and _ASKS_FUTURE.search(part.text) and _PLANNED.search(sentence) else 0.0
                    means += 0.2 if _defines(part.text, sentence) else 0.0
                    found.append(Evidence(index, order, sentence, coverage + 0.1 * passage.score + 0.1 * in_own_words + means))
                elif part.slot is None and not missing and coverage >= MIN_COVERAGE_BY_MEANING and _numerals_said(part, sentence):
                    close.append(Evidence(index, order, sentence, coverage + 0.1 * passage.score))
        if by_meaning and not found and close and self.similarity is not None:
            closeness = self.similarity.closeness(part.text, [readable(e.sentence) for e in close])
            found = [e for e, near in zip(close, closeness, strict=True) if near >= MIN_SENTENCE_SIMILARITY]
        return sorted(found, key=lambda e: e.coverage, reverse=True)

    def holds_slot(self, part: Asked, sentence: str) -> bool:
        if part.slot is None:
            return True
        question = part.text.lower()
        text = readable(sentence) if part.slot == "section" else PLACE_REFERENCE.sub(" ", readable(sentence))
        if part.slot == "count":  # "£30 million" is a sum, not a number of things
            text = re.sub(r"£\s?\d[\d,.]*\s?(?:bn|billion|million|m|k)?\b", " ", text)
        if part.slot == "date" and _ASKS_YEAR.search(question) and not re.search(rf"\b{YEAR}\b", text):
            return False  # "what year": a year, not "over the next few months"
        if part.slot == "duration" and _ASKS_HOW_MANY_UNITS.search(question):
            text = _VAGUE_SPAN.sub(" ", text)  # "how many years": a number of them, not "multiple years"
        # "Which party …" asks for a name; "the government" answers "who" but names no party.
        named = part.type_term is not None and (part.slot == "agent" or part.type_term in _NAMED_PLACES)
        generic = SLOTS[part.slot] if not named else None
        for match in generic.finditer(text) if generic else ():
            if restates(match.group(0), question):
                continue
            if not re.search(rf"(?<![\w£.,/]){re.escape(match.group(0).lower())}(?![\w%/]|[.,]\d)", question):
                return True
        if part.slot in ("agent", "place"):  # a name the question does not already give
            asked = {w.lower() for name in part.names for w in name.split()}
            whole = readable(sentence)
            text = _without_opening(whole)
            if part.slot == "place":  # a place is named after "in", "at", "across" …: "in Bolton"
                text = " ".join(
                    re.findall(
                        r"\b(?:in|at|across|from|near|throughout|around)\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)", text
                    )
                )
            # "Which school …" is not answered by "the NHS": a typed question wants a name of its own,
            # and "where will primary care networks be set up" is not answered by "Primary Care".
            ignored = asked | (_GENERIC_NAME_WORDS if part.type_term else set())
            # "which towns": "in England" names no town; "which employers": nor any body, nor "This Plan"
            if part.type_term in _NAMED_PLACES - _COUNTRY:
                ignored |= _NATIONS
            elif part.slot == "agent" and part.type_term:
                ignored |= _NATIONS | _DOCUMENT_WORDS
            names = names_in(f"x {text}")
            # "Which charities", "which hospital": a name given as one ("Hospitals in Bolton"), not "at NHS Providers"
            if part.type_term and part.type_term not in _ANY_BODY and (part.slot == "agent" or part.type_term in _HOSPITAL):
                names = _named_as(part.type_term, names, whole)
            return any(
                any(w.lower() not in ignored and not has_form(stem_of(w), part.terms) for w in name.split())
                or _another_name(name, question)
                # "which organisation": "NHS England" is a name, though each of its words alone is not
                or (part.type_term in _ANY_BODY and len(name.split()) >= 2 and _unasked(name, question))
                for name in names
            )
        return False

    def names_found(self, part: Asked, sentence: str, context: PassageContext) -> bool:
        """Each name the part gives is in the sentence or its passage: "NHS
        England" is not answered by a sentence about NHS Providers. A name's
        words that most passages use ("England", "NHS") do not have to be
        there, unless the name is nothing but such words: then the name
        itself must be."""
        own = set(re.findall(r"[a-z]+|[0-9]+", sentence.lower())) | initials_of(sentence)
        for place in part.places:  # "in Oxfordshire": the passage itself must say so, not only its document's title
            placed = set(re.findall(r"[a-z]+|[0-9]+", place.lower()))
            if not placed <= own | context.text_words and not (place.isupper() and placed <= phrase_initials(sentence)):
                return False
        seen = own | context.words | context.initials
        for name in part.names:
            words = re.findall(r"[a-z]+|[0-9]+", name.lower())
            distinctive = {w for w in words if w not in _GENERIC_NAME_WORDS and not self._common(w)}
            if distinctive:  # "CCGs" is found where the text says "CCG"
                unseen = {w for w in distinctive if w not in seen and not (w.endswith("s") and w[:-1] in seen)}
                if unseen and not unseen <= phrase_initials(sentence):  # "GP" in "general practice"
                    return False
            elif len(words) > 1 and " ".join(words) not in context.flat and " ".join(words) not in sentence.lower():
                return False
        return True

    def _common(self, word: str) -> bool:
        found = tokens(word)
        return bool(found) and self.idf.get(found[0], self._average) < _COMMON_IDF

    def coverage(self, part: Asked, sentence: str, context: PassageContext) -> tuple[float, list[str]]:
        """Weighted share of the part's terms the sentence covers, and the
        words the documents never use that nothing in the sentence matches.

        A term counts as the sentence's when the sentence has it, a form of
        it ("sale"/"sales"), an acronym the passage spells out with it, or a
        word close in meaning; less when only the headings or the passage
        around the sentence have it."""
        if not part.terms:
            return 1.0, []
        in_headings, in_passage = _CREDIT["specific" if part.slot in SPECIFIC_SLOTS else "general"]
        own = set(terms_of(sentence)) | initials_of(sentence)
        for acronym, spelled in context.acronyms.items():
            if acronym in own:
                own |= spelled
        for acronym in _ACRONYM.findall(sentence):  # "ICSs" where the question says "integrated care systems"
            own |= spelled_out_in(part.text, acronym)
        # A distinctive word written in lower case, with no word of its own to qualify it, stands for
        # the passage's name that has it: "for screening" after "the Bowel Cancer Screening Programme"
        # (but "their maternity record" is not the "Personal Health Record").
        shortened = {t for w in _SHORTENED.findall(sentence) if not self._common(w) for t in tokens(w)}
        for name in context.names:
            if name & shortened:
                own |= name
        words: set[str] | None = None
        acronyms = {name.lower() for name in part.names if name.isupper()}
        name_words = {w.lower() for name in part.names for w in name.split()}
        place = context.is_place_of(part.item, part.paragraph)
        total = credit = 0.0
        missing = []
        beside: set[str] = set()  # terms in the sentence itself, or the one it continues
        said: set[str] = set()  # terms in the sentence itself
        for term in part.terms:
            if term == part.type_term and (part.slot == "place" or term in _ANY_BODY):
                # "which body": a body the sentence names is the answer, whatever it is called; any
                # place is a "city" or an "area". A union, a charity or a journalist is named as one.
                continue
            if place and term in context.place_terms and not has_form(term, own):
                # "What does pledge 2 of the estates plan say": in pledge 2's passages the words that
                # name it are no subject to look for; what is left of the question is.
                continue
            weight = self.idf.get(term, self._average)
            total += weight
            if has_form(term, own) or (term in acronyms and term in phrase_initials(sentence)):  # "AI": "artificial intelligence"
                credit += weight
                beside.add(term)
                said.add(term)
                continue
            if words is None:  # a stand-in for a question word, not another of the question's words
                words = {w for w in re.findall(r"[a-z]{3,}", sentence.lower()) if not set(tokens(w)) & set(part.terms)}
            word = part.word_for(term)
            # A name or a number is matched by itself only: "Oxfordshire" is not "Nottingham", nor "fourth"
            # "third", however close their vectors.
            named = word.lower() in name_words or bool(_NUMERAL.match(word))
            # "all of England": "the whole country"
            the_country = word.lower() in _COUNTRIES and bool(_THE_COUNTRY.search(sentence))
            if the_country or (
                not named and (same_change(word, words) or self._matched(word, words) or extra_by_figure(word, sentence))
            ):
                credit += weight * _OTHER_WORDS
                beside.add(term)
                said.add(term)
            elif term in context.before:
                credit += weight * (1.0 if context.continues else in_headings)
                beside.add(term)
            elif term in context.headings:
                credit += weight * in_headings
            elif term in context.terms:
                credit += weight * in_passage
            elif not self.known(part.word_for(term)) and not describes(part.word_for(term), part.text):
                missing.append(part.word_for(term))
        share = credit / total if total else 1.0
        short = min(share, MIN_COVERAGE / 2)  # what a sentence scores that covers the subject but not what is asked
        # "How many have already been built": "will cover 70,000 homes" is a plan, as is an item of a
        # list of aims ("preventing 150,000 heart attacks").
        planned = _PLANNED.search(sentence) or _AIM_ITEM.match(sentence)
        if part.so_far and planned and not SO_FAR.search(sentence):
            return short, missing
        if part.earlier and not _WAS.search(sentence):
            return short, missing  # "what job did he hold before": "Chief executive at NHS Providers" is his job now
        measured = {t for t in part.measured if t.lower() not in _GENERIC_MEASURES}
        if measured and not measured & said:
            return short, missing  # a share of people, not of the budget; a count of submissions, not what they found
        condition = {t for t in part.condition if t.lower() not in _GENERIC_MEASURES and not names_rise_or_fall(part.word_for(t))}
        if condition and not condition & said:
            return short, missing  # "£4 in increased productivity" is a return on spending, not on staff wellbeing
        if part.reported and not set(part.reported) <= context.headings and not _REPORTS.search(sentence):
            return short, missing  # "Members … are asked to comment" reports no comment
        if part.authorship and not (_AUTHORED.search(sentence) or _signature(sentence)):
            return short, missing  # who wrote it: a signature, not a body the sentence mentions
        if part.slot in SPECIFIC_SLOTS:
            if part.per_period and not (SLOTS["frequency"].search(sentence) or _IN_A_YEAR.search(sentence)):
                return short, missing  # "how many … each year": "affects at least 150,000 people" is a total
            if not all(self._named_beside(owner, sentence, context) for owner in part.owners):
                return short, missing  # the date of the Board's meeting is in a sentence that names the Board
            if missing and self.holds_slot(part, sentence):
                missing = []  # the asked figure or date is there; an unknown word was the question's own phrasing
            if total and sum(self.idf.get(t, self._average) for t in beside) / total < MIN_BESIDE:
                return short, missing  # the figure measures something else
            if part.slot in ("money", "percent", "amount") and measured and not self._measures(measured, sentence, part):
                return short, missing  # "budgets … the backlog which now stands at £12bn": the figure is the backlog's
            # "50,000 people" does not count groups; "thousands more placements" does not count people.
            counted = measured or (_PERSONS if {"peopl", "people"} & set(part.measured) else set())
            if part.slot == "count" and counted and not self._counts(counted, sentence, part.text):
                return short, missing
        if part.kind_qualifier and part.kind_qualifier not in said:
            return short, missing  # "which patient groups": sub-groups of a board are not patient groups
        if part.ranked and not _RANKS.search(sentence):
            return short, missing  # "which priority has the most funding": a sentence that ranks none does not say
        if part.kind == "why" and not _gives_reason(sentence, part):
            return short, missing  # "Why was he chosen to lead the review": "asked him to lead a review" gives no reason
        role = next((t for t in part.role if t.lower() not in _GENERIC_MEASURES), None)
        # "Who leads X": naming X and someone is not it; nor is a compound that only describes ("world-leading").
        if role is not None and not self._says(part, role, _COMPOUND.sub(" ", sentence)):
            return short, missing
        return share, missing

    def _measures(self, measured: set[str], sentence: str, part: Asked) -> bool:
        """Whether what is measured is named within a few words of a figure
        of the asked kind: a long sentence may name the budget in its first
        clause and give the size of something else in its last."""
        text = readable(sentence)
        words = [(m.start(), terms_of(m.group(0))) for m in re.finditer(r"[\w'’-]+", text)]
        starts = [start for start, _ in words]
        for figure in SLOTS[part.slot or "amount"].finditer(text):
            at = bisect_left(starts, figure.start())
            near = [terms for _, terms in words[max(0, at - _FIGURE_REACH) : at + _FIGURE_REACH]]
            if any(has_form(term, found) for found in near for term in measured):
                return True
        return False

    def _named_beside(self, name: str, sentence: str, context: PassageContext) -> bool:
        """Whether the sentence, or the one it continues, names ``name`` (its
        distinctive words, or its initials: "HIB")."""
        words = re.findall(r"[a-z]+|[0-9]+", name.lower())
        # A name made of common words ("Health Improvement Board") must be there whole.
        distinctive = {stem_of(w) for w in words if w not in _GENERIC_NAME_WORDS and not self._common(w)} or {
            stem_of(w) for w in words if w not in _GENERIC_NAME_WORDS
        }
        beside = set(terms_of(sentence)) | (context.before if context.continues else frozenset())
        acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{2,}s?\b", sentence)}
        return distinctive <= beside or bool(initials_of(name) & acronyms)

    def _says(self, part: Asked, term: str, sentence: str) -> bool:
        """Whether the sentence has the term, a form of it, or a word for it."""
        own = terms_of(sentence)
        if has_form(term, own):
            return True
        words = set(re.findall(r"[a-z]{3,}", sentence.lower()))
        # An office is named by its own words ("head" / "chief executive"), not a neighbour's ("chair" / "chief").
        return same_change(part.word_for(term), words) or (not part.office and self._matched(part.word_for(term), words))

    def _counts(self, measured: set[str], sentence: str, question: str) -> bool:
        """Whether a number in the sentence counts what is asked: the words
        right after it say what it counts ("200 hospitals", "80,000 stays in
        hospital"). A sentence whose numbers stand alone is not judged."""
        counted = [set(terms_of(phrase)) for phrase in counted_phrases(readable(sentence), question)]
        if not counted:
            return True
        return any(has_form(term, following) for following in counted for term in measured)

    def list_coverage(self, part: Asked, passage: Passage, items: list[str]) -> float:
        """How well a list's items, read under their headings, cover the part
        (0 when below ``MIN_COVERAGE``): the list must be about the subject,
        not merely sit beside a sentence that is."""
        context = context_of(passage)
        coverage, missing = self.coverage(part, " ".join(items), replace(context, terms=frozenset()))
        return coverage if coverage >= MIN_COVERAGE and not missing else 0.0

    def known(self, word: str) -> bool:
        """Whether the documents use the word in some form: as written, as a
        stem, as a longer word it begins ("submit", "submission") or as the
        head of a compound ("room", "headroom"). Remembered: a sentence's
        check asks about the same few words again and again."""
        word = word.lower()
        if word not in self._known:
            self._known[word] = self._used(word)
        return self._known[word]

    def _used(self, word: str) -> bool:
        if word in self.words or word in self.idf or not word.isalpha():
            return True
        if base_form(word) != word:  # "kept": "keep", "keeping"
            return self._used(base_form(word))
        if _inflections(word) & self.words:  # "body" / "bodies", "rise" / "rising"
            return True
        if word.endswith("s") and ({word[:-1], f"{word[:-3]}y"} & self.words):  # "beds" / "bed", "bodies" / "body"
            return True
        if len(word) >= 4 and any(
            w.endswith(word) and w[: -len(word)] in self.words for w in self.words if len(w) >= len(word) + 3
        ):
            return True  # the head of a compound: "room" in "headroom"
        if len(word) <= 4:
            return False
        prefix = word[: len(word) - 2] if len(word) >= 7 else word[: len(word) - 1]
        at = bisect_left(self._sorted_words, prefix)
        return at < len(self._sorted_words) and self._sorted_words[at].startswith(prefix)

    def _matched(self, term: str, candidates: set[str]) -> bool:
        if self.similarity is None or not term.isalpha() or len(term) < 3:
            return False
        return self.similarity.closest(term.lower(), candidates - STOPWORDS) >= MIN_WORD_SIMILARITY

    def judge(self, parts: list[Asked], answered: list[Evidence | None]) -> Answerability:
        """The verdict over all parts, given each part's best evidence (or None)."""
        verdicts = []
        for part, evidence in zip(parts, answered, strict=True):
            missing = self.missing_for(part) if evidence is None else []
            verdicts.append(PartVerdict(question=part.text, kind=part.kind, answered=evidence is not None, missing=missing))
        covered = sum(v.answered for v in verdicts)
        verdict: Literal["answered", "partial", "not_covered"] = (
            "answered" if covered == len(verdicts) else "partial" if covered else "not_covered"
        )
        return Answerability(
            verdict=verdict,
            kind=parts[0].kind,
            subject=parts[0].subject,
            missing=[m for v in verdicts for m in v.missing],
            parts=verdicts,
        )

    def missing_for(self, part: Asked) -> list[str]:
        """What the documents lack for an unanswered part, in words for a reply."""
        names = self.unmentioned_names(part)
        if names:
            return [f"no mention of {name}" for name in names]
        unknown = [
            w for w in _surface_words(part) if not self.known(w) and not self.known(tokens(w)[0]) and not describes(w, part.text)
        ]
        if unknown:
            return [f"no mention of “{word}”" for word in unknown]
        if part.slot and part.subject:
            return [f"{part.wants} for “{part.subject}”"]
        return [f"an answer to “{part.text}”"]


def _inflections(word: str) -> set[str]:
    """The plural and verb forms of a word: "bodies", "rising", "cutting"."""
    stem = word[:-1] if word.endswith("e") else word
    return {
        f"{word}s",
        f"{word}es",
        f"{word[:-1]}ies",
        f"{word}d",
        f"{word}ed",
        f"{stem}ing",
        f"{stem}ed",
        f"{word}{word[-1]}ing",
        f"{word}{word[-1]}ed",
    }


def statement_of(missing: list[str]) -> str:
    """ "The documents don't mention Wales." / "The documents don't give a date for …"."""
    sentences = []
    for item in missing:
        if item.startswith("no mention of "):
            sentences.append(f"The documents don't mention {item.removeprefix('no mention of ')}.")
        elif item.startswith("an answer to "):
            sentences.append(f"The documents don't give {item}.")
        else:
            sentences.append(f"The documents don't give {item}.")
    return " ".join(dict.fromkeys(sentences))


def _surface_words(part: Asked) -> list[str]:
    terms = set(part.terms)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", part.text) if tokens(w)[:1] and tokens(w)[0] in terms]


def _defines(question: str, sentence: str) -> bool:
    """Whether the sentence says what the thing a "what is X" question names is: "Integrated Care
    Systems (ICSs), which are groups of local NHS organisations …" defines them; a sentence that
    only mentions them does not."""
    asked = _DEFINITION_ASKED.match(question.strip())
    if not asked:
        return False
    name = re.escape(asked.group(1))
    return bool(
        re.search(
            rf"\b{name}(?:\s*\([A-Z]+s?\))?,?\s+(?:which|who|that)\s+(?:is|are)\b|\b{name}\s+(?:is|are)\s+(?:an?|the)\b",
            sentence,
            re.I,
        )
    )


def _named_as(kind: str, names: list[str], text: str) -> list[str]:
    """The names a sentence gives as bodies of the asked kind: those within a few words of the kind's
    word ("Age UK will be leading work with other charities"), or that have it ("University of
    Birmingham"). "Which charities": "local Healthwatch groups", twenty words before, is not one."""
    words = text.split()
    at_kind = [i for i, word in enumerate(words) if has_form(kind, set(tokens(word)))]
    near = []
    for name in names:
        start = text.find(name)
        if start < 0:
            continue
        at = len(text[:start].split())
        if has_form(kind, set(tokens(name))) or any(abs(at - i) <= _NAMED_AS_REACH for i in at_kind):
            near.append(name)
    return near


def _another_name(name: str, question: str) -> bool:
    """Whether a name of several words is not one the question gives: "Diabetes UK" is another body
    than the "Diabetes Prevention Programme" asked about, but "NHS Diabetes Prevention Programme" is it."""
    words = name.lower().split()
    while words and words[0] in _GENERIC_NAME_WORDS:
        words.pop(0)
    return len(words) > 1 and " ".join(words) not in question


def _numerals_said(part: Asked, sentence: str) -> bool:
    """Whether the sentence has every number the part asks about ("the fourth
    priority"): a sentence close in meaning about another is not its answer."""
    own = terms_of(sentence)
    numerals = [t for t in part.terms if _NUMERAL.match(part.word_for(t))]
    return all(has_form(t, own) for t in numerals)


def _gives_reason(sentence: str, part: Asked) -> bool:
    """Whether the sentence gives a reason or a purpose: a word that gives
    one ("because", "so", "vital", "evidence"), or an infinitive of purpose
    whose verb the question does not already have ("… to improve
    transition"; not "asked him to lead a review" for "why was he chosen to lead it")."""
    if _REASON.search(sentence):
        return True
    for purpose in _PURPOSE.finditer(sentence):
        before, verb = purpose.group(1).lower(), purpose.group(2).lower()
        if before not in _NOT_PURPOSE_BEFORE and verb not in _NOT_VERBS and not set(tokens(verb)) & set(part.terms):
            return True
    return False


def _signature(sentence: str) -> bool:
    """A line of names and titles ("Kiren Collison, Oxfordshire CCG Val
    Messenger, Interim Director of Public Health"), as under a paper: a
    name set off from its title by a comma, which a heading ("Air Quality") lacks."""
    words = re.findall(r"[A-Za-z]+", sentence)
    capitalised = [w for w in words if w[0].isupper()]
    return "," in sentence and 0 < len(words) <= 20 and len(capitalised) >= 0.6 * len(words)


def _unasked(name: str, question: str) -> bool:
    """No word of the name is in the question: "NHS England" answers "which
    organisation asked …", "the National Diabetes Prevention Programme" is
    what "which organisations are behind the Diabetes Prevention Programme" asks about."""
    return not any(re.search(rf"\b{re.escape(w)}\b", question) for w in name.lower().split())


def _without_opening(sentence: str) -> str:
    """A sentence's first word is capitalised whatever it is, and so is the
    first word of a quotation in it ('said: "As a general election …'); it names no one,
    unless it is an acronym or the first word of a name ("NHS England has asked …",
    "Public Health England will …")."""

    def opening(match: re.Match) -> str:
        word, following = match.group(1), match.group(2)
        named = (word.isupper() and len(word) > 1) or (following.strip()[:1].isupper() and word.lower() not in _OPENING_WORDS)
        return match.group(0) if named else " " + following

    return re.sub(r"(?:^|[\"“‘]\s*)\W*(\w+)\b(\s*\S*)", opening, sentence)
