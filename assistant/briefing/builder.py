"""Building a pack: propose, answer with the grounded chain, keep what holds.

A proposal becomes a card only when its answer is not a refusal, every
sentence is supported (grounding score 1), every citation lies inside the
scope, and the answer holds the figure, date or name the question was built
on. Questions (and answers) that duplicate a kept card are passed over, and
proposals are taken round-robin across the scope's sub-sections and kinds, so
a pack spreads over the scope instead of piling onto one paragraph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import zip_longest
from typing import Literal

from pydantic import BaseModel

from vectorstore.keyword import tokens

from ..facade import Assistant
from ..grounding import check_grounding
from ..models import Citation, GroundingReport
from .questions import Kind, Proposal, propose
from .scope import BriefingScope, ScopeError, parse_scope

_DUPLICATE = 0.6  # token overlap (Jaccard) at which two questions ask the same thing


class BriefingCard(BaseModel):
    question: str
    answer: str
    kind: Kind
    citations: list[Citation]
    grounding: GroundingReport
    group: str  # the commitment, chapter or document the card is filed under in handouts
    status: Literal["proposed", "accepted", "edited", "dropped"] = "proposed"


def build_briefing(
    assistant: Assistant,
    scope_text: str,
    cards: int,
    avoid: Sequence[str] = (),
    proposer=None,
) -> list[BriefingCard]:
    """Up to ``cards`` grounded cards for ``scope_text``; ``avoid`` holds
    questions already in the pack (for "generate more"); ``proposer`` adds
    model-written questions (the ``llm`` backend) before the derived ones."""
    scope = parse_scope(scope_text, assistant.library)
    chunks = [chunk for chunk in assistant.library.store.chunks() if scope.holds(chunk)]
    if not chunks:
        raise ScopeError(f"nothing indexed lies inside the scope {scope_text!r}")
    in_scope = {(chunk.source, chunk.position) for chunk in chunks}
    proposals = (proposer(chunks) if proposer else []) + _spread(propose(chunks))
    kept: list[BriefingCard] = []
    asked = [set(tokens(q)) for q in avoid]
    for proposal in proposals:
        if len(kept) >= cards:
            break
        words = set(tokens(proposal.question))
        if any(_overlap(words, other) >= _DUPLICATE for other in asked):
            continue
        asked.append(words)
        card = _answer(assistant, proposal, in_scope)
        if card and all(card.answer != other.answer for other in kept):
            kept.append(card)
    return kept


def _answer(assistant: Assistant, proposal: Proposal, in_scope: set[tuple[str, int]]) -> BriefingCard | None:
    answer = assistant.ask(proposal.question)
    if answer.refused or not answer.citations or answer.grounding.score < 1.0:
        return None
    if any((c.source, c.position) not in in_scope for c in answer.citations):
        return None
    if proposal.must_contain and proposal.must_contain.lower() not in answer.answer.lower():
        return None
    return BriefingCard(
        question=proposal.question,
        answer=answer.answer,
        kind=proposal.kind,
        citations=answer.citations,
        grounding=answer.grounding,
        group=group_of(answer.citations[0]),
    )


def group_of(citation: Citation) -> str:
    """The framework item a card is filed under in handouts, else its document."""
    return citation.framework_item.label if citation.framework_item else citation.document


def _spread(proposals: list[Proposal]) -> list[Proposal]:
    """Round-robin over sub-sections, and within each over kinds."""
    by_section: dict[str, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        by_section[proposal.chunk.section].append(proposal)
    columns = []
    for group in by_section.values():
        by_kind: dict[str, list[Proposal]] = defaultdict(list)
        for proposal in group:
            by_kind[proposal.kind].append(proposal)
        columns.append([p for row in zip_longest(*by_kind.values()) for p in row if p])
    return [p for row in zip_longest(*columns) for p in row if p]


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / (len(a | b) or 1)


def recheck(card: BriefingCard, answer: str) -> BriefingCard:
    """A trainer's edit, checked against the card's citations: an edit that
    is no longer supported keeps its text and says so in its grounding."""
    return card.model_copy(update={"answer": answer, "grounding": check_grounding(answer, card.citations), "status": "edited"})


__all__ = ["BriefingCard", "BriefingScope", "build_briefing", "group_of", "recheck"]
