"""What ``Assistant.ask`` returns, serialised the same way by the CLI, the
API, the UI and the evaluation reports."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from vectorstore import Passage


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class Citation(Passage):
    """A passage an answer rests on: ``n`` is its ``[n]`` marker in the
    answer, ``quote`` the sentence(s) of the passage the answer used."""

    n: int
    quote: str


class UnsupportedSentence(BaseModel):
    sentence: str
    reason: str


class GroundingReport(BaseModel):
    """How many answer sentences their cited passages support."""

    supported: int
    total: int
    score: float = Field(description="supported / total; 1.0 for an answer with no claims (a decline)")
    unsupported: list[UnsupportedSentence] = []


class Answer(BaseModel):
    question: str
    standalone_question: str
    answer: str
    refused: bool
    citations: list[Citation]
    grounding: GroundingReport
    backend: str = Field(description='"extractive", "llm", or "llm→extractive" when the llm answer failed the check')
    fallback_reason: str | None = None
    rejected_sentences: list[UnsupportedSentence] = Field(
        default=[], description="Sentences of an llm answer that the grounding check kept from the user, with why."
    )
    timings_ms: dict[str, float]
    def with_sources(self) -> str:
        """The answer with its sources written out, for readers of plain text."""
        if not self.citations:
            return self.answer
        return "\n".join([self.answer, "", "Sources:"] + [f"[{c.n}] {c.reference}" for c in self.citations])

    retrieved: list[Passage] = Field(
        default=[], exclude=True,
        description="Every passage retrieval returned, cited or not, for evaluation; left out of serialisation.",
    )
