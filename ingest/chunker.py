"""Placed blocks into chunks that follow the outline.

A chunk holds consecutive blocks with the same place (section, commitment,
chapter, paragraph number, page), so it never spans two commitments or two
numbered paragraphs, and a citation can name exactly where it came from.
Within a place, blocks are packed up to the target size; a list item is never
cut, and only a paragraph longer than the ceiling is split, between sentences.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from itertools import groupby

from .instructions import split_instructions
from .models import Chunk, DocumentInfo, PlacedBlock, Placement

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(£0-9])")


def chunks_of(placed: list[PlacedBlock], info: DocumentInfo, size: int, ceiling: int) -> list[Chunk]:
    # Text outside every heading: the opening of a document that has headings,
    # or all of one that has none (a news article).
    unheaded = "(introduction)" if any(item.place.path for item in placed) else "(full text)"
    chunks: list[Chunk] = []
    occurrences: Counter[str] = Counter()
    for _, group in groupby(placed, key=lambda item: _place_key(item.place)):
        items = list(group)
        pieces, held = [], []
        for item in items:
            kept, instructions = split_instructions(item.block.text)
            held += instructions
            if kept.strip():
                pieces.append(f"- {kept}" if item.block.kind == "list_item" else kept)
        texts: list[tuple[str, str | None]] = [(text, None) for text in _pack(pieces, size, ceiling)]
        texts += held  # kept apart, where they were, for an administrator to see
        for text, reason in texts:
            occurrences[text] += 1
            chunk_id = _stable_id(info.source, text, occurrences[text])
            chunks.append(_chunk(chunk_id, info, items[0].place, text, len(chunks), unheaded, reason))
    return chunks


def _place_key(place: Placement) -> tuple:
    return (place.path, place.framework_item, place.commitment, place.chapter, place.paragraph, place.page, place.subsection)


def _pack(pieces: list[str], size: int, ceiling: int) -> list[str]:
    parts = [part for piece in pieces for part in _split_long(piece, size, ceiling)]
    return _greedy(parts, size, "\n")


def _split_long(text: str, size: int, ceiling: int) -> list[str]:
    if len(text) <= ceiling:
        return [text]
    return _greedy(_SENTENCE_END.split(text), size, " ")


def _greedy(parts: list[str], size: int, separator: str) -> list[str]:
    """Joins consecutive parts while the result stays within ``size``; a part
    longer than ``size`` on its own stays whole."""
    packed: list[str] = []
    current = ""
    for part in parts:
        if current and len(current) + len(separator) + len(part) > size:
            packed.append(current)
            current = part
        else:
            current = f"{current}{separator}{part}" if current else part
    if current:
        packed.append(current)
    return packed


def _stable_id(source: str, text: str, occurrence: int) -> str:
    """From the document and the passage's own text (and how often that text
    came before), not its position: a paragraph inserted near the top leaves
    every later chunk's id, and so its stored row and vector, where it was."""
    key = "\n".join((source, str(occurrence), text))
    return f"{source}#{hashlib.sha1(key.encode()).hexdigest()[:20]}"


def _chunk(
    chunk_id: str,
    info: DocumentInfo,
    place: Placement,
    text: str,
    position: int,
    unheaded: str,
    quarantine_reason: str | None,
) -> Chunk:
    return Chunk(
        id=chunk_id,
        source=info.source,
        document=info.title,
        position=position,
        text=text,
        section=place.section or unheaded,
        section_path=list(place.path),
        subsection=place.subsection,
        commitment=place.commitment,
        commitment_title=place.commitment_title,
        chapter=place.chapter,
        chapter_title=place.chapter_title,
        paragraph=place.paragraph,
        page=place.page,
        framework_item=place.framework_item,
        quarantine_reason=quarantine_reason,
    )
