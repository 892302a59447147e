"""The harness end to end on a small set: runner, reports (the HTML page
opened in headless Chromium), the CI gate's exit code, run comparison, and
the RAGAS round trip."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evals.compare import IncomparableRuns, compare, load_report
from evals.interchange import export_run, export_testset, import_testset
from evals.report import write_report
from evals.runner import check_thresholds, run_testset
from evals.testset import EvalCase, TestSetError, load_testset, save_testset

SMALL = [
    {
        "id": "backlog",
        "user_input": "How big is the NHS maintenance backlog?",
        "reference": "Around £12bn.",
        "reference_contexts": ["maintenance backlog which now stands at around £12bn"],
        "reference_sections": [{"document": "a-picture-of-health.txt", "commitment": 2}],
        "key_facts": ["£12bn"],
        "tags": ["figure"],
    },
    {
        "id": "smoking",
        "user_input": "By when will all people admitted to hospital who smoke be offered tobacco treatment?",
        "reference": "By 2023/24.",
        "reference_contexts": ["By 2023/24, all people admitted to hospital who smoke"],
        "reference_sections": [{"chapter": 2, "paragraph": "2.9"}],
        "key_facts": ["2023/24"],
        "tags": ["date"],
    },
    {
        "id": "follow-up",
        "user_input": "and by when?",
        "answerable": False,
        "history": [{"role": "user", "content": "What does commitment 2 ask for?"}],
        "tags": ["follow-up"],
    },
    {"id": "weather", "user_input": "What is the weather in Paris tomorrow?", "answerable": False, "tags": ["off-topic"]},
    {
        "id": "wrong-on-purpose",
        "user_input": "How big is the NHS maintenance backlog?",
        "key_facts": ["£99bn"],
        "reference_sections": [{"document": "nhe-next-generation-nhs-article.txt"}],
        "tags": ["figure"],
    },
]
EXECUTABLE = shutil.which("policy-assistant") or str(Path(sys.executable).with_name("policy-assistant"))


@pytest.fixture(scope="module")
def small_set(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sets") / "small.jsonl"
    path.write_text("".join(json.dumps(case) + "\n" for case in SMALL))
    return path


@pytest.fixture(scope="module")
def report(assistant, small_set):
    return run_testset(load_testset(small_set), assistant, small_set.name, progress=False)


def case(report, case_id):
    return next(c for c in report.cases if c.id == case_id)


def test_the_runner_scores_every_case(report):
    backlog = case(report, "backlog").scores
    assert (backlog["hit_at_5"], backlog["key_fact_recall"], backlog["section_recall"], backlog["citation_recall"]) == (
        1.0,
        1.0,
        1.0,
        1.0,
    )
    assert case(report, "smoking").scores["section_precision"] == 1.0
    for declined in ("follow-up", "weather"):
        scores = case(report, declined).scores
        assert scores["declining_accuracy"] == 1.0 and scores["key_fact_recall"] is None
    assert report.summary["declining_accuracy"].value == 1.0
    assert report.summary["key_fact_recall"].value == pytest.approx(2 / 3, abs=1e-3)
    assert report.summary["key_fact_recall"].n == 3


def test_a_case_that_falls_short_says_why(report):
    failures = case(report, "wrong-on-purpose").failures
    assert "missing key facts: £99bn" in failures
    assert any(f.startswith("reference sections not cited: nhe-next-generation-nhs-article.txt") for f in failures)
    assert case(report, "backlog").failures == []


def test_thresholds_gate_the_run(report):
    assert check_thresholds(report, {"declining_accuracy": 1.0}, {}).failed_thresholds == []
    failed = check_thresholds(report, {"key_fact_recall": 0.9}, {"latency_p95_ms": 0.001}).failed_thresholds
    assert failed[0].startswith("key_fact_recall = 0.6667 is below the minimum 0.9")
    assert failed[1].startswith("latency_p95_ms =") and "above the maximum 0.001" in failed[1]


def test_reports_are_written_and_the_html_opens_in_a_browser(report, tmp_path):
    from tests.ui.conftest import _QUIET_FLAGS

    paths = write_report(report, tmp_path / "report")
    written = json.loads(paths["json"].read_text())
    assert set(written["summary"]["declining_accuracy"]) == {"value", "ci_low", "ci_high", "n"}
    assert written["summary"]["declining_accuracy"]["value"] == 1.0
    assert {d["source"] for d in written["run"]["corpus"]} >= {"a-picture-of-health.txt", "nhs-long-term-plan-summary.txt"}
    assert all(set(d) >= {"source", "sha256", "date"} for d in written["run"]["corpus"])
    assert written["run"]["settings"]["answerer"] == "extractive" and "chromadb" in written["run"]["versions"]
    markdown = paths["markdown"].read_text()
    assert "| key_fact_recall | 0.667 | 0.000 – 1.000 | 3 |" in markdown and "### wrong-on-purpose" in markdown
    assert "faithfulness: lexical grounding check (RAGChecker definitions)" in markdown
    assert written["judges"]["citation_recall"].endswith("(ALCE definitions)") and "judge_faithfulness" not in written["judges"]
    assert written["summary"]["faithfulness"]["n"] >= 1
    html = paths["html"].read_text()
    assert "<script" not in html and "http" not in html.replace("http://www.w3.org/2000/svg", "")  # self-contained

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=_QUIET_FLAGS)
        page = browser.new_page()
        page.goto(paths["html"].as_uri())
        assert page.locator("h1").inner_text() == "Grounding evaluation: small.jsonl"
        assert page.locator("#metrics svg rect").count() >= 5  # per-metric bars
        assert page.locator("#by-section tr").count() >= 3  # per-section breakdown
        assert page.locator("#latency svg rect").count() >= 1  # latency histogram
        assert page.locator("#cases tr.fail").count() == 1
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()


def test_comparing_two_runs_shows_better_and_worse_cases(report, tmp_path):
    worse_case = case(report, "backlog").model_copy(update={"scores": {**case(report, "backlog").scores, "key_fact_recall": 0.0}})
    better_case = case(report, "wrong-on-purpose").model_copy(
        update={"scores": {**case(report, "wrong-on-purpose").scores, "key_fact_recall": 1.0}}
    )
    changed = report.model_copy(
        update={"cases": [worse_case, better_case] + [c for c in report.cases if c.id not in ("backlog", "wrong-on-purpose")]}
    )
    result = compare(report, changed)
    assert [c.id for c in result.worse] == ["backlog"] and result.worse[0].changes == {"key_fact_recall": (1.0, 0.0)}
    assert [c.id for c in result.better] == ["wrong-on-purpose"]
    assert sorted(result.flipped["key_fact_recall"]) == ["backlog", "wrong-on-purpose"]
    change = result.metrics["key_fact_recall"]
    assert (change.improved, change.worsened, change.difference, change.significant) == (1, 1, 0.0, False)

    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(report.model_dump_json())
    b.write_text(changed.model_dump_json())
    assert load_report(a) == report
    out = subprocess.run([EXECUTABLE, "eval", "compare", str(a), str(b)], capture_output=True, text=True)
    assert out.returncode == 0
    assert "Worse: 1 case(s)\n  backlog: key_fact_recall 1 → 0" in out.stdout
    assert "Better: 1 case(s)\n  wrong-on-purpose: key_fact_recall 0 → 1" in out.stdout
    assert re.search(r"key_fact_recall .* within noise", out.stdout)


def test_runs_over_other_cases_or_another_corpus_are_not_compared_silently(report, tmp_path):
    fewer = report.model_copy(update={"cases": report.cases[1:]})
    with pytest.raises(IncomparableRuns, match="different cases"):
        compare(report, fewer)
    assert run_record_corpus_changed(report).run is not None
    with pytest.raises(IncomparableRuns, match=r"the corpora differ: a-picture-of-health\.txt"):
        compare(report, run_record_corpus_changed(report))
    forced = compare(report, fewer, force=True)
    assert forced.warnings and forced.only_in_a == [report.cases[0].id]

    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(report.model_dump_json())
    b.write_text(fewer.model_dump_json())
    out = subprocess.run([EXECUTABLE, "eval", "compare", str(a), str(b)], capture_output=True, text=True)
    assert out.returncode == 2 and "Not comparable: the runs ask different cases" in out.stderr
    out = subprocess.run([EXECUTABLE, "eval", "compare", str(a), str(b), "--force"], capture_output=True, text=True)
    assert out.returncode == 0 and "WARNING: the runs ask different cases" in out.stderr


def test_a_change_beyond_noise_is_marked_significant():
    from evals.uncertainty import paired_change, sign_test

    many_better = [(0.0, 1.0)] * 30 + [(1.0, 1.0)] * 30
    change = paired_change(many_better)
    assert change.significant and change.difference == 0.5 and change.ci_low > 0 and change.sign_test_p < 0.001
    one_better = [(0.0, 1.0)] + [(1.0, 1.0)] * 59
    assert not paired_change(one_better).significant and paired_change(one_better).sign_test_p == 1.0
    assert sign_test(5, 0) == pytest.approx(0.0625) and sign_test(0, 0) == 1.0


def run_record_corpus_changed(report):
    run = report.run
    corpus = [d.model_copy(update={"fingerprint": "0" * 64}) if d.source == "a-picture-of-health.txt" else d for d in run.corpus]
    return report.model_copy(update={"run": run.model_copy(update={"corpus": corpus})})


def test_the_ragas_round_trip(tmp_path):
    cases = [EvalCase.model_validate(c) for c in SMALL]
    ragas = tmp_path / "ragas.jsonl"
    export_testset(cases, ragas)
    rows = [json.loads(line) for line in ragas.read_text().splitlines()]
    assert set(rows[0]) == {"user_input", "reference", "reference_contexts"}
    back = import_testset(ragas, prefix="r")
    assert [c.user_input for c in back] == [c.user_input for c in cases]
    assert [c.reference_contexts for c in back] == [c.reference_contexts for c in cases]
    assert [c.answerable for c in back] == [c.answerable for c in cases]
    assert [c.reference for c in back if c.answerable] == [c.reference for c in cases if c.answerable]


def test_deepeval_names_are_read_too(tmp_path):
    path = tmp_path / "deepeval.json"
    path.write_text(json.dumps([{"input": "How big is the backlog?", "expected_output": "£12bn", "context": ["around £12bn"]}]))
    (only,) = import_testset(path)
    assert (only.user_input, only.reference, only.reference_contexts, only.id) == (
        "How big is the backlog?",
        "£12bn",
        ["around £12bn"],
        "deepeval-001",
    )


def test_a_run_exports_in_the_ragas_layout(report, tmp_path):
    path = tmp_path / "run.jsonl"
    export_run(report, path)
    first = json.loads(path.read_text().splitlines()[0])
    assert set(first) == {"user_input", "response", "retrieved_contexts", "reference"}
    assert "£12bn" in first["response"] and any("£12bn" in c for c in first["retrieved_contexts"])


def test_bad_test_sets_are_reported_by_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "user_input": "ok"}\n{"id": "b"}\n')
    with pytest.raises(TestSetError, match=r"bad.jsonl:2: user_input: Field required"):
        load_testset(path)
    path.write_text('{"id": "a", "user_input": "q"}\n{"id": "a", "user_input": "q2"}\n')
    with pytest.raises(TestSetError, match="duplicate case ids"):
        load_testset(path)
    cases = [EvalCase(id="x", user_input="q", answerable=False, tags=["t"])]
    save_testset(cases, tmp_path / "saved.jsonl")
    assert load_testset(tmp_path / "saved.jsonl") == cases


def test_the_gate_sets_the_exit_code(small_set, corpus_library, tmp_path):
    env = {**os.environ, "POLICY_ASSISTANT_DATA_DIR": str(corpus_library.settings.data_dir)}
    passing = subprocess.run(
        [EXECUTABLE, "eval", str(small_set), "--min", "declining_accuracy=1", "--report", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert passing.returncode == 0, passing.stderr
    assert "declining_accuracy" in passing.stdout and (tmp_path / "r" / "report.html").exists()
    failing = subprocess.run(
        [EXECUTABLE, "eval", str(small_set), "--min", "key_fact_recall=0.9"], capture_output=True, text=True, env=env
    )
    assert failing.returncode == 1
    assert "FAILED: key_fact_recall = 0.6667 is below the minimum 0.9" in failing.stderr
    bad = subprocess.run([EXECUTABLE, "eval", str(small_set), "--min", "nonsense=1"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "use METRIC=VALUE with one of" in bad.stderr


def test_the_development_set_covers_what_it_must():
    cases = load_testset(Path(__file__).resolve().parents[2] / "evals" / "dev.jsonl")
    assert len(cases) >= 80
    assert sum(not c.answerable for c in cases) >= 15
    commitments = {r.commitment for c in cases for r in c.reference_sections if r.commitment}
    chapters = {r.chapter for c in cases for r in c.reference_sections if r.chapter}
    assert commitments == {1, 2, 3, 4, 5} and chapters == {1, 2, 3, 4, 5, 6, 7}
    tags = {t for c in cases for t in c.tags}
    assert {"figure", "name", "multi-part", "follow-up", "cross-document", "injection", "not-covered", "off-topic"} <= tags
    assert sum(bool(c.history) for c in cases) >= 5
