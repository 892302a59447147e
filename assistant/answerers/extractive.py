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

The best sentence leads; close runners-up from the same or other passages
follow, in document order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vectorstore import Passage
from vectorstore.keyword import tokens

from ..figures import DATE, FIGURE
from ..question import ASKS_DATE, ASKS_FIGURE, ASKS_LIST, question_terms
from ..sentences import readable, split_sentences
from . import Draft

_COVERAGE, _RANK = 0.7, 0.3  # weights of the sentence score before the answer-type bonus
_IN_OWN_HEADING, _IN_OTHER_HEADINGS = 0.6, 0.3  # credit for a term found only there
_TYPE_BONUS = 0.15
_RUNNER_UP = 0.8  # a further sentence must score at least this share of the best
_MIN_WORDS = 4


@dataclass(frozen=True)
class _Candidate:
    score: float
    passage: int
    order: int
    sentence: str
    terms: frozenset[str]


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, idf: dict[str, float]):
        self.idf = idf

    def draft(self, question: str, passages: list[Passage]) -> Draft:
        candidates = self.candidates(question, passages)
        if not candidates:
            return Draft("The documents don't say.", refused=True)
        if ASKS_DATE.search(_last_question(question)):
            dated = [c for c in candidates[:8] if DATE.search(c.sentence)]
            if not dated:  # "and by when?" where the passages give no date
                return Draft("The documents don't say when.", refused=True)
        limit = 5 if ASKS_LIST.search(question) else 3
        best = candidates[0]
        chosen = [best]
        for candidate in candidates[1:]:
            if len(chosen) == limit or candidate.score < best.score * _RUNNER_UP:
                break
            if all(_overlap(candidate.terms, other.terms) < 0.6 for other in chosen):
                chosen.append(candidate)
        chosen.sort(key=lambda c: (c.passage, c.order))
        return Draft(" ".join(_marked(readable(c.sentence), c.passage + 1) for c in chosen))

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
                    weight * (1.0 if term in terms else _IN_OWN_HEADING if term in own_heading
                              else _IN_OTHER_HEADINGS if term in headings else 0.0)
                    for term, weight in wanted.items()
                )
                bonus = sum(_TYPE_BONUS for asked, pattern in wants if asked and pattern.search(sentence))
                if wants_list and any(sentence in bullet for bullet in bullets):
                    bonus += _TYPE_BONUS
                score = _COVERAGE * credit / total + _RANK * passage.score + bonus
                found.append(_Candidate(score, index, order, sentence, terms))
        return sorted(found, key=lambda c: c.score, reverse=True)


def _last_question(text: str) -> str:
    """The follow-up in a condensed question ("What does X ask for? And by when?")."""
    parts = [part for part in re.split(r"(?<=\?)\s+", text) if part.strip()]
    return parts[-1] if parts else text


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / (len(a | b) or 1)


def _marked(sentence: str, n: int) -> str:
    """"… value for money [1]." — a bullet without a full stop gets one, so
    that the next sentence cannot run into it."""
    body = sentence.rstrip()
    stop = body[-1] if body[-1:] in ".!?" else "."
    return f"{body.rstrip('.!?')} [{n}]{stop}"
