"""Files -> blocks -> outline -> chunks with citation metadata.

``read_document`` is the whole pipeline for one file; the pieces live in
``loaders`` (formats), ``furniture`` (what is not content), ``paragraphs``
(repair, numbers, quoted pages), ``outline`` (headings, commitments,
chapters) and ``chunker``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .chunker import chunks_of
from .loaders import LOADERS, UnreadableFile, load_file
from .manifest import ManifestError, manifest_for
from .models import Chunk, DocumentInfo, LoadedDocument
from .outline import outline_of
from .sidecar import DocumentMetadata, FrameworkSpec, SidecarError, is_sidecar, read_sidecar, sidecar_of
from .text_blocks import looks_like_heading

SUPPORTED_SUFFIXES = frozenset(LOADERS)
# Bump when parsing or chunking changes, so that stores re-ingest everything.
PIPELINE_VERSION = "5"

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Chunk",
    "DocumentInfo",
    "DocumentMetadata",
    "FrameworkSpec",
    "ManifestError",
    "SidecarError",
    "UnreadableFile",
    "describe",
    "file_sha256",
    "fingerprint",
    "is_excluded",
    "read_document",
    "sidecar_of",
]


def describe(path: Path, title_hint: str | None = None) -> DocumentInfo:
    """The folder's manifest entry, overridden by the file's own sidecar."""
    info = manifest_for(path.resolve().parent).describe(path.name, title_hint)
    own = read_sidecar(path)
    if own is None:
        return info
    given = own.model_dump(include={"title", "publisher", "date", "edition", "kind"}, exclude_none=True)
    frameworks = [own.framework.framework()] if own.framework else info.frameworks
    return info.model_copy(update={**given, "frameworks": frameworks})


def fingerprint(path: Path, chunk_size: int, chunk_max: int) -> str:
    """Changes whenever the chunks of ``path`` could change: its bytes, its
    manifest entry, the chunk sizes or the pipeline itself."""
    manifest = manifest_for(path.resolve().parent)
    entry = manifest.entries.get(path.name, {})
    frameworks = [manifest.frameworks[name].model_dump() for name in entry.get("frameworks", [])]
    digest = hashlib.sha256(path.read_bytes())
    sidecar = sidecar_of(path)
    digest.update(sidecar.read_bytes() if sidecar.is_file() else b"")
    digest.update(json.dumps([entry, frameworks, chunk_size, chunk_max, PIPELINE_VERSION], sort_keys=True, default=str).encode())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, as a run record names the document."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def is_excluded(path: Path) -> bool:
    """Files a folder's manifest says are not documents (its README, itself),
    and sidecars, which describe the document beside them."""
    return is_sidecar(path) or path.name in manifest_for(path.resolve().parent).exclude


def read_document(path: Path, chunk_size: int, chunk_max: int) -> tuple[DocumentInfo, list[Chunk]]:
    """Reads one file into its description and chunks; raises
    :class:`UnreadableFile` when it cannot."""
    loaded = load_file(path)
    info = describe(path, loaded.title_hint or _first_heading(loaded))
    if info.date is None and loaded.date_hint:
        info = info.model_copy(update={"date": loaded.date_hint})  # what the file says, when no one else does
    info = info.model_copy(update={"sha256": file_sha256(path)})
    chunks = chunks_of(outline_of(loaded.blocks, info, loaded.headings_known), info, chunk_size, chunk_max)
    if not chunks:
        raise UnreadableFile("no text left once page furniture was removed")
    return info, chunks


def _first_heading(loaded: LoadedDocument) -> str | None:
    """A title for a file that names none: its opening heading."""
    opening = loaded.blocks[:3]
    return next(
        (b.text for b in opening if b.kind == "heading" or (b.kind == "paragraph" and looks_like_heading(b.text))),
        None,
    )
