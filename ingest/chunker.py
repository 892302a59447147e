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
from itertools import groupby

from .models import Chunk, DocumentInfo, Placement, PlacedBlock

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(£0-9])")


def chunks_of(placed: list[PlacedBlock], info: DocumentInfo, size: int, ceiling: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    for place, group in groupby(placed, key=lambda item: _place_key(item.place)):
        items = list(group)
        for text in _pack([_piece_text(item) for item in items], size, ceiling):
            chunks.append(_chunk(info, items[0].place, text, len(chunks)))
    return chunks


def _place_key(place: Placement) -> tuple:
    return (place.path, place.commitment, place.chapter, place.paragraph, place.page, place.subsection)


def _piece_text(item: PlacedBlock) -> str:
    return f"- {item.block.text}" if item.block.kind == "list_item" else item.block.text


def _pack(pieces: list[str], size: int, ceiling: int) -> list[str]:
    texts: list[str] = []
    current = ""
    for piece in pieces:
        for part in _split_long(piece, size, ceiling):
            if current and len(current) + 1 + len(part) > size:
                texts.append(current)
                current = part
            else:
                current = f"{current}\n{part}" if current else part
    if current:
        texts.append(current)
    return texts


def _split_long(text: str, size: int, ceiling: int) -> list[str]:
    if len(text) <= ceiling:
        return [text]
    parts: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        if current and len(current) + 1 + len(sentence) > size:
            parts.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        parts.append(current)
    return parts


def _chunk(info: DocumentInfo, place: Placement, text: str, position: int) -> Chunk:
    digest = hashlib.sha1(f"{info.source}\n{position}\n{text}".encode()).hexdigest()[:16]
    return Chunk(
        id=f"{info.source}#{position}-{digest}",
        source=info.source,
        document=info.title,
        position=position,
        text=text,
        section=place.section,
        section_path=list(place.path),
        subsection=place.subsection,
        commitment=place.commitment,
        commitment_title=place.commitment_title,
        chapter=place.chapter,
        chapter_title=place.chapter_title,
        paragraph=place.paragraph,
        page=place.page,
    )
