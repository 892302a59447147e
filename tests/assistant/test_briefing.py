"""Briefing packs from the bundled corpus: every card grounded and cited
inside its scope, no duplicates, spread across the scope, each export format
opened and checked, and a pack run back through the evaluation harness."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.briefing import ScopeError, build_briefing, parse_scope, recheck
from assistant.briefing.export import export
from assistant.briefing.facts import facts_of, presentable
from assistant.sentences import readable
from evals.runner import run_testset
from evals.testset import load_testset
from vectorstore.keyword import tokens

EXECUTABLE = shutil.which("policy-assistant") or str(Path(sys.executable).with_name("policy-assistant"))


SCOPES = [f"commitment {n}" for n in range(1, 6)] + [f"chapter {n}" for n in range(1, 8)]


def assert_pack_is_sound(pack, in_scope, minimum):
    cards = pack.cards
    assert len(cards) >= minimum, pack.note
    for i, card in enumerate(cards):
        assert card.grounding.score == 1.0 and card.grounding.supported == card.grounding.total >= 1
        assert card.citations and all(in_scope(c) for c in card.citations), (card.question, card.citations)
        assert card.round_trip and card.quote and card.question.endswith("?")
        for other in cards[:i]:
            assert (card.quote, card.answer) != (other.quote, other.answer), card.question  # no fact twice
            assert set(tokens(card.question)) != set(tokens(other.question)), card.question
    if len(cards) < pack.requested:
        assert f"Only {len(cards)} could be made" in pack.note and "distinct fact(s)" in pack.note


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_a_pack_for_each_commitment_stays_inside_it(assistant, number):
    pack = build_briefing(assistant, f"commitment {number}", 8)
    assert_pack_is_sound(pack, lambda c: c.commitment == number, minimum=8)
    assert all(card.group.startswith(f"Commitment {number}:") for card in pack.cards)


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6, 7])
def test_a_pack_for_each_chapter_stays_inside_it(assistant, number):
    pack = build_briefing(assistant, f"chapter {number}", 8)
    assert_pack_is_sound(pack, lambda c: c.chapter == number, minimum=8)


@pytest.mark.parametrize("scope", SCOPES)
def test_each_question_asked_back_without_scope_is_answered_from_its_own_passage(assistant, scope):
    """The round trip, redone here: the builder's own flag is not taken on trust."""
    for card in build_briefing(assistant, scope, 8).cards:
        answer = assistant.ask(card.question)
        cited = {(c.source, c.position) for c in answer.citations}
        assert cited & {(c.source, c.position) for c in card.citations}, card.question


def test_the_summary_and_the_report_stating_one_fact_make_one_card_citing_both(assistant):
    cards = build_briefing(assistant, "commitment 3", 8).cards
    rationale = [c for c in cards if c.kind == "rationale"]
    assert rationale and {c.source for c in rationale[0].citations} == {
        "a-picture-of-health.txt",
        "a-picture-of-health-summary.txt",
    }


def test_answers_are_short_and_the_quote_beside_them_holds_them(assistant):
    for card in build_briefing(assistant, "chapter 7, chapter 1", 10).cards:
        short = re.sub(r"(?: \[\d+\])+$", "", card.answer)
        assert len(short.split()) <= 25 and short.lower() in card.quote.lower(), card
        assert short.lower() not in card.question.lower()  # the question does not give its answer away


def test_every_fact_of_every_passage_is_quoted_verbatim_and_asked_as_a_question(corpus_library):
    """Over every chunk of the corpus: reading facts never fails, each answer
    is a verbatim part of its sentence, and each question is presentable."""
    total = 0
    for chunk in corpus_library.store.chunks():
        for fact in facts_of(chunk):
            total += 1
            assert fact.answer.lower() in fact.quote.lower() and fact.quote in readable(chunk.text), fact
            assert presentable(fact.question, fact.answer) and fact.question[0].isupper(), fact
    assert total >= 100


def test_generating_more_avoids_what_the_pack_already_asks(assistant):
    first = build_briefing(assistant, "commitment 2", 3).cards
    more = build_briefing(assistant, "commitment 2", 3, avoid=[c.question for c in first]).cards
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
    card = build_briefing(assistant, "commitment 2", 1).cards[0]
    invented = recheck(card, "The backlog will be cleared by 2026 with £40bn [1].")
    assert invented.status == "edited" and invented.grounding.score == 0.0
    assert "is not in the cited passage" in invented.grounding.unsupported[0].reason
    kept = recheck(card, card.answer)
    assert kept.grounding.score == 1.0


@pytest.fixture(scope="module")
def pack(assistant):
    return build_briefing(assistant, "commitment 3, chapter 2", 8).cards


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
    texts = [p.text for p in document.paragraphs]
    sheet = texts.index("Answer sheet")  # the question sheet, then a page break, then the answers
    questions = [p for p in document.paragraphs[:sheet] if p.text.startswith("Q") and p.runs and p.runs[0].bold]
    assert len(questions) == len(pack) and not any(t.startswith("A1. ") for t in texts[:sheet])
    assert sum(t.startswith("A") and ". " in t[:4] for t in texts[sheet:]) == len(pack)
    sources = [p.text for p in document.paragraphs if p.text.startswith("Source [")]
    # Each source leads with its commitment or chapter, then names the document it is quoted from.
    assert len(sources) >= len(pack)
    assert all(s.split(": ", 1)[1].startswith(("Commitment ", "NHS Long Term Plan chapter ")) and " — in " in s for s in sources)
    assert abs(document.sections[0].page_width.cm - 21.0) < 0.1  # A4


def test_csv_and_json_exports(pack):
    rows = list(csv.DictReader(io.StringIO(export(pack, "csv", "t").decode())))
    assert len(rows) == len(pack) and rows[0]["question"] == pack[0].question and rows[0]["grounded"].startswith("1")
    cards = json.loads(export(pack, "json", "t"))
    assert {"question", "answer", "kind", "citations", "grounding", "quote", "round_trip", "options"} <= set(cards[0])
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
    assert report.summary["declining_accuracy"].value == 1.0
    # A card that merged the summary's and the report's statement of one fact names both;
    # an answer citing one of them still counts the other as missed.
    assert report.summary["section_recall"].value >= 0.9 and report.summary["citation_recall"].value >= 0.9
    assert report.summary["hit_at_5"].value == 1.0


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
    assert len(cards) == 3 and all(c["citations"][0]["chapter"] == 5 and c["round_trip"] is True for c in cards)
    assert "question(s) passed the round trip" in result.stderr
    for fmt in ("moodle", "gift", "apkg", "docx", "md", "csv", "jsonl"):
        target = tmp_path / f"pack.{fmt}"
        done = subprocess.run(
            [EXECUTABLE, "briefing", "--scope", "chapter 1", "--cards", "4", "--quiz", "--format", fmt, "--out", str(target)],
            capture_output=True,
            text=True,
            env=env,
        )
        assert done.returncode == 0 and target.stat().st_size > 100, done.stderr
    bad = subprocess.run(
        [EXECUTABLE, "briefing", "--scope", "the moon", "--out", str(tmp_path / "x.md")], capture_output=True, text=True, env=env
    )
    assert bad.returncode == 2 and "no indexed document matches 'the moon'" in bad.stderr
