"""Briefing packs from the bundled corpus: every card grounded and cited
inside its scope, no duplicates, spread across the scope, each export format
opened and checked, and a pack run back through the evaluation harness."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.briefing import ScopeError, build_briefing, parse_scope, recheck
from assistant.briefing.export import export
from evals.runner import run_testset
from evals.testset import load_testset
from vectorstore.keyword import tokens

EXECUTABLE = shutil.which("policy-assistant") or str(Path(sys.executable).with_name("policy-assistant"))


def assert_pack_is_sound(cards, in_scope, minimum=3):
    assert len(cards) >= minimum
    questions = [set(tokens(c.question)) for c in cards]
    for i, card in enumerate(cards):
        assert card.grounding.score == 1.0 and card.grounding.supported == card.grounding.total >= 1
        assert card.citations and all(in_scope(c) for c in card.citations), (card.question, card.citations)
        for other in questions[:i]:
            assert len(questions[i] & other) / len(questions[i] | other) < 0.6, card.question
    assert len({c.answer for c in cards}) == len(cards)


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_a_pack_for_each_commitment_stays_inside_it(assistant, number):
    cards = build_briefing(assistant, f"commitment {number}", 6)
    assert_pack_is_sound(cards, lambda c: c.commitment == number)
    assert all(card.group.startswith(f"Commitment {number}:") for card in cards)


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6, 7])
def test_a_pack_for_each_chapter_stays_inside_it(assistant, number):
    cards = build_briefing(assistant, f"chapter {number}", 6)
    assert_pack_is_sound(cards, lambda c: c.chapter == number, minimum=2 if number == 7 else 3)


def test_a_pack_spreads_over_the_scope_and_mixes_kinds(assistant):
    cards = build_briefing(assistant, "chapter 2", 8)
    assert len({c.citations[0].section for c in cards}) >= 3
    assert len({c.kind for c in cards}) >= 3
    dated = [c for c in cards if c.kind == "date"]
    assert dated and "2023/24" in dated[0].answer


def test_generating_more_avoids_what_the_pack_already_asks(assistant):
    first = build_briefing(assistant, "commitment 2", 3)
    more = build_briefing(assistant, "commitment 2", 3, avoid=[c.question for c in first])
    assert more and not {c.question for c in first} & {c.question for c in more}


def test_scopes_combine_and_bad_ones_say_why(assistant):
    library = assistant.library
    union = parse_scope("chapter 2, chapter 3", library)
    intersection = parse_scope("a-picture-of-health-summary.txt commitment 3", library)
    chunks = library.store.chunks()
    assert {c.chapter for c in chunks if union.holds(c)} == {2, 3}
    assert {(c.source, c.commitment) for c in chunks if intersection.holds(c)} == {("a-picture-of-health-summary.txt", 3)}
    assert {c.source for c in chunks if parse_scope("Overview of the NHS Long Term Plan", library).holds(c)} == {
        "oxfordshire-hib-long-term-plan-paper.txt"
    }
    with pytest.raises(ScopeError, match="no indexed document matches"):
        parse_scope("commitment 3, the moon landing", library)
    with pytest.raises(ScopeError, match="nothing indexed lies inside"):
        build_briefing(assistant, "commitment 9", 3)
    with pytest.raises(ScopeError, match="the scope is empty"):
        parse_scope(" , ", library)


def test_an_edited_answer_is_rechecked(assistant):
    card = build_briefing(assistant, "commitment 2", 1)[0]
    invented = recheck(card, "The backlog will be cleared by 2026 with £40bn [1].")
    assert invented.status == "edited" and invented.grounding.score == 0.0
    assert "is not in the cited passage" in invented.grounding.unsupported[0].reason
    kept = recheck(card, card.answer)
    assert kept.grounding.score == 1.0


@pytest.fixture(scope="module")
def pack(assistant):
    return build_briefing(assistant, "commitment 3, chapter 2", 8)


def test_markdown_handout_groups_cards_with_footnoted_sources(pack):
    text = export(pack, "md", "Briefing: workforce and prevention").decode()
    assert text.startswith("# Briefing: workforce and prevention")
    assert "## Commitment 3: Nurture a thriving health and care workforce" in text
    assert "## NHS Long Term Plan chapter 2: Prevention and health inequalities" in text
    assert "**Q1. " in text and "[^1]" in text and "\n[^1]: " in text


def test_word_handout_reads_back(pack, tmp_path):
    import docx

    path = tmp_path / "pack.docx"
    path.write_bytes(export(pack, "docx", "Briefing pack"))
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Briefing pack"
    assert any(h.startswith("Commitment 3:") for h in headings) and any(
        h.startswith("NHS Long Term Plan chapter 2:") for h in headings
    )
    questions = [p for p in document.paragraphs if p.text.startswith("Q") and p.runs and p.runs[0].bold]
    assert len(questions) == len(pack)
    sources = [p.text for p in document.paragraphs if p.text.startswith("Source [")]
    # Each source leads with its commitment or chapter, then names the document it is quoted from.
    assert len(sources) >= len(pack)
    assert all(s.split(": ", 1)[1].startswith(("Commitment ", "NHS Long Term Plan chapter ")) and " — in " in s for s in sources)
    assert abs(document.sections[0].page_width.cm - 21.0) < 0.1  # A4


def test_csv_and_json_exports(pack):
    rows = list(csv.DictReader(io.StringIO(export(pack, "csv", "t").decode())))
    assert len(rows) == len(pack) and rows[0]["question"] == pack[0].question and rows[0]["grounded"].startswith("1")
    cards = json.loads(export(pack, "json", "t"))
    assert {"question", "answer", "kind", "citations", "grounding"} <= set(cards[0])
    assert {"n", "quote", "document", "source", "section", "commitment", "chapter", "paragraph", "page", "text", "score"} <= set(
        cards[0]["citations"][0]
    )


def test_dropped_cards_are_not_handed_out(pack):
    dropped = [pack[0].model_copy(update={"status": "dropped"}), *pack[1:]]
    assert len(json.loads(export(dropped, "json", "t"))) == len(pack) - 1


def test_a_pack_becomes_a_regression_set(pack, assistant, tmp_path):
    path = tmp_path / "pack.jsonl"
    path.write_bytes(export(pack, "jsonl", "Workforce pack"))
    cases = load_testset(path)
    assert len(cases) == len(pack) and cases[0].id == "workforce-pack-01"
    report = run_testset(cases, assistant, path.name, progress=False)
    assert report.summary["declining_accuracy"] == 1.0
    assert report.summary["section_recall"] == 1.0 and report.summary["citation_recall"] == 1.0
    assert report.summary["hit_at_5"] == 1.0


def test_the_briefing_command_writes_each_format(corpus_library, tmp_path):
    import os

    env = {**os.environ, "POLICY_ASSISTANT_DATA_DIR": str(corpus_library.settings.data_dir)}
    out = tmp_path / "pack.json"
    result = subprocess.run(
        [EXECUTABLE, "briefing", "--scope", "chapter 5", "--cards", "3", "--format", "json", "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    cards = json.loads(out.read_text())
    assert len(cards) == 3 and all(c["citations"][0]["chapter"] == 5 for c in cards)
    bad = subprocess.run(
        [EXECUTABLE, "briefing", "--scope", "the moon", "--out", str(tmp_path / "x.md")], capture_output=True, text=True, env=env
    )
    assert bad.returncode == 2 and "no indexed document matches 'the moon'" in bad.stderr
