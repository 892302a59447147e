"""Ingesting files into the store: find them, skip what is unchanged, read
the rest, embed, and report every file's outcome.

A file that cannot be read is reported and skipped; the others still go in.
Encoding is the cost that matters, so it is done once for the whole run:
passages whose text is already stored keep their vector, and the rest are
encoded together, longest first, so that each batch pads little.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from langchain_core.embeddings import Embeddings
from tqdm import tqdm

from ingest import (
    SUPPORTED_SUFFIXES,
    Chunk,
    DocumentInfo,
    ManifestError,
    UnreadableFile,
    file_sha256,
    fingerprint,
    is_excluded,
    read_document,
)

from .store import ChunkStore, DocumentWrite

Status = Literal["added", "updated", "unchanged", "skipped"]
_ENCODE_BLOCK = 256  # texts per call to the encoder: a progress step, and a length-sorted run of batches


@dataclass
class FileOutcome:
    path: Path
    status: Status
    chunks: int = 0
    reason: str | None = None
    quarantined: int = 0  # passages held back as text addressed to an AI system


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)

    @property
    def skipped(self) -> list[FileOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "skipped"]


def discover(paths: list[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Files under ``paths`` (folders are walked), and outcomes for paths that
    do not exist. Hidden files and manifest-excluded files are passed over
    silently; other unsupported files are kept so the report can name them."""
    files: list[Path] = []
    missing: list[FileOutcome] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                child
                for child in sorted(path.rglob("*"))
                if child.is_file()
                and not any(part.startswith(".") for part in child.relative_to(path).parts)
                and not is_excluded(child)
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append(FileOutcome(path, "skipped", reason="no such file or folder"))
    return files, missing


def ingest(paths: list[Path], store: ChunkStore, chunk_size: int, chunk_max: int, progress: bool | None = None) -> IngestReport:
    """``progress=None`` shows progress bars only on a terminal."""
    quiet = None if progress is None else not progress
    files, missing = discover(paths)
    report = IngestReport(list(missing))
    pending: list[tuple[FileOutcome, DocumentInfo, list[Chunk], str]] = []
    vectors: dict[str, Sequence[float]] = {}  # by embedded text: stored ones first, then the newly encoded
    seen: dict[str, Path] = {}
    for path in tqdm(files, desc="Reading", unit="file", disable=quiet):
        outcome = FileOutcome(path, "skipped")
        report.outcomes.append(outcome)
        if path.name in seen:
            outcome.reason = f"another file named {path.name} ({seen[path.name]}) is in this run; names identify documents"
            continue
        seen[path.name] = path
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            outcome.reason = (
                f"unsupported file type {path.suffix or '(none)'!r}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"
            )
            continue
        try:
            file_print = fingerprint(path, chunk_size, chunk_max)
            summary = store.current(path.name, file_print)
            if summary:
                outcome.status, outcome.chunks, outcome.quarantined = "unchanged", summary.chunks, summary.quarantined
                if summary.sha256 is None:  # a store from before hashes were kept; the fingerprint vouches for these bytes
                    store.catalogue.put([replace(summary, sha256=file_sha256(path))])
                continue
            info, chunks = read_document(path, chunk_size, chunk_max)
        except (UnreadableFile, ManifestError) as error:
            outcome.reason = str(error)
            continue
        except OSError as error:
            outcome.reason = f"cannot read the file: {error.strerror or error}"
            continue
        stored = store.stored_vectors(path.name)
        outcome.status = "updated" if stored or store.catalogue.get(path.name) else "added"
        outcome.quarantined = sum(1 for chunk in chunks if chunk.quarantine_reason)
        outcome.chunks = len(chunks) - outcome.quarantined
        vectors.update(stored)
        pending.append((outcome, info, chunks, file_print))
    wanted = {c.embedding_text for _, _, chunks, _ in pending for c in chunks if not c.quarantine_reason} - vectors.keys()
    vectors.update(encode(sorted(wanted, key=lambda text: (-len(text), text)), store.embeddings, quiet))
    if pending:
        total = sum(len(chunks) for _, _, chunks, _ in pending)
        with tqdm(total=total, desc="Storing", unit="chunk", disable=quiet) as bar:
            writes = [DocumentWrite(info, chunks, file_print) for _, info, chunks, file_print in pending]
            store.replace_documents(writes, vectors, on_progress=bar.update)
    store.complete()
    store.keyword_index()  # saved now, so that no process builds it at start
    return report


def encode(texts: list[str], embeddings: Embeddings, quiet: bool | None) -> dict[str, Sequence[float]]:
    """The vectors of ``texts``, in blocks, with a progress bar over chunks."""
    vectors: dict[str, Sequence[float]] = {}
    if not texts:
        return vectors
    with tqdm(total=len(texts), desc="Embedding", unit="chunk", disable=quiet) as bar:
        for start in range(0, len(texts), _ENCODE_BLOCK):
            block = texts[start : start + _ENCODE_BLOCK]
            vectors.update(zip(block, embeddings.embed_documents(block), strict=True))
            bar.update(len(block))
    return vectors
