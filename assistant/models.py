"""What ``Assistant.ask`` returns, serialised the same way by the CLI, the
API, the UI and the evaluation reports."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from vectorstore import Passage

# Bounds on what a client may send as earlier turns: enough for any real
# conversation (answers included), small enough that none can tie up the server.
MAX_TURN_CHARS = 20_000
MAX_HISTORY_ITEMS = 100


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class ClientTurn(Turn):
    """A turn as a client sends it, bounded; stored turns are not."""

    content: str = Field(max_length=MAX_TURN_CHARS)


class Citation(Passage):
    """A passage an answer rests on: ``n`` is its ``[n]`` marker in the
    answer, ``quote`` the sentence(s) of the passage the answer used."""

    n: int = Field(strict=True)  # a number, never a boolean a client sends in its place
    quote: str


class UnsupportedSentence(BaseModel):
    sentence: str
    reason: str


class GroundingReport(BaseModel):
    """How many answer sentences their cited passages support."""

    supported: int = Field(strict=True)
    total: int = Field(strict=True)
    score: float = Field(strict=True, description="supported / total; 1.0 for an answer with no claims (a decline)")
    unsupported: list[UnsupportedSentence] = []


class PartVerdict(BaseModel):
    """One part of a question ("… and by when?") and whether the answer gives it."""

    question: str
    kind: str = Field(description="who, when, duration, how_much, how_many, where, which, list, why, how, about, yes_no or what")
    answered: bool
    missing: list[str] = Field(default=[], description="What the documents don't give for this part, in words.")


class Answerability(BaseModel):
    """Whether the cited sentences contain what the question asks for: separate
    from grounding, which says only that each sentence is supported."""

    verdict: Literal["answered", "partial", "not_covered"]
    kind: str = Field(description="The kind of answer the (first part of the) question asks for.")
    subject: str = Field(description="What the question is about, in its own words.")
    missing: list[str] = Field(default=[], description="What the documents don't give, in words; empty when answered.")
    parts: list[PartVerdict] = []

    @property
    def summary(self) -> str:
        """The verdict in words for a reader: what the CLI prints and the UI's badge says."""
        if self.verdict == "answered":
            return "Answers the question"
        if self.verdict == "partial":
            return "Partly answered: the documents don't give " + "; ".join(self.missing)
        return "Not covered by the documents"


class Answer(BaseModel):
    question: str
    standalone_question: str
    answer: str
    refused: bool
    citations: list[Citation]
    grounding: GroundingReport
    answerability: Answerability
    backend: str = Field(description='"extractive", "llm", or "llm→extractive" when the llm answer failed the check')
    fallback_reason: str | None = None
    rejected_sentences: list[UnsupportedSentence] = Field(
        default=[], description="Sentences of an llm answer that the grounding check kept from the user, with why."
    )
    timings_ms: dict[str, float]
    sources_note: str | None = Field(
        default=None,
        description="For a question about the present (now, currently, latest…): how old each cited document is.",
    )
    run_id: str | None = Field(
        default=None, description="The run record (corpus, settings, software) the answer came from; see the audit export."
    )

    def with_sources(self) -> str:
        """The answer with its sources written out, for readers of plain text."""
        if not self.citations:
            return self.answer
        note = ["", f"Note: {self.sources_note}"] if self.sources_note else []
        return "\n".join([self.answer, *note, "", "Sources:"] + [f"[{c.n}] {c.reference}" for c in self.citations])

    retrieved: list[Passage] = Field(
        default=[],
        exclude=True,
        description="Every passage retrieval returned, cited or not, for evaluation; left out of serialisation.",
    )
