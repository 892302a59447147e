"""The structure suite: six documents written for these tests (none from the
bundled corpus), in every supported format and several publishers' layouts,
each with its expected outline and questions with the section a right answer
cites. See README.md beside this file.

Its ``heldout`` split was written before, and never used for, choosing a
heuristic; the ``dev`` split is the one the outline rules were tuned on. Both
are ingested into one store, as a user's documents would be, and asked
through the same ``Assistant.ask`` staff use.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant import Assistant, Library, Settings

from .layouts import LAYOUTS
from .render import render

HERE = Path(__file__).parent
EXPECTED: dict[str, dict] = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
# The figure issue 10 asks for on the held-out split.
CITED_SECTION_FLOOR = 0.97


def split_of(name: str) -> list[str]:
    return [source for source, spec in EXPECTED.items() if spec["split"] == name]


@pytest.fixture(scope="module")
def suite(tmp_path_factory, embeddings) -> Assistant:
    folder = tmp_path_factory.mktemp("structure-suite")
    for path in (HERE / "documents").iterdir():
        shutil.copy(path, folder / path.name)
    for layout in LAYOUTS:
        render(layout, folder)
    assert {path.name for path in folder.iterdir()} == set(EXPECTED)
    library = Library(Settings(data_dir=tmp_path_factory.mktemp("structure-store")), embeddings=embeddings)
    report = library.ingest([folder], progress=False)
    assert not report.skipped, report.skipped
    return Assistant(library.settings, library)


def sections(assistant: Assistant, source: str) -> list[str]:
    """The document's outline as ``sections`` shows it; the text before the
    first heading (a byline, a date) is not a section to check."""
    shown = [entry.section for entry in assistant.library.outline(source) if entry.section != "(introduction)"]
    return [section for i, section in enumerate(shown) if i == 0 or shown[i - 1] != section]


@pytest.mark.parametrize("source", split_of("dev") + split_of("heldout"))
def test_the_outline_matches_the_expected_one_section_for_section(suite, source):
    assert sections(suite, source) == EXPECTED[source]["outline"]


def in_expected_section(passage, case: dict) -> bool:
    if "item" in case:
        item = passage.framework_item
        return item is not None and f"{item.kind} {item.number}" == case["item"]
    return case["heading"] in passage.section_path


@dataclass
class SplitResult:
    """``cited``: of the questions answered, those whose first citation is in
    the expected section. ``retrieved``: of all questions, those whose top
    retrieved passage is. A decline is the answerability check's call (its
    own figures are the eval harness's); it is counted, not scored here."""

    cited: float
    retrieved: float
    declined: int
    wrong: list[str]


def measure(assistant: Assistant, split: str) -> SplitResult:
    cases = [(source, case) for source in split_of(split) for case in EXPECTED[source]["questions"]]
    cited_right, answered, retrieved_right, wrong = 0, 0, 0, []
    for source, case in cases:
        wanted = case.get("item") or case.get("heading")
        top = assistant.retriever.retrieve(case["question"]).passages[0]
        if top.source == source and in_expected_section(top, case):
            retrieved_right += 1
        else:
            wrong.append(f"{case['question']!r} retrieved {top.source}: {top.section}; wanted {wanted}")
        answer = assistant.ask(case["question"])
        if answer.refused:
            continue
        answered += 1
        first = answer.citations[0]
        if first.source == source and in_expected_section(first, case):
            cited_right += 1
        else:
            wrong.append(f"{case['question']!r} cited {first.source}: {first.section}; wanted {wanted}")
    return SplitResult(cited_right / max(answered, 1), retrieved_right / len(cases), len(cases) - answered, wrong)


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_answers_cite_the_right_section(suite, split):
    result = measure(suite, split)
    print(f"{split}: cited {result.cited:.3f}, retrieved {result.retrieved:.3f}, declined {result.declined}")
    # The gate is the figure, the cited section; the top retrieved
    # passage is reported beside it (README.md has both, per split).
    assert result.cited >= CITED_SECTION_FLOOR, "\n".join(result.wrong)
