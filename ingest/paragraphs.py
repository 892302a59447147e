"""Paragraph repair and paragraph facts.

Extraction breaks paragraphs at page and column boundaries ("…productivity
gains. Sustainable" / "productivity growth depends…") and runs numbered
paragraphs together ("…(NHS LTP p. 37) 2.19. Nutrition training…"). These
functions undo both, and read a paragraph's number (``2.18``) and the page it
quotes (``(NHS LTP p. 37)``).
"""

from __future__ import annotations

import re

from .models import Block
from .text_blocks import looks_like_heading

_CONTINUABLE = ("paragraph", "list_item")
_ENDS_SENTENCE = tuple('.!?:;)"”’')
_ELLIPSIS = ("...", "…")
PARAGRAPH_NUMBER = re.compile(r"^(\d{1,2}\.\d{1,3})\.?\s+(?=\S)")
# A numbered paragraph starting inside a block: after a sentence or a quoted
# page, and followed by a capital, so that "3.5 million" or "£2.3bn" never split.
_INLINE_PARAGRAPH = re.compile(r"(?<=[.)”\"]) +(?=\d{1,2}\.\d{1,3}\.?\s+[A-Z“\"(])")
PAGE_REFERENCE = re.compile(r"\((?:[A-Z][\w&]*\.?\s+){0,4}pp?\.\s*(\d{1,4})(?:\s*[-–]\s*\d{1,4})?\)", re.IGNORECASE)


def join_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if previous and previous.kind in _CONTINUABLE and block.kind == "paragraph" and _continues(previous, block):
            previous.text = f"{previous.text} {block.text}"
        else:
            joined.append(Block(block.text, block.kind, block.level, block.page))
    return joined


def _continues(previous: Block, block: Block) -> bool:
    text = block.text.lstrip()
    if text[:1].islower():
        return True
    ending = previous.text.rstrip()
    unfinished = not ending.endswith(_ENDS_SENTENCE) or ending.endswith(_ELLIPSIS)
    return unfinished and len(previous.text) >= 60 and not looks_like_heading(text) and not looks_like_heading(previous.text)


def split_numbered_paragraphs(blocks: list[Block]) -> list[Block]:
    split: list[Block] = []
    for block in blocks:
        if block.kind not in _CONTINUABLE:
            split.append(block)
            continue
        pieces = _INLINE_PARAGRAPH.split(block.text)
        split.append(Block(pieces[0], block.kind, block.level, block.page))
        split.extend(Block(piece, "paragraph", None, block.page) for piece in pieces[1:])
    return split


def paragraph_number(text: str) -> str | None:
    match = PARAGRAPH_NUMBER.match(text)
    return match.group(1) if match else None


def page_reference(text: str) -> int | None:
    """The last page a passage quotes, e.g. 37 for "… (NHS LTP p. 37)"."""
    matches = PAGE_REFERENCE.findall(text)
    return int(matches[-1]) if matches else None
