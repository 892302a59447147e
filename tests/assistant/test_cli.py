"""The ``policy-assistant`` command as a user runs it: a real process, a real
store, JSON that other tools can rely on, and exit codes that say what
happened."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PASSAGE_KEYS = {"document", "source", "section", "commitment", "chapter", "framework_item", "paragraph", "page", "text", "score"}
EXECUTABLE = shutil.which("policy-assistant") or str(Path(sys.executable).with_name("policy-assistant"))


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    data = tmp_path_factory.mktemp("cli-data")

    def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
        env = {**os.environ, "POLICY_ASSISTANT_DATA_DIR": str(data)}
        return subprocess.run([EXECUTABLE, *args], capture_output=True, text=True, env=env, input=input, timeout=300)

    result = run("ingest", "--no-progress")
    assert result.returncode == 0, result.stderr
    return run


def test_ingest_reports_each_file_and_is_idempotent(cli):
    result = cli("ingest")
    assert result.returncode == 0
    assert result.stdout.count("unchanged") == 6  # five files and the summary line
    assert "0 added, 0 updated, 5 unchanged, 0 skipped" in result.stdout


def test_documents_json(cli):
    documents = json.loads(cli("documents", "--json").stdout)
    assert len(documents) == 5
    assert all({"source", "document", "chunks"} <= set(d) for d in documents)
    briefing = next(d for d in documents if d["source"] == "a-picture-of-health.txt")
    assert briefing["document"] == "A picture of health: delivering the next generation NHS"
    assert briefing["chunks"] > 20


def test_sections_of_one_document_with_chunk_counts(cli):
    entries = json.loads(cli("sections", "a-picture-of-health-summary", "--json").stdout)
    commitments = [e["commitment"] for e in entries if e["commitment"]]
    assert commitments == [2, 1, 4, 3, 5]
    assert all(e["chunks"] >= 1 for e in entries)
    readable = cli("sections", "oxfordshire").stdout
    assert "Chapter 6: The 3.4% five-year funding settlement" in readable
    assert "paras 2.18, 2.19" in readable and "p. 37" in readable


def test_search_json_follows_the_citation_contract(cli):
    hits = json.loads(cli("search", "healthier food options for staff in hospitals", "-k", "3", "--json").stdout)
    assert len(hits) == 3
    assert all(set(hit) >= PASSAGE_KEYS for hit in hits)
    top = hits[0]
    assert (top["paragraph"], top["chapter"], top["page"]) == ("2.18", 2, 37)
    assert isinstance(top["score"], float) and 0 < top["score"] <= 1
    assert top["score"] >= hits[1]["score"] >= hits[2]["score"]


def test_search_finds_a_commitment_by_its_content(cli):
    hits = json.loads(cli("search", "staff burnout and leaving the NHS", "--json").stdout)
    assert hits[0]["commitment"] == 3
    assert hits[0]["source"] == "a-picture-of-health.txt"


def test_search_reads_queries_from_standard_input(cli):
    result = cli("search", input="maintenance backlog\n\nsocial prescribing link workers\n")
    assert result.returncode == 0
    assert "Commitment 2" in result.stdout and "para 1.40" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (("search", "   "), "the query is empty"),
        (("search", "x" * 2001), "the limit is 2000"),
        (("search", "beds", "-k", "0"), "k must be between 1 and 50"),
        (("sections", "no-such-document"), "no indexed document matches"),
    ],
)
def test_bad_requests_exit_2_with_a_message(cli, args, message):
    result = cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_ingest_exits_1_when_a_file_is_skipped(cli, tmp_path):
    (tmp_path / "ok.txt").write_text("Ok\n\nThe clinic opens at 8am.\n")
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf")
    result = cli("ingest", str(tmp_path))
    assert result.returncode == 1
    assert "skipped" in result.stderr and "bad.pdf" in result.stderr
    assert "added      ok.txt" in result.stdout


@pytest.mark.parametrize(
    "setting, value, message",
    [
        ("EMBEDDING_MODEL", "/nowhere/model", "no sentence-transformers model at '/nowhere/model'"),
        ("CHROMA_SERVER", "localhost", "chroma_server must be host:port"),
        ("CHROMA_SERVER", "127.0.0.1:9", "cannot open the Chroma server at 127.0.0.1:9"),
    ],
)
def test_a_bad_setting_is_reported_not_raised(tmp_path, setting, value, message):
    env = {**os.environ, "POLICY_ASSISTANT_DATA_DIR": str(tmp_path), f"POLICY_ASSISTANT_{setting}": value}
    (tmp_path / "a.txt").write_text("A\n\nSome text here.\n")
    result = subprocess.run([EXECUTABLE, "ingest", str(tmp_path / "a.txt")], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_ask_prints_the_answer_with_readable_citations(cli):
    result = cli("ask", "By when will all people admitted to hospital who smoke be offered tobacco treatment?")
    assert result.returncode == 0
    assert "By 2023/24" in result.stdout
    # The plan chapter leads, whatever the quoting paper's own heading says.
    assert "[1] NHS Long Term Plan chapter 2: Prevention and health inequalities · para 2.9 · p. 35" in result.stdout
    assert "— in Overview of the NHS Long Term Plan" in result.stdout
    assert "Answers the question · grounded: 1/1 sentences supported · extractive" in result.stdout


def test_ask_json_is_the_answer_model(cli):
    answer = json.loads(cli("ask", "How big is the NHS maintenance backlog?", "--json").stdout)
    assert answer["refused"] is False and "£12bn" in answer["answer"]
    assert PASSAGE_KEYS | {"n", "quote"} <= set(answer["citations"][0])
    assert answer["grounding"]["score"] == 1.0
    assert answer["answerability"] == {
        "verdict": "answered",
        "kind": "how_much",
        "subject": "the NHS maintenance backlog",
        "missing": [],
        "parts": [{"question": "How big is the NHS maintenance backlog?", "kind": "how_much", "answered": True, "missing": []}],
    }


def test_chat_understands_follow_ups(cli):
    result = cli("chat", input="What does commitment 2 ask for?\nand by when?\nWhat is the capital of France?\n")
    assert result.returncode == 0
    assert "understood as: What does commitment 2 ask for? And by when?" in result.stdout
    assert "The documents don't give a date for" in result.stdout
    assert "The documents don't mention France" in result.stdout
