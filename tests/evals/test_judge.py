"""The optional LLM judge, beside (never instead of) the offline metrics."""

from __future__ import annotations

from evals.judge import faithfulness_judge
from evals.runner import run_testset
from evals.testset import EvalCase

CASES = [
    EvalCase(id="backlog", user_input="How big is the NHS maintenance backlog?", key_facts=["£12bn"]),
    EvalCase(id="weather", user_input="What is the weather in Paris tomorrow?", answerable=False),
]


def judged_run(assistant, base_url: str):
    settings = assistant.settings.model_copy(update={"llm_base_url": base_url, "llm_timeout": 120.0})
    return run_testset(CASES, assistant, "judge", progress=False, judge=faithfulness_judge(settings))


def test_the_judge_score_sits_beside_the_offline_metrics(assistant, scripted_endpoint):
    # Scripted endpoint: the score must be parsed exactly, which SmolLM2's replies cannot promise.
    endpoint, base_url = scripted_endpoint
    endpoint.reply = "0.75"
    report = judged_run(assistant, base_url)
    assert report.summary["judge_faithfulness"].value == 0.75
    assert report.summary["key_fact_recall"].value == 1.0  # the offline metrics are all still there
    backlog, weather = report.cases
    assert backlog.judge_faithfulness == 0.75 and weather.judge_faithfulness is None  # declines are not judged
    assert len(endpoint.requests) == 1 and "£12bn" in endpoint.requests[0]["messages"][-1]["content"]


def test_a_reply_without_a_number_scores_nothing(assistant, scripted_endpoint):
    endpoint, base_url = scripted_endpoint
    endpoint.reply = "It looks faithful to me."
    assert judged_run(assistant, base_url).summary["judge_faithfulness"].value is None


def test_the_judge_runs_against_a_real_model(assistant, llm_server):
    report = judged_run(assistant, llm_server)
    score = report.cases[0].judge_faithfulness
    assert "judge_faithfulness" in report.summary
    assert score is None or 0.0 <= score <= 1.0
