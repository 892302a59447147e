"""Follow-ups into standalone questions.

"And by when?" means nothing to retrieval on its own. Three kinds of
follow-up are recognised, each resolved against the standalone form of the
question before it (earlier follow-ups are resolved first, so a chain of
them keeps its subject):

* nearly no words of its own ("and by when?", "why?"), or leaning on "it",
  "they", "that": it is read together with the previous question, "What does
  commitment 2 ask for? And by when?";
* "what about X?", "and X?": a new subject in the same setting; it keeps
  the commitment, chapter, paragraph or named document the previous
  question pointed at, "What about funding? (commitment 2)".
"""

from __future__ import annotations

import re

from vectorstore.keyword import tokens

from .models import Turn
from .phrasing import as_question
from .sentences import capitalised

_OPENERS = re.compile(
    r"^\s*(?:and|but|also|so|then|what about|how about|what else|tell me more|more on|what of)\b",
    re.IGNORECASE,
)
_LEANING_WORDS = frozenset("it its they them their this that these those he she his her there such".split())
_PLACES = re.compile(r"\b(?:commitment|chapter|paragraph|para)\s+[\w.]+|\b[A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+)+\b")


def condense_question(question: str, history: list[Turn]) -> str:
    standalone = None
    for turn in history:
        if turn.role == "user":
            standalone = _resolve(turn.content, standalone)
    return _resolve(question, standalone)


def _resolve(question: str, previous: str | None) -> str:
    question = as_question(question)
    if previous is None:
        return question
    content = tokens(question)
    leaning = bool(set(re.findall(r"[a-z]+", question.lower())) & _LEANING_WORDS)
    if _OPENERS.match(question) and 1 <= len(content) <= 6 and not leaning:
        places = [p for p in dict.fromkeys(_PLACES.findall(previous)) if p.lower() not in question.lower()]
        return f"{capitalised(question)} ({'; '.join(places)})" if places else capitalised(question)
    if len(content) <= 1 or (leaning and len(content) <= 8):
        return f"{_as_question(previous)} {capitalised(question)}"
    return question


def _as_question(text: str) -> str:
    text = text.rstrip()
    return text if text[-1:] in "?.!" else f"{text}?"
