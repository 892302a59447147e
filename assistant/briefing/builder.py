"""Building a pack: read the scope's facts, merge the ones documents repeat,
spread over the scope, and keep only cards that prove themselves.

A fact becomes a card when its short answer passes the grounding check
against its passage, and when its question, asked back to the assistant
with no scope at all, is answered from that same passage (the *round
trip*). A question that fails is rewritten once with the place it comes from
("According to commitment 3, …") and dropped if it fails again. The pack
says how many facts the scope held, how many questions passed the round
trip and, when it is short, why.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import Literal

from pydantic import BaseModel, Field

from ingest import Chunk
from vectorstore import Passage
from vectorstore.keyword import tokens

from ..facade import Assistant
from ..grounding import check_grounding
from ..models import Citation, GroundingReport
from ..sentences import capitalised
from .facts import Fact, facts_of, place_of
from .scope import ScopeError, parse_scope

CardKind = Literal["figure", "date", "body", "action", "example", "rationale", "statement", "multiple_choice", "true_false"]
_PLACE = re.compile(
    r"(?i:according to )?(?:“[^”]*”|(?i:chapter|commitment|section|paragraph) [\w.]+(?: of the(?: [A-Z][\w'-]*)+)?)"
)
_SAME_QUESTION = 0.6  # token overlap (Jaccard) at which two questions ask the same thing
_SAME_QUOTE = 0.6  # at which two sentences (a summary's and its report's) state the same fact
_KIND_ORDER = ("figure", "date", "action", "body", "example", "rationale", "statement")
Rewording = Callable[[Fact], str | None]


class Option(BaseModel):
    """One answer of a quiz card; a wrong one names where it really comes from."""

    text: str
    correct: bool
    source: str | None = Field(default=None, description="Where this option's words come from in the corpus.")


class BriefingCard(BaseModel):
    question: str
    answer: str
    kind: CardKind
    citations: list[Citation]
    grounding: GroundingReport
    group: str  # the commitment, chapter or document the card is filed under in handouts
    status: Literal["proposed", "accepted", "edited", "dropped"] = "proposed"
    quote: str = Field(default="", description="The sentence the answer rests on, verbatim.")
    round_trip: bool = Field(default=False, description="Asked with no scope, the question is answered from this passage.")
    fact_kind: str = Field(
        default="", description="What the answer is: figure, date, body, action, example, rationale or statement."
    )
    options: list[Option] = Field(default=[], max_length=8, description="A quiz card's options: four, or True and False.")


class BriefingPack(BaseModel):
    scope: str
    requested: int
    cards: list[BriefingCard]
    facts: int = Field(description="Distinct facts the scope holds that make a question.")
    tried: int = Field(description="Questions asked back to the assistant.")
    passed_round_trip: int
    note: str = Field(description="What was delivered and, when short, why.")


@dataclass
class _Candidate:
    facts: list[Fact]  # the same fact as each document states it; the first is asked

    @property
    def fact(self) -> Fact:
        return self.facts[0]

    @property
    def passages(self) -> set[tuple[str, int]]:
        return {(f.chunk.source, f.chunk.position) for f in self.facts}


def build_briefing(
    assistant: Assistant,
    scope_text: str,
    cards: int,
    avoid: Sequence[str] = (),
    rewording: Rewording | None = None,
    quiz: bool = False,
) -> BriefingPack:
    """Up to ``cards`` cards for ``scope_text``; ``avoid`` holds questions
    already in the pack ("generate more", "regenerate this card");
    ``rewording`` lets a model propose a question's wording (the ``llm``
    backend), which must pass the same checks as the derived one;
    ``quiz`` turns the cards into multiple-choice and true/false ones."""
    scope = parse_scope(scope_text, assistant.library)
    every = assistant.library.store.chunks()
    chunks = [chunk for chunk in every if scope.holds(chunk)]
    if not chunks:
        raise ScopeError(f"nothing indexed lies inside the scope {scope_text!r}")
    candidates = _spread(_merge_repeats([fact for chunk in chunks for fact in facts_of(chunk)]))
    asked = [_gist(q) for q in avoid]
    kept: list[BriefingCard] = []
    sources: list[Fact] = []
    tried = passed = 0
    for candidate in candidates:
        if len(kept) >= cards:
            break
        if any(_overlap(_gist(candidate.fact.question), other) >= _SAME_QUESTION for other in asked):
            continue
        card = _card(candidate)
        if card is None:
            continue
        proposed = [w for w in (rewording(candidate.fact) if rewording else None, card.question) if w]
        wordings = [w for w in proposed if all(_overlap(_gist(w), other) < _SAME_QUESTION for other in asked)]
        tried += 1
        proven = _round_trip(assistant, candidate, wordings)
        if proven is None:
            continue
        passed += 1
        asked.append(_gist(proven))
        kept.append(card.model_copy(update={"question": proven, "round_trip": True}))
        sources.append(candidate.fact)
    if quiz:
        from .quiz import quizzed

        kept = quizzed(kept, sources, [fact for chunk in every for fact in facts_of(chunk)])
    return BriefingPack(
        scope=scope_text,
        requested=cards,
        cards=kept,
        facts=len(candidates),
        tried=tried,
        passed_round_trip=passed,
        note=_note(cards, len(kept), len(candidates), tried, passed, len(avoid)),
    )


def _merge_repeats(facts: list[Fact]) -> list[_Candidate]:
    """One candidate per fact: a summary and its full report stating the
    same thing become one card citing both."""
    merged: list[_Candidate] = []
    for fact in facts:
        quote = set(tokens(fact.quote))
        for candidate in merged:
            first = candidate.fact
            same_answer = plain(first.answer) == plain(fact.answer)
            if same_answer and (
                plain(first.question) == plain(fact.question) or _overlap(quote, set(tokens(first.quote))) >= _SAME_QUOTE
            ):
                if all(f.chunk.id != fact.chunk.id for f in candidate.facts):
                    candidate.facts.append(fact)
                break
        else:
            merged.append(_Candidate([fact]))
    return merged


def _card(candidate: _Candidate) -> BriefingCard | None:
    """The card a fact makes, or None when its answer is not grounded."""
    citations = [citation_of(f.chunk, n, f.quote) for n, f in enumerate(candidate.facts, start=1)]
    fact = candidate.fact
    answer = capitalised(fact.answer) + " " + " ".join(f"[{c.n}]" for c in citations)
    grounding = check_grounding(answer, citations)
    if grounding.score < 1.0:
        return None
    return BriefingCard(
        question=fact.question,
        answer=answer,
        kind=fact.kind,
        fact_kind=fact.kind,
        citations=citations,
        grounding=grounding,
        group=group_of(citations[0]),
        quote=fact.quote,
    )


def citation_of(chunk: Chunk, n: int, quote: str) -> Citation:
    return Citation(**Passage.of(chunk, 0.0, similarity=None).model_dump(), n=n, quote=quote)


def _round_trip(assistant: Assistant, candidate: _Candidate, wordings: list[str]) -> str | None:
    """The first wording the assistant answers from the fact's own passage;
    each is tried as written, then with the place it comes from."""
    place = place_of(candidate.fact.chunk)
    for wording in wordings:
        tries = [wording]
        if place.lower() not in wording.lower():
            tries.append(f"According to {place}, {wording[:1].lower()}{wording[1:]}")
        for question in tries:
            if _answered_from(assistant, question, candidate.passages, candidate.fact.answer):
                return question
    return None


def _answered_from(assistant: Assistant, question: str, passages: set[tuple[str, int]], expected: str) -> bool:
    """Whether the assistant answers ``question`` from one of ``passages``,
    with the card's answer in what it says."""
    answer = assistant.ask(question)
    cited = any((c.source, c.position) in passages for c in answer.citations)
    return not answer.refused and cited and plain(expected) in plain(answer.answer)


def group_of(citation: Citation) -> str:
    """The framework item a card is filed under in handouts, else its document."""
    return citation.framework_item.label if citation.framework_item else citation.document


def _spread(candidates: list[_Candidate]) -> list[_Candidate]:
    """Round-robin over documents and sub-sections, and within each over
    kinds (figures and dates first), so a pack covers its scope."""
    by_section: dict[tuple[str, str], list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_section[(candidate.fact.chunk.source, candidate.fact.chunk.section)].append(candidate)
    columns = []
    for group in by_section.values():
        by_kind: dict[str, list[_Candidate]] = defaultdict(list)
        for candidate in sorted(group, key=lambda c: _KIND_ORDER.index(c.fact.kind)):
            by_kind[candidate.fact.kind].append(candidate)
        columns.append([c for row in zip_longest(*by_kind.values()) for c in row if c])
    return [c for row in zip_longest(*columns) for c in row if c]


def _note(requested: int, delivered: int, facts: int, tried: int, passed: int, avoided: int) -> str:
    note = f"{delivered} of {requested} card(s); {passed} of {tried} question(s) passed the round trip."
    if delivered >= requested:
        return note
    reason = f"the scope holds {facts} distinct fact(s) that make a question"
    if avoided:
        reason += f", {avoided} question(s) were already in the pack"
    if tried > passed:
        reason += f", and {tried - passed} question(s) were answered from another passage when asked back"
    return f"{note} Only {delivered} could be made: {reason}."


def plain(text: str) -> str:
    """Words, figures and signs only: how two statements of one fact are compared."""
    return re.sub(r"[^a-z0-9£%]+", " ", text.lower()).strip()


def _gist(question: str) -> set[str]:
    """What a question asks, without the place every question of a pack
    names: two questions about "chapter 4 of the NHS Long Term Plan" share
    that much and may still ask different things."""
    return set(tokens(_PLACE.sub(" ", question)))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / (len(a | b) or 1)


def recheck(card: BriefingCard, answer: str) -> BriefingCard:
    """A trainer's edit, checked against the card's citations: an edit that
    is no longer supported keeps its text and says so in its grounding."""
    return card.model_copy(update={"answer": answer, "grounding": check_grounding(answer, card.citations), "status": "edited"})


__all__ = ["BriefingCard", "BriefingPack", "Option", "build_briefing", "group_of", "recheck"]
