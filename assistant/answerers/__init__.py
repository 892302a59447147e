"""Answerers: from a question and its retrieved passages to a draft answer
whose sentences carry ``[n]`` markers (n = the passage's place in the list).

Two implementations behind one interface, chosen by the ``answerer`` setting:
``extractive`` (no model; grounded by construction) and ``llm`` (any
OpenAI-compatible chat endpoint). Every draft then goes through the
grounding check in the chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from vectorstore import Passage


@dataclass(frozen=True)
class Draft:
    text: str
    refused: bool = False


class Answerer(Protocol):
    name: str

    def draft(self, question: str, passages: list[Passage]) -> Draft: ...
