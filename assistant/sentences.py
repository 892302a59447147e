"""Sentences, as both the extractive answerer and the grounding check see
them: bullets and lines are units of their own; "e.g.", "p. 37", "2.18." and
"£2.3bn" do not end a sentence."""

from __future__ import annotations

import re

# A sentence ends at a stop before a capital or a figure, or, in an answer, at
# a citation mark and its stop, whatever follows ("… care [1]. spending …").
_BREAK = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“(£\[]?[A-Z0-9])|(?<=\][.!?])\s+")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|p|pp|para|paras|No|Dr|Mr|Mrs|Ms|St|vs|approx|c)\.|^\s*[-•]?\s*\d{1,2}(?:\.\d{1,3})*\.)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*[-•*]\s+")
_MARKS_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d{1,2}\])+)")
# "(NHS LTP p. 37)", perhaps with its [n], belongs to the sentence before
_REFERENCE_ONLY = re.compile(r"^\([^()]*\)(?:\s*\[\d{1,2}\])*[.]?$")
CITATION_MARK = re.compile(r"\s*\[(\d{1,2})\]")
_LEADING_NUMBER = re.compile(r"^\d{1,2}\.(?:\d{1,3}\.?)?\s+")  # "2.18. " or a list's "3. "
_QUOTED_PAGE = re.compile(r"\s*\([^()]*\bp\.\s*\d+\)\s*$")  # "(NHS LTP p. 37)"


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for line in text.splitlines():
        line = _MARKS_AFTER_STOP.sub(r"\2\1", _BULLET.sub("", line)).strip()
        if not line:
            continue
        current = ""
        for piece in _BREAK.split(line):
            current = f"{current} {piece}" if current else piece
            if not _ABBREVIATION.search(current.rstrip()):
                _add(sentences, current.strip())
                current = ""
        if current:
            _add(sentences, current.strip())
    return sentences


def _add(sentences: list[str], sentence: str) -> None:
    if _REFERENCE_ONLY.match(sentence) and sentences:
        sentences[-1] = f"{sentences[-1]} {sentence}"
    else:
        sentences.append(sentence)


def readable(sentence: str) -> str:
    """A passage sentence without the paragraph or list number ("2.18. ",
    "3. ") and quoted page ("(NHS LTP p. 37)") that its citation carries."""
    return _QUOTED_PAGE.sub("", _LEADING_NUMBER.sub("", sentence)).strip()


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def without_marks(sentence: str) -> str:
    return CITATION_MARK.sub("", sentence).strip()


def marks_of(sentence: str) -> list[int]:
    return [int(n) for n in CITATION_MARK.findall(sentence)]


_CLOSING = re.compile(r"(?:[.!?…]+[\"”’)]*|[\"”’)]+[.!?…]*)$")


def with_mark(sentence: str, n: int) -> str:
    """ "… value for money [1]." — the mark goes before the closing stop and
    quotes; a sentence without a stop (a bullet) gets one, so that the next
    sentence cannot run into it."""
    body = sentence.rstrip()
    closing = _CLOSING.search(body)
    end = closing.group(0) if closing else ""
    body = body[: len(body) - len(end)].rstrip()
    if not re.search(r"[.!?…]", end):
        end = f"{end}."
    return f"{body} [{n}]{end}"
