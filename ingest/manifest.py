"""Document descriptions from a folder's ``manifest.toml``.

A manifest sits beside the files it describes (see ``corpus/manifest.toml``).
Files without an entry are still ingested: their title then comes from the
file itself (HTML ``<title>``, PDF or Word properties, first heading) or, as a
last resort, from the file name.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .dates import iso_date
from .models import DocumentInfo, Framework

MANIFEST_NAME = "manifest.toml"


class ManifestError(ValueError):
    """The manifest exists but cannot be used; the message says where."""


@dataclass(frozen=True)
class Manifest:
    entries: dict[str, dict] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    exclude: frozenset[str] = frozenset()

    def describe(self, source: str, title_hint: str | None) -> DocumentInfo:
        entry = self.entries.get(source, {})
        frameworks = [self.frameworks[name] for name in entry.get("frameworks", [])]
        return DocumentInfo(
            source=source,
            title=entry.get("title") or title_hint or _title_from_file_name(source),
            publisher=entry.get("publisher"),
            date=iso_date(entry.get("date")),
            edition=entry.get("edition"),
            kind=entry.get("kind"),
            frameworks=frameworks,
        )


@lru_cache(maxsize=64)
def manifest_for(folder: Path) -> Manifest:
    """The manifest of ``folder``, or an empty one when it has none."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return Manifest()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        frameworks = {name: Framework(name=name, **spec) for name, spec in raw.get("frameworks", {}).items()}
        entries = {entry["file"]: entry for entry in raw.get("documents", [])}
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise ManifestError(f"{path}: {error}") from error
    for file, entry in entries.items():
        unknown = set(entry.get("frameworks", [])) - frameworks.keys()
        if unknown:
            raise ManifestError(f"{path}: {file} names unknown frameworks {sorted(unknown)}")
    return Manifest(entries, frameworks, frozenset(raw.get("exclude", [MANIFEST_NAME])))


def _title_from_file_name(source: str) -> str:
    stem = Path(source).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else source
