"""Adding a document sent over the network: a safe name, a size limit, a
supported type, and no trace left when it cannot be ingested. Shared by the
API's upload endpoint and the UI's upload box."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from ingest import SUPPORTED_SUFFIXES, Chunk, DocumentMetadata, sidecar_of

from .facade import Assistant

_SAFE_NAME = re.compile(r"^[\w][\w .()+-]{0,150}$")


class UploadRejected(ValueError):
    """The upload cannot be accepted; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class RemovalResult(BaseModel):
    removed: str
    chunks: int
    files_deleted: list[str] = Field(description="The uploaded file and its sidecar, when they were on this server.")


class HeldPassage(BaseModel):
    """A passage kept out of answers: text addressed to an AI system."""

    section: str
    text: str
    reason: str

    @classmethod
    def of(cls, chunk: Chunk) -> HeldPassage:
        return cls(section=chunk.section, text=chunk.text, reason=chunk.quarantine_reason or "")


class UploadResult(BaseModel):
    source: str
    status: Literal["added", "updated", "unchanged"]
    chunks: int
    quarantined: list[HeldPassage] = Field(
        default=[], description="Passages held back from answers as instructions to an AI system (prompt injection)."
    )


def safe_file_name(raw: str) -> str:
    """The upload's base name, if it is a plain file name of a supported type."""
    name = Path(raw.replace("\\", "/")).name.strip()
    if not name or "\x00" in raw or not _SAFE_NAME.match(name):
        raise UploadRejected(400, f"unsafe or empty file name {raw!r}: use letters, digits, spaces and . _ - ( ) +")
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRejected(
            415, f"unsupported file type {suffix or '(none)'!r}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    return name


def metadata_from_form(
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    edition: str | None = None,
    kind: str | None = None,
    framework_kind: str | None = None,
    framework_items: str | None = None,
    framework_title: str | None = None,
) -> DocumentMetadata | None:
    """The metadata a form gives (blank fields left out; framework items one
    per line), or None when it gives none."""
    given: dict[str, object] = {
        key: value.strip()
        for key, value in {"title": title, "publisher": publisher, "date": date, "edition": edition, "kind": kind}.items()
        if value and value.strip()
    }
    items = [line.strip() for line in (framework_items or "").splitlines() if line.strip()]
    if items or (framework_kind or "").strip():
        framework: dict[str, object] = {"kind": (framework_kind or "").strip(), "items": items}
        if (framework_title or "").strip():
            framework["title"] = (framework_title or "").strip()
        given["framework"] = framework
    if not given:
        return None
    try:
        return DocumentMetadata.model_validate(given)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise UploadRejected(422, f"invalid document metadata: {problems}") from None


def add_document(assistant: Assistant, raw_name: str, data: bytes, metadata: DocumentMetadata | None = None) -> UploadResult:
    """Saves and ingests an uploaded file, with its metadata in a sidecar
    beside it when given; a file that fails leaves nothing behind (an earlier
    file of that name, and its sidecar, are put back)."""
    settings = assistant.settings
    name = safe_file_name(raw_name)
    limit = int(settings.max_upload_mb * 1024 * 1024)
    if len(data) > limit:
        raise UploadRejected(413, f"the file is larger than the {settings.max_upload_mb:g} MB limit")
    if not data:
        raise UploadRejected(400, "the file is empty")
    folder = settings.uploads_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    sidecar = sidecar_of(path)
    previous = path.read_bytes() if path.exists() else None
    previous_sidecar = sidecar.read_bytes() if sidecar.exists() else None
    _write(folder, path, data)
    if metadata is not None:
        _write(folder, sidecar, metadata.to_toml().encode())
    outcome = assistant.library.ingest([path], progress=False).outcomes[0]
    if outcome.status == "skipped":
        _restore(path, previous)
        _restore(sidecar, previous_sidecar)
        raise UploadRejected(422, f"{name} was not ingested: {outcome.reason}")
    assistant.refresh()
    held = [HeldPassage.of(chunk) for chunk in assistant.library.store.quarantined(name)]
    return UploadResult(source=name, status=outcome.status, chunks=outcome.chunks, quarantined=held)


def remove_document(assistant: Assistant, document_id: str) -> RemovalResult:
    """Takes the document whose id (file name) is exactly ``document_id`` out
    of the index, and deletes its uploaded file and sidecar: nothing of it is
    left to be ingested again. A part of a name matches nothing."""
    known = {d.source: d for d in assistant.library.documents()}
    if document_id not in known:
        raise UploadRejected(404, f"no indexed document with the id {document_id!r}; ids are the file names /api/documents lists")
    chunks = assistant.library.store.remove_document(document_id)
    deleted = []
    folder = assistant.settings.uploads_path
    for path in (folder / document_id, sidecar_of(folder / document_id)):
        if path.parent == folder and path.is_file():
            path.unlink()
            deleted.append(path.name)
    assistant.refresh()
    return RemovalResult(removed=document_id, chunks=chunks, files_deleted=deleted)


def _write(folder: Path, path: Path, data: bytes) -> None:
    staged = folder / f".{path.name}.part"  # hidden: never picked up by a folder ingest
    staged.write_bytes(data)
    staged.replace(path)


def _restore(path: Path, previous: bytes | None) -> None:
    if previous is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(previous)
