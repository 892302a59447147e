"""SCOPE strings: what a briefing pack covers.

Parts separated by commas or semicolons are joined (a union); the terms
inside one part must all hold (an intersection). A term is ``commitment N``,
``chapter N``, ``paragraph X.Y``, ``section TEXT`` (a section label
containing TEXT), or otherwise a document's file name or title (any unique
part of one). Examples: ``"commitment 3"``, ``"chapter 2, chapter 3"``,
``"a-picture-of-health.txt commitment 3"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import Chunk

from ..library import Library, LibraryError

_TERM = re.compile(r"\b(commitment|chapter|paragraph|para)\s+(\d{1,2}(?:\.\d{1,3})?)\b", re.IGNORECASE)
_SECTION = re.compile(r"\bsection\s+(.+)$", re.IGNORECASE)


class ScopeError(ValueError):
    """The scope cannot be understood; the message says which part."""


@dataclass(frozen=True)
class ScopePart:
    sources: frozenset[str] = frozenset()
    commitment: int | None = None
    chapter: int | None = None
    paragraph: str | None = None
    section: str | None = None

    def holds(self, chunk: Chunk) -> bool:
        return (
            (not self.sources or chunk.source in self.sources)
            and (self.commitment is None or chunk.commitment == self.commitment)
            and (self.chapter is None or chunk.chapter == self.chapter)
            and (self.paragraph is None or chunk.paragraph == self.paragraph)
            and (self.section is None or self.section.lower() in chunk.section.lower())
        )


@dataclass(frozen=True)
class BriefingScope:
    text: str
    parts: tuple[ScopePart, ...] = field(default_factory=tuple)

    def holds(self, chunk: Chunk) -> bool:
        return any(part.holds(chunk) for part in self.parts)


def parse_scope(text: str, library: Library) -> BriefingScope:
    pieces = [piece.strip() for piece in re.split(r"[;,]", text) if piece.strip()]
    if not pieces:
        raise ScopeError("the scope is empty: name a commitment, a chapter, a document or a section")
    return BriefingScope(text, tuple(_part(piece, library) for piece in pieces))


def _part(piece: str, library: Library) -> ScopePart:
    values: dict = {}
    section = _SECTION.search(piece)
    if section:
        values["section"] = section.group(1).strip()
        piece = piece[: section.start()]
    for kind, number in _TERM.findall(piece):
        kind = "paragraph" if kind.lower() == "para" else kind.lower()
        values[kind] = number if kind == "paragraph" else int(number)
    rest = _TERM.sub(" ", piece).strip(" -:")
    if rest:
        try:
            values["sources"] = frozenset({library.find_document(rest).source})
        except LibraryError as error:
            raise ScopeError(f"in the scope {piece!r}: {error}") from None
    if not values:
        raise ScopeError(f"cannot read the scope part {piece!r}")
    return ScopePart(**values)
