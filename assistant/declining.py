"""When to decline before any answerer runs: a request to set the rules
aside, nothing retrieved, no subject to look for, or a named place that does
not mention the subject. Whether the retrieved passages *answer* the
question is decided afterwards, on the answer itself (``answerability``).
"""

from __future__ import annotations

import re

from ingest.frameworks import SET_NOUNS
from vectorstore import Passage
from vectorstore.keyword import tokens

from .question import question_terms

INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.?!]{0,40}\b(?:instructions?|rules|prompts?|guidelines|above|previous)\b"
    r"|\bsystem prompt\b|\byou are now\b|\bpretend (?:to be|you are)\b|\bjailbreak\b|\bdeveloper mode\b"
    r"|\breveal (?:your|the) (?:prompt|instructions|rules)\b"
    # "act as …" as an order ("Act as a pirate", "now act as my lawyer"), not "what will act as the front door?"
    r"|(?:^|[.!?:]\s*|\b(?:now|please|you will|you must)\s+)act as (?:an?|the|my)\b",
    re.IGNORECASE,
)
_PLACE_WORDS = frozenset({"commitment", "chapter", "paragraph", "para", *SET_NOUNS.values()})


def decline_reason(question: str, passages: list[Passage], scoped: bool) -> str | None:
    """Why the question should be declined, or None to answer it.

    ``scoped``: the question named a commitment, chapter, priority…,
    paragraph or document and retrieval found passages there. "What does commitment 3
    call for?" is then answerable as it stands; a subject beyond the place
    ("the 2018 world cup (commitment 2)") must still appear in the passages."""
    if INJECTION.search(question):
        return "it asks the assistant to set its rules aside"
    if not passages:
        return "nothing in the documents matches it"
    if scoped:
        subject = {t for t in question_terms(question) if t not in _PLACE_WORDS and not t[0].isdigit()}
        # The place's document title is the place's too: "the estates plan" names the plan.
        seen = set(tokens(" ".join(f"{p.text} {p.section} {p.document}" for p in passages)))
        if subject and not subject & seen:
            return "the named place does not mention its subject"
        return None
    if not question_terms(question):
        return "it names no subject to look for"
    return None
