"""When to say "the documents don't cover this" instead of answering.

Checked before any answerer runs, so that no backend answers what retrieval
could not find: a request to set the rules aside, a question whose
distinctive words the retrieved passages lack, or one they barely resemble.
"""

from __future__ import annotations

import re

from vectorstore import Passage
from vectorstore.keyword import tokens

from .question import question_terms

INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.?!]{0,40}\b(?:instructions?|rules|prompts?|guidelines|above|previous)\b"
    r"|\bsystem prompt\b|\byou are now\b|\bpretend (?:to be|you are)\b|\bjailbreak\b|\bdeveloper mode\b"
    r"|\breveal (?:your|the) (?:prompt|instructions|rules)\b|\bact as (?:an?|the|my)\b",
    re.IGNORECASE,
)
# Calibrated on the bundled corpus (see tests/assistant/test_answers.py):
# answerable questions reach a cosine similarity of 0.35 or more, or find
# most of their distinctive words in one passage; off-topic ones do neither.
MIN_SIMILARITY = 0.35
_PLACE_WORDS = frozenset({"commitment", "chapter", "paragraph", "para"})
MIN_FOCUS_COVERAGE = 0.5


def decline_reason(question: str, passages: list[Passage], idf: dict[str, float], scoped: bool) -> str | None:
    """Why the question should be declined, or None to answer it.

    ``scoped``: the question named a commitment, chapter, paragraph or
    document and retrieval found passages there. "What does commitment 3
    call for?" is then answerable as it stands; a subject beyond the place
    ("the 2018 world cup (commitment 2)") must still appear in the passages."""
    if INJECTION.search(question):
        return "it asks the assistant to set its rules aside"
    if not passages:
        return "nothing in the documents matches it"
    if scoped:
        subject = {t for t in question_terms(question) if t not in _PLACE_WORDS and not t[0].isdigit()}
        seen = set(tokens(" ".join(f"{p.text} {p.section}" for p in passages)))
        if subject and not subject & seen:
            return "the named place does not mention its subject"
        return None
    if not question_terms(question):
        return "it names no subject to look for"
    return None


def focus_coverage(question: str, passages: list[Passage], idf: dict[str, float]) -> float:
    """The best share, over passages, of the question's distinctive words
    (rarer than average in the corpus, or absent from it) that a passage or
    its headings contain."""
    if not idf:
        return 0.0
    average = sum(idf.values()) / len(idf)
    ceiling = max(idf.values())
    focus = {term: idf.get(term, ceiling) for term in question_terms(question) if idf.get(term, ceiling) >= average}
    if not focus:
        return 1.0
    total = sum(focus.values())
    best = 0.0
    for passage in passages:
        seen = set(tokens(" ".join(filter(None, (passage.text, passage.section, passage.document)))))
        best = max(best, sum(w for t, w in focus.items() if t in seen) / total)
    return best
