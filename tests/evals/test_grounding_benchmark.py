"""The grounding check's own scorecard, on the labelled benchmark
(evals/grounding/): enough pairs of every kind, labels that the generator
reproduces, the published figures reached on the split the check was not
tuned on, the CLI that reports them, an LLM judge scored the same way, and
labelling real answers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from evals.grounding_pairs import HERE, _passages_of, build_pairs, load_pairs
from evals.grounding_scorecard import lexical_verdict, llm_verdict, scorecard
from evals.testset import load_testset

EXECUTABLE = shutil.which("policy-assistant") or str(Path(sys.executable).with_name("policy-assistant"))
ROOT = Path(__file__).parent.parent.parent


@pytest.fixture(scope="module")
def benchmark():
    return {split: load_pairs(HERE / f"{split}.jsonl") for split in ("dev", "test")}


def test_the_benchmark_holds_enough_pairs_of_every_kind(benchmark):
    pairs = benchmark["dev"] + benchmark["test"]
    assert len(pairs) >= 300 and len({p.id for p in pairs}) == len(pairs)
    kinds = Counter(p.kind for p in pairs)
    for kind in ("verbatim", "partial_quote", "paraphrase", "figure", "unit", "negation", "direction", "actor", "date", "merged"):
        assert kinds[kind] >= 10, kind
    assert all(p.why and p.passage and p.sentence for p in pairs)
    assert Counter(p.label for p in pairs)["supported"] >= 150


def test_the_generator_reproduces_the_published_pairs(benchmark):
    """The files are what the rules make of these documents: no pair was edited to suit the check."""
    corpus = sorted((ROOT / "corpus").glob("*.txt"))
    written = [json.loads(line) for line in (HERE / "paraphrases-dev.jsonl").read_text().splitlines() if line.strip()]
    assert build_pairs(_passages_of(corpus), "dev", written) == benchmark["dev"]


def test_the_lexical_check_reaches_its_published_figures_on_the_held_out_split(benchmark):
    card = scorecard(benchmark["test"], lexical_verdict, "lexical")
    assert card.precision.value >= 0.95 and card.recall.value >= 0.90, (card.precision, card.recall)
    assert card.verbatim_pass_rate == 1.0
    assert scorecard(benchmark["dev"], lexical_verdict, "lexical").verbatim_pass_rate == 1.0
    assert sum(sum(row.values()) for row in card.confusion.values()) == card.pairs
    assert card.precision.ci_low <= card.precision.value <= card.precision.ci_high


def test_the_cli_reports_the_scorecards_and_gates_on_them(tmp_path):
    out = subprocess.run(
        [EXECUTABLE, "eval", "grounding", "--min-precision", "0.95", "--min-recall", "0.9", "--report", str(tmp_path / "g.json")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "## test.jsonl — lexical" in out.stdout and "| label \\ verdict | supported | not supported |" in out.stdout
    report = json.loads((tmp_path / "g.json").read_text())
    assert set(report["test.jsonl:lexical"]["precision"]) == {"value", "ci_low", "ci_high", "n"}
    strict = subprocess.run([EXECUTABLE, "eval", "grounding", "--min-recall", "0.999"], capture_output=True, text=True)
    assert strict.returncode == 1 and "FAILED: dev.jsonl: recall" in strict.stderr


def test_an_llm_judge_is_scored_the_same_way(benchmark, scripted_endpoint, tmp_path):
    # Scripted endpoint (no model can be downloaded here for a deterministic judge): it says "no" to everything.
    endpoint, base_url = scripted_endpoint
    endpoint.reply = "No."
    from assistant import Settings

    pairs = benchmark["test"][::4]  # every kind, supported and not
    card = scorecard(pairs, llm_verdict(Settings(data_dir=tmp_path, llm_base_url=base_url)), "llm:scripted")
    wrong = sum(p.label == "supported" for p in pairs)
    assert card.recall.value == 1.0 and card.precision.value == pytest.approx(1 - wrong / len(pairs), abs=1e-3)
    assert "Passage:" in endpoint.requests[0]["messages"][0]["content"]
    endpoint.reply = "I cannot tell."
    assert scorecard(pairs[:3], llm_verdict(Settings(data_dir=tmp_path, llm_base_url=base_url)), "llm").unjudged == 3


def test_an_evaluator_labels_real_answers_into_pairs_the_scorecard_reads(corpus_library, tmp_path):
    out = tmp_path / "labelled.jsonl"
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["eval", "label", "How big is the maintenance backlog?", "--out", str(out)],
        input="s\nthe passage gives the figure\n" + "n\nwrong on purpose\n" + "k\n" * 10,
        env={"POLICY_ASSISTANT_DATA_DIR": str(corpus_library.settings.data_dir)},
    )
    assert result.exit_code == 0, result.output
    pairs = load_pairs(out)
    assert [p.label for p in pairs][:2] == ["supported", "not_supported"] and pairs[0].why == "the passage gives the figure"
    assert pairs[0].kind == "labelled" and pairs[0].passage
    assert scorecard(pairs, lexical_verdict, "lexical").pairs == len(pairs)


def test_proposed_cases_come_from_a_scope_and_join_a_set_once_accepted(corpus_library, tmp_path):
    env = {"POLICY_ASSISTANT_DATA_DIR": str(corpus_library.settings.data_dir)}
    runner = CliRunner()
    proposed, testset = tmp_path / "proposed.jsonl", tmp_path / "set.jsonl"
    result = runner.invoke(main, ["eval", "generate", "--scope", "chapter 7", "--cases", "4", "--out", str(proposed)], env=env)
    assert result.exit_code == 0, result.output
    proposals = load_testset(proposed)
    cases = [c for c in proposals if c.answerable and c.expected_answerability == "answered"]
    assert len(cases) == 4 and all("proposed" in c.tags and c.reference_contexts and c.key_facts for c in cases)
    assert all(s.chapter == 7 for c in cases for s in c.reference_sections)
    # Beside them, questions to decline and partly answerable ones, each saying why it was proposed.
    declines = [c for c in proposals if not c.answerable]
    assert declines and all("near-miss" in c.tags for c in declines)
    rows = {row["id"]: row for row in map(json.loads, proposed.read_text().splitlines())}
    assert all(rows[c.id]["why"] for c in proposals if c not in cases)
    corpus_text = " ".join(chunk.text for chunk in corpus_library.store.chunks())
    for case in declines:
        if "moved-place" in case.tags:
            assert case.user_input.split(",")[0].removeprefix("In ") not in corpus_text

    first = cases[0].id
    result = runner.invoke(main, ["eval", "accept", str(proposed), str(testset), "--id", first], env=env)
    assert result.exit_code == 0 and [c.id for c in load_testset(testset)] == [first]
    again = runner.invoke(main, ["eval", "accept", str(proposed), str(testset)], env=env)
    assert again.exit_code == 2 and "already has case id" in again.output
    decline = declines[0].id
    assert runner.invoke(main, ["eval", "accept", str(proposed), str(testset), "--id", decline], env=env).exit_code == 0
    accepted = testset.read_text().splitlines()[-1]
    assert json.loads(accepted)["answerable"] is False and "why" not in json.loads(accepted)  # the reviewer's note stays behind
    more = runner.invoke(
        main,
        ["eval", "generate", "--scope", "chapter 7", "--cases", "4", "--avoid", str(testset), "--out", str(proposed)],
        env=env,
    )
    assert more.exit_code == 0 and cases[0].user_input not in {c.user_input for c in load_testset(proposed)}
    bad = runner.invoke(main, ["eval", "generate", "--scope", "chapter 99", "--out", str(proposed)], env=env)
    assert bad.exit_code == 2
