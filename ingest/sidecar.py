"""A document's own description, in a sidecar file beside it.

``plan.pdf.meta.toml`` describes ``plan.pdf`` the way ``manifest.toml``
describes the bundled corpus, for one file a user adds (through a folder,
the upload form or the API)::

    title = "Northfield Workforce Strategy 2025–2030"
    publisher = "Northfield Health and Care Partnership"
    date = "2025-03"
    edition = "Second edition"
    kind = "strategy"

    [framework]              # optional: the document's numbered items
    kind = "priority"
    items = ["Grow our own workforce", "Retain experienced staff"]

Every field is optional; what it gives wins over what the file says and over
what the outline recovers.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .dates import iso_date
from .manifest import ManifestError
from .models import Framework, FrameworkItem

SIDECAR_SUFFIX = ".meta.toml"
_MAX_SIDECAR_BYTES = 64 * 1024


class SidecarError(ManifestError):
    """The sidecar exists but cannot be used; the message says what to fix."""


class FrameworkSpec(BaseModel):
    """The items of a document's framework, in order: item 1 first."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(min_length=2, max_length=30, description='One item\'s noun: "priority", "aim", "objective"…')
    title: str | None = Field(default=None, max_length=200, description="The framework's name, for citations from elsewhere.")
    items: list[str] = Field(min_length=1, max_length=50)

    @field_validator("kind")
    @classmethod
    def _one_word(cls, kind: str) -> str:
        if not re.fullmatch(r"[A-Za-z][A-Za-z-]*", kind.strip()):
            raise ValueError("kind must be one word, such as priority, aim or objective")
        return kind.strip().lower()

    @field_validator("items")
    @classmethod
    def _titled(cls, items: list[str]) -> list[str]:
        cleaned = [" ".join(item.split()) for item in items]
        if any(not item or len(item) > 300 for item in cleaned):
            raise ValueError("each item needs a title of 1 to 300 characters")
        return cleaned

    def framework(self) -> Framework:
        items = [FrameworkItem(number=n, title=title) for n, title in enumerate(self.items, start=1)]
        return Framework(name=f"{self.kind}-sidecar", kind=self.kind, items=items, title=self.title)


class DocumentMetadata(BaseModel):
    """What a user may say about a document they add."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=300)
    publisher: str | None = Field(default=None, min_length=1, max_length=200)
    date: str | None = Field(default=None, min_length=1, max_length=40)
    edition: str | None = Field(default=None, min_length=1, max_length=80)
    kind: str | None = Field(default=None, min_length=1, max_length=80)
    framework: FrameworkSpec | None = None

    @field_validator("date")
    @classmethod
    def _readable_date(cls, given: str | None) -> str | None:
        if given is None:
            return None
        if (iso := iso_date(given)) is None:
            raise ValueError(f"{given!r} is no date: use 2019, 2019-01, 2019-01-07 or 'January 2019'")
        return iso

    def to_toml(self) -> str:
        lines = [f"{key} = {_toml_string(value)}" for key, value in self.model_dump(exclude={"framework"}).items() if value]
        if self.framework:
            spec = self.framework
            lines += ["", "[framework]", f"kind = {_toml_string(spec.kind)}"]
            lines += [f"title = {_toml_string(spec.title)}"] if spec.title else []
            lines.append("items = [" + ", ".join(_toml_string(item) for item in spec.items) + "]")
        return "\n".join(lines) + "\n"


def sidecar_of(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> DocumentMetadata | None:
    """The metadata beside ``path``, or None when it has none."""
    sidecar = sidecar_of(path)
    if not sidecar.is_file():
        return None
    try:
        raw = sidecar.read_bytes()
        if len(raw) > _MAX_SIDECAR_BYTES:
            raise SidecarError(f"{sidecar.name} is larger than {_MAX_SIDECAR_BYTES // 1024} KB")
        data = tomllib.loads(raw.decode("utf-8"))
        if "date" in data and not isinstance(data["date"], str):
            data["date"] = str(data["date"])  # TOML reads 2025-03-01 as a date
        return DocumentMetadata.model_validate(data)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SidecarError(f"{sidecar.name} is not valid TOML: {error}") from error
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise SidecarError(f"{sidecar.name}: {problems}") from error


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", " ", escaped) + '"'
