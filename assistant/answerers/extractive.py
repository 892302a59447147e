"""The default answerer: no model, grounded by construction.

It answers with the passages' own sentences. Each sentence of each retrieved
passage is scored for

* how much of the question it covers, IDF-weighted so that "Messenger"
  counts for more than "NHS"; a term found only in the sentence's headings
  counts for less (a bullet means what its heading says: "The actions we
  must take together" under "Commitment 3");
* how well its passage ranked;
* whether it holds what the question asks for: a date for "by when", a
  figure for "how much", a list item for "what are the actions".

A sentence that answers a part of the question (``answerability``: it holds
the asked date, figure or name and is about the subject) leads, one per part;
close runners-up follow in document order, never two that say the same thing
(the summary repeats the full report). A list question gets the whole list
of the section that answers it, as a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vectorstore import Passage
from vectorstore.keyword import tokens

from ..answerability import AnswerabilityCheck, statement_of
from ..asked import Asked, parse_question
from ..figures import DATE, FIGURE
from ..passage_context import context_of
from ..question import ASKS_DATE, ASKS_FIGURE, ASKS_LIST, question_terms
from ..sentences import readable, split_sentences, with_mark
from ..word_forms import CARDINALS
from . import Draft

_COVERAGE, _RANK = 0.7, 0.3  # weights of the sentence score before the answer-type bonus
_IN_OWN_HEADING, _IN_OTHER_HEADINGS = 0.6, 0.3  # credit for a term found only there
_TYPE_BONUS = 0.15
_RUNNER_UP = 0.8  # a further sentence must score at least this share of the best
_MIN_WORDS = 4
_SAME_THING = 0.6  # token overlap (Jaccard) above which two sentences say the same thing
_LIST_ITEMS = 12
# A sentence that ends by announcing what follows: "… centred on three big truths.", "… as follows:".
_MAX_ANNOUNCED = 5
# "… over the next five years." ends on a span of time and announces nothing.
_ANNOUNCES = re.compile(
    r"(?:\b(two|three|four|five)\s+(?:[\w-]+\s+){0,2}(?!(?:hours|days|weeks|months|years|decades)\b)[\w-]+s"
    r"|\bfollowing|\bas follows)\W*[.:]\W*$",
    re.I,
)


@dataclass(frozen=True)
class _Candidate:
    score: float
    passage: int
    order: int
    sentence: str
    terms: frozenset[str]


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, idf: dict[str, float], check: AnswerabilityCheck):
        self.idf = idf
        self.check = check

    def draft(self, question: str, passages: list[Passage], parts: list[Asked] | None = None, by_meaning: bool = False) -> Draft:
        """``parts``: what to answer, when the question carries context that is
        not itself asked (a condensed follow-up); by default every part.
        ``by_meaning``: a sentence close to the question in meaning may lead
        (``AnswerabilityCheck.evidence``)."""
        parts = parts or parse_question(question)
        leads = [next(iter(self.check.evidence(part, passages, by_meaning=by_meaning)), None) for part in parts]
        if not any(leads):
            return Draft(statement_of([m for part in parts for m in self.check.missing_for(part)]), refused=True)
        listed = next((self._listed(part, passages) for part in parts if part.kind == "list"), None)
        if listed:
            return Draft(listed)
        candidates = self.candidates(question, passages)
        chosen: list[tuple[int, int, str]] = []
        for lead in leads:
            if lead and _new((lead.passage, lead.order, lead.sentence), chosen):
                chosen.append((lead.passage, lead.order, lead.sentence))
                chosen.extend(_announced(lead.passage, lead.order, lead.sentence, passages[lead.passage]))
        led = len(chosen)
        limit = max(3, led)
        best = candidates[0].score if candidates else 0.0
        runners: list[tuple[int, int, str]] = []
        for candidate in candidates:
            if len(chosen) + len(runners) >= limit or candidate.score < best * _RUNNER_UP:
                break
            item = (candidate.passage, candidate.order, candidate.sentence)
            if _new(item, chosen + runners):
                runners.append(item)
        ordered = chosen[:led] + sorted(runners)
        return Draft(" ".join(with_mark(readable(sentence), passage + 1) for passage, _, sentence in ordered))

    def _listed(self, part: Asked, passages: list[Passage]) -> str | None:
        """The bullets of the list passage whose items and headings best cover
        the part's subject, one per line; None when no list does. A list that
        lacks a name the question gives is another list: "the Healthy New
        Towns Standard" is not the list about learning from Healthy New Towns."""
        best, chosen = 0.0, None
        for index, passage in enumerate(passages):
            bullets = [line[2:].strip() for line in passage.text.splitlines() if line.startswith("- ")]
            if len(bullets) < 2 or not self.check.names_found(part, " ".join(bullets), context_of(passage)):
                continue
            coverage = self.check.list_coverage(part, passage, bullets)
            if coverage > best:
                best, chosen = coverage, (index, bullets)
        if chosen is None:
            return None
        index, bullets = chosen
        return "\n".join(f"- {with_mark(readable(b), index + 1)}" for b in bullets[:_LIST_ITEMS])

    def candidates(self, question: str, passages: list[Passage]) -> list[_Candidate]:
        """Every passage sentence worth quoting, best first."""
        wanted = {term: self.idf.get(term, 1.0) for term in question_terms(question)}
        total = sum(wanted.values()) or 1.0
        wants = [(ASKS_DATE.search(question), DATE), (ASKS_FIGURE.search(question), FIGURE)]
        wants_list = bool(ASKS_LIST.search(question))
        found: list[_Candidate] = []
        for index, passage in enumerate(passages):
            own_heading = set(tokens(passage.section_path[-1])) if passage.section_path else set()
            headings = set(tokens(" ".join(filter(None, (passage.section, passage.commitment_title, passage.chapter_title)))))
            headings |= {"commitment", str(passage.commitment)} if passage.commitment else set()
            headings |= {"chapter", str(passage.chapter)} if passage.chapter else set()
            bullets = [line[2:] for line in passage.text.splitlines() if line.startswith("- ")]
            for order, sentence in enumerate(split_sentences(passage.text)):
                if len(sentence.split()) < _MIN_WORDS:
                    continue
                terms = frozenset(tokens(sentence))
                credit = sum(
                    weight
                    * (
                        1.0
                        if term in terms
                        else _IN_OWN_HEADING
                        if term in own_heading
                        else _IN_OTHER_HEADINGS
                        if term in headings
                        else 0.0
                    )
                    for term, weight in wanted.items()
                )
                bonus = sum(_TYPE_BONUS for asked, pattern in wants if asked and pattern.search(sentence))
                if wants_list and any(sentence in bullet for bullet in bullets):
                    bonus += _TYPE_BONUS
                score = _COVERAGE * credit / total + _RANK * passage.score + bonus
                found.append(_Candidate(score, index, order, sentence, terms))
        return sorted(found, key=lambda c: c.score, reverse=True)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / (len(a | b) or 1)


def _announced(index: int, order: int, sentence: str, passage: Passage) -> list[tuple[int, int, str]]:
    """The sentences a lead announces and the reader needs with it: "… centred on three big truths."
    is followed by the three."""
    announced = _ANNOUNCES.search(readable(sentence))
    if not announced:
        return []
    count = CARDINALS.get(announced.group(1).lower(), _MAX_ANNOUNCED) if announced.group(1) else _MAX_ANNOUNCED
    following = split_sentences(passage.text)[order + 1 : order + 1 + min(count, _MAX_ANNOUNCED)]
    return [(index, order + 1 + n, item) for n, item in enumerate(following)]


def _new(item: tuple[int, int, str], chosen: list[tuple[int, int, str]]) -> bool:
    """Neither the same sentence nor one saying the same thing as a chosen one."""
    terms = frozenset(tokens(item[2]))
    return all(item[:2] != other[:2] and _overlap(terms, frozenset(tokens(other[2]))) < _SAME_THING for other in chosen)
