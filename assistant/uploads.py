"""Adding a document sent over the network: a safe name, a size limit, a
supported type, and no trace left when it cannot be ingested. Shared by the
API's upload endpoint and the UI's upload box."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from ingest import SUPPORTED_SUFFIXES

from .facade import Assistant

_SAFE_NAME = re.compile(r"^[\w][\w .()+-]{0,150}$")


class UploadRejected(ValueError):
    """The upload cannot be accepted; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class UploadResult(BaseModel):
    source: str
    status: Literal["added", "updated", "unchanged"]
    chunks: int


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


def add_document(assistant: Assistant, raw_name: str, data: bytes) -> UploadResult:
    """Saves and ingests an uploaded file; a file that fails leaves nothing behind
    (an earlier file of that name is put back)."""
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
    previous = path.read_bytes() if path.exists() else None
    staged = folder / f".{name}.part"  # hidden: never picked up by a folder ingest
    staged.write_bytes(data)
    staged.replace(path)
    outcome = assistant.library.ingest([path], progress=False).outcomes[0]
    if outcome.status == "skipped":
        if previous is None:
            path.unlink()
        else:
            path.write_bytes(previous)
        raise UploadRejected(422, f"{name} was not ingested: {outcome.reason}")
    assistant.refresh()
    return UploadResult(source=name, status=outcome.status, chunks=outcome.chunks)
