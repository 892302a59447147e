"""Model-written briefing questions (the ``llm`` backend). The model only
proposes; the builder's grounding and scope checks decide what is kept, and
the derived questions still follow, so a model that writes nothing usable
costs only time."""

from __future__ import annotations

import re
from collections.abc import Callable

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import PromptTemplate

from ingest import Chunk
from prompts import load_prompt

from ..answerers.llm import chat_model
from ..settings import Settings
from .questions import Kind, Proposal, place_of

_MAX_PASSAGES = 8  # model calls per pack: enough to spread over a scope, not to stall it


def kind_of(question: str) -> Kind:
    q = question.lower()
    if q.startswith(("when", "by when", "what year")):
        return "date"
    if q.startswith(("how much", "how many", "what percentage", "what proportion")):
        return "figure"
    if q.startswith("why"):
        return "rationale"
    if re.match(r"what (?:should|must|will|action)", q):
        return "action"
    return "fact"


def llm_proposer(settings: Settings) -> Callable[[list[Chunk]], list[Proposal]]:
    chain = PromptTemplate.from_template(load_prompt("briefing_questions")) | chat_model(settings, 120) | StrOutputParser()

    def propose(chunks: list[Chunk]) -> list[Proposal]:
        proposals = []
        step = max(1, len(chunks) // _MAX_PASSAGES)
        for chunk in chunks[::step][:_MAX_PASSAGES]:
            place = place_of(chunk)
            try:
                reply = chain.invoke({"place": place, "passage": chunk.text})
            except Exception:  # an endpoint failure leaves the derived questions
                continue
            for line in reply.splitlines():
                question = re.sub(r"^[\s\-*\d.)]+", "", line).strip()
                if question.endswith("?") and 4 <= len(question.split()) <= 30:
                    if place.split()[0] in ("commitment", "chapter", "paragraph") and place not in question.lower():
                        question = f"{question[:-1]} ({place})?"  # keeps retrieval in the scope
                    proposals.append(Proposal(question, kind_of(question), chunk, None))
        return proposals

    return propose
