"""A document's own framework, in the shapes user documents declare it, and
the sections mapped to its items even when a heading is missing."""

from __future__ import annotations

from pathlib import Path

from ingest import read_document
from ingest.models import ItemReference


def read(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path, chunk_size=800, chunk_max=1200)


def item_of(chunks, phrase: str) -> ItemReference | None:
    return next(chunk for chunk in chunks if phrase in chunk.text).framework_item


STRATEGY = """# Moorside mental health strategy

## Introduction

This strategy covers adult and children's mental health services in Moorside.

## Our three aims

We have set ourselves three aims for the next five years:

1. Reach people in crisis within four hours
2. Cut out-of-area placements to zero
3. Support children and young people in schools

## Reach people in crisis within four hours

A crisis line staffed around the clock will take calls from 1 April.

## Cut out-of-area placements

Forty-one adults were placed outside Moorside last year, far from their families.

Children and young people will get support in schools from mental health support teams in every secondary school by 2027.

## Funding

The strategy is funded by £6 million of new investment.
"""


def test_a_lead_in_and_a_numbered_list_declare_the_items_and_headings_map_to_them(tmp_path):
    _, chunks = read(tmp_path, "moorside.md", STRATEGY)
    crisis = item_of(chunks, "crisis line")
    assert crisis == ItemReference(kind="aim", number=1, title="Reach people in crisis within four hours")
    assert item_of(chunks, "Forty-one adults").number == 2  # "Cut out-of-area placements": a shortened title
    assert item_of(chunks, "£6 million") is None


def test_a_section_without_a_heading_is_found_by_the_text_that_echoes_its_item(tmp_path):
    _, chunks = read(tmp_path, "moorside.md", STRATEGY)
    schools = next(chunk for chunk in chunks if "support teams in every secondary school" in chunk.text)
    assert schools.framework_item is not None and schools.framework_item.number == 3
    assert schools.section == "Aim 3: Support children and young people in schools"
    assert item_of(chunks, "Forty-one adults").number == 2  # the text before it stays with aim 2


def test_the_declaring_list_is_a_list_not_a_run_of_sections(tmp_path):
    _, chunks = read(tmp_path, "moorside.md", STRATEGY)
    declaring = next(chunk for chunk in chunks if "1. Reach people in crisis" in chunk.text)
    assert declaring.section == "Our three aims" and declaring.framework_item is None
    assert "- 2. Cut out-of-area placements to zero" in declaring.text


def test_headings_that_number_their_items_declare_the_framework_on_their_own(tmp_path):
    _, chunks = read(
        tmp_path,
        "plan.txt",
        """Community pharmacy plan

Objective 1: Extend opening hours

Twelve pharmacies will open until 10pm on weekdays.

Objective 2 – Offer blood pressure checks

Every pharmacy will offer free blood pressure checks to adults over 40.

Next steps

The plan will be reviewed in a year.
""",
    )
    assert item_of(chunks, "Twelve pharmacies") == ItemReference(kind="objective", number=1, title="Extend opening hours")
    assert item_of(chunks, "free blood pressure").number == 2
    assert item_of(chunks, "reviewed in a year") is None


def test_a_paragraph_that_mentions_another_item_in_passing_does_not_open_it(tmp_path):
    _, chunks = read(
        tmp_path,
        "pledges.txt",
        """Our two pledges

1. Open a new birth centre in Hallam
2. Recruit forty more midwives

Pledge 1: Open a new birth centre in Hallam

The birth centre will open in 2026 and will need more midwives.

Pledge 2: Recruit forty more midwives

Recruitment starts in January.
""",
    )
    assert item_of(chunks, "need more midwives").number == 1
    assert item_of(chunks, "Recruitment starts").number == 2


def test_citations_lead_with_the_item_whatever_the_heading_says(tmp_path):
    from vectorstore import Passage

    _, chunks = read(tmp_path, "moorside.md", STRATEGY)
    chunk = next(chunk for chunk in chunks if "Forty-one adults" in chunk.text)
    passage = Passage.of(chunk, 1.0, None)
    assert passage.location == "Aim 2: Cut out-of-area placements to zero"
    assert passage.reference == "Aim 2: Cut out-of-area placements to zero — in Moorside mental health strategy"
