"""A sidecar (``<file>.meta.toml``) describes the document beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import DocumentMetadata, FrameworkSpec, ManifestError, fingerprint, read_document, sidecar_of
from vectorstore.indexer import discover

TEXT = """Draft plan

Summary

The trust will open a new eye clinic.

Eye care closer to home

The eye clinic at Harlow will open in 2027.

Hearing tests

Hearing tests will be offered in every library.
"""


def write(tmp_path: Path, sidecar: str | None = None) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    if sidecar is not None:
        sidecar_of(path).write_text(sidecar, encoding="utf-8")
    return path


def test_the_sidecar_names_the_document_and_gives_its_framework(tmp_path):
    path = write(
        tmp_path,
        'title = "Harlow Sensory Services Plan"\npublisher = "Harlow Trust"\ndate = 2025-06-01\nkind = "plan"\n\n'
        '[framework]\nkind = "goal"\ntitle = "Harlow goals"\nitems = ["Eye care closer to home", "Hearing tests for all"]\n',
    )
    info, chunks = read_document(path, 800, 1200)
    assert (info.title, info.publisher, info.date, info.kind) == (
        "Harlow Sensory Services Plan",
        "Harlow Trust",
        "2025-06-01",
        "plan",
    )
    eye = next(chunk for chunk in chunks if "Harlow will open" in chunk.text)
    assert eye.framework_item is not None and (eye.framework_item.kind, eye.framework_item.number) == ("goal", 1)
    assert eye.framework_item.label == "Harlow goals goal 1: Eye care closer to home"


def test_without_a_sidecar_the_file_describes_itself(tmp_path):
    info, _ = read_document(write(tmp_path), 800, 1200)
    assert info.title == "Draft plan" and info.publisher is None


def test_a_sidecar_is_not_a_document_and_changing_it_changes_the_fingerprint(tmp_path):
    path = write(tmp_path, 'title = "One"\n')
    files, _ = discover([tmp_path])
    assert files == [path]
    before = fingerprint(path, 800, 1200)
    sidecar_of(path).write_text('title = "Two"\n', encoding="utf-8")
    assert fingerprint(path, 800, 1200) != before


@pytest.mark.parametrize(
    "sidecar, message",
    [
        ("title = ", "not valid TOML"),
        ('titel = "typo"\n', "titel"),
        ('[framework]\nkind = "priority"\nitems = []\n', "framework.items"),
    ],
)
def test_a_bad_sidecar_says_what_to_fix(tmp_path, sidecar, message):
    path = write(tmp_path, sidecar)
    with pytest.raises(ManifestError, match=message):
        read_document(path, 800, 1200)


def test_metadata_round_trips_through_its_toml(tmp_path):
    metadata = DocumentMetadata(
        title='The "Quoted" plan \\ draft',
        date="2026",
        framework=FrameworkSpec(kind="Aim", items=["First aim", "Second aim"]),
    )
    path = write(tmp_path, metadata.to_toml())
    info, _ = read_document(path, 800, 1200)
    assert info.title == 'The "Quoted" plan \\ draft' and info.frameworks[0].kind == "aim"
