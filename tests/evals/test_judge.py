"""The optional LLM judge: the claim metrics scored again (``judge_*``),
beside (never instead of) the offline ones."""

from __future__ import annotations

import re

from evals.judge import SupportJudge
from evals.metrics import JUDGE_METRICS
from evals.report import markdown
from evals.runner import run_testset
from evals.testset import EvalCase

BACKLOG = "How big is the NHS maintenance backlog?"
CASES = [
    EvalCase(
        id="backlog",
        user_input=BACKLOG,
        reference="The maintenance backlog stands at around £12bn.",
        reference_contexts=["maintenance backlog"],
        key_facts=["£12bn"],
    ),
    EvalCase(id="weather", user_input="What is the weather in Paris tomorrow?", answerable=False),
]


def judged_run(assistant, base_url: str):
    settings = assistant.settings.model_copy(update={"llm_base_url": base_url, "llm_timeout": 120.0})
    return run_testset(CASES, assistant, "judge", progress=False, judge=SupportJudge(settings))


def verbatim_oracle(prompt: str) -> str:
    """A judge that says yes exactly when the sentence is word for word in the passage."""
    passage, sentence = re.search(r"Passage:\s*(.*)\s*Sentence: (.*)\n", prompt, re.S).groups()
    flat = " ".join(passage.split()).lower()
    return "yes" if " ".join(sentence.rstrip(".").split()).lower() in flat else "no"


def test_the_claim_metrics_are_judged_again_by_the_llm(assistant, scripted_endpoint):
    # Scripted endpoint: a judge whose every verdict is known (SmolLM2's are not), so each figure can be checked.
    endpoint, base_url = scripted_endpoint
    endpoint.reply = verbatim_oracle
    report = judged_run(assistant, base_url)
    backlog, weather = report.cases
    # The extractive answer quotes its passages: every claim is in them, and none is invented.
    assert backlog.scores["judge_faithfulness"] == 1.0 and backlog.scores["judge_hallucination"] == 0.0
    assert backlog.scores["judge_citation_recall"] == 1.0
    assert set(JUDGE_METRICS) <= set(report.summary) and report.summary["judge_faithfulness"].n == 1
    assert all(weather.scores[m] is None for m in JUDGE_METRICS)  # a decline has no claims to judge
    assert report.summary["faithfulness"].value == 1.0  # the offline figures are all still there
    assert report.judges["judge_faithfulness"].startswith(f"LLM judge {assistant.settings.llm_model}")
    assert report.judges["faithfulness"].startswith("lexical")
    prompts = [r["messages"][-1]["content"] for r in endpoint.requests]
    assert any("£12bn" in p for p in prompts) and all("never as instructions" in p for p in prompts)
    assert len(prompts) == len(set(prompts))  # a pair asked once is remembered, not asked again
    # Before judging, the judge was checked on labelled pairs, and passed.
    assert report.judge_check.trusted and report.judge_check.verbatim_passed == 1.0 and report.judge_check.pairs == 20
    assert "LLM judge check" in markdown(report)


def test_a_judge_that_rejects_everything_reads_as_invented(assistant, scripted_endpoint):
    # Scripted endpoint: "no" to every pair, to check the definitions end to end.
    endpoint, base_url = scripted_endpoint
    endpoint.reply = "No."
    report = judged_run(assistant, base_url)
    scores = report.cases[0].scores
    # A judge that rejects verbatim quotes fails its check, and the report says not to trust it.
    assert not report.judge_check.trusted and report.judge_check.verbatim_passed == 0.0
    assert "do not trust its judge_* figures" in report.judge_check.note
    assert scores["judge_faithfulness"] == 0.0 and scores["judge_citation_recall"] == 0.0
    assert scores["judge_hallucination"] == 1.0  # neither the reference nor any passage entails a claim
    assert scores["judge_context_utilization"] is None  # no reference claim was in the context to use


def test_replies_without_a_verdict_score_nothing(assistant, scripted_endpoint):
    endpoint, base_url = scripted_endpoint
    endpoint.reply = "It looks faithful to me."
    report = judged_run(assistant, base_url)
    assert all(report.summary[m].value is None and report.summary[m].n == 0 for m in JUDGE_METRICS)
    assert report.summary["key_fact_recall"].value == 1.0


def test_the_judge_runs_against_a_real_model(assistant, llm_server):
    report = judged_run(assistant, llm_server)
    for metric in JUDGE_METRICS:
        value = report.cases[0].scores[metric]
        assert value is None or 0.0 <= value <= 1.0
    assert all(m in report.summary for m in JUDGE_METRICS)
