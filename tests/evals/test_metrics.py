"""The offline metrics on hand-made cases whose right answers are known,
including the cases that must score 0 and 1."""

from __future__ import annotations

import pytest

from assistant.models import Citation
from evals import claims, metrics
from evals.testset import SectionRef

PASSAGE = "Tight operational capital budgets compound the rising maintenance backlog which now stands at around £12bn."


def citation(n=1, text=PASSAGE, source="a-picture-of-health.txt", commitment=2, chapter=None, paragraph=None):
    return Citation(
        n=n,
        quote="",
        document="A picture of health: delivering the next generation NHS",
        source=source,
        section="Commitment 2",
        commitment=commitment,
        chapter=chapter,
        paragraph=paragraph,
        page=None,
        text=text,
        score=1.0,
    )


@pytest.mark.parametrize(
    "retrieved, contexts, hit, rr",
    [
        (["x", "the backlog stands at around £12bn.", "y"], ["Backlog   stands at around £12BN"], 1.0, 0.5),
        (["the backlog stands at around £12bn."], ["backlog stands at around £12bn"], 1.0, 1.0),
        (["a", "b", "c", "d", "e", "backlog stands at around £12bn"], ["backlog stands at around £12bn"], 0.0, 1 / 6),
        (["nothing relevant"], ["backlog stands at around £12bn"], 0.0, 0.0),
        (["anything"], [], None, None),
    ],
)
def test_hit_at_5_and_mrr(retrieved, contexts, hit, rr):
    assert metrics.hit_at_k(retrieved, contexts, 5) == hit
    if rr is None:
        assert metrics.mrr(retrieved, contexts) is None
    else:
        assert metrics.mrr(retrieved, contexts) == pytest.approx(rr)


def test_section_precision_and_recall():
    refs = [SectionRef(document="a-picture-of-health.txt", commitment=2), SectionRef(chapter=2, paragraph="2.18")]
    right = citation(1)
    other_commitment = citation(2, commitment=3)
    paragraph = citation(3, source="oxfordshire-hib-long-term-plan-paper.txt", commitment=None, chapter=2, paragraph="2.18")
    assert metrics.section_precision([right, paragraph], refs) == 1.0
    assert metrics.section_recall([right, paragraph], refs) == 1.0
    assert metrics.section_precision([right, other_commitment], refs) == 0.5
    assert metrics.section_recall([right, other_commitment], refs) == 0.5
    assert metrics.section_precision([other_commitment], refs) == 0.0
    assert metrics.section_recall([], refs) == 0.0
    assert metrics.section_precision([], refs) is None and metrics.section_recall([right], []) is None
    by_title = SectionRef(document="A picture of health: delivering the next generation NHS", commitment=2)
    assert metrics.section_matches(right, by_title)


def test_citation_recall_and_precision():
    good = "The maintenance backlog now stands at around £12bn [1]."
    invented = "The backlog will be cleared by 2030 with £50bn [1]."
    assert claims.citation_recall(good, [citation()]) == 1.0
    assert claims.citation_precision(good, [citation()]) == 1.0
    assert claims.citation_recall(invented, [citation()]) == 0.0
    assert claims.citation_precision(invented, [citation()]) == 0.0
    assert claims.citation_recall(f"{good} {invented}", [citation()]) == 0.5
    unrelated = citation(2, text="Every £1 spent on healthcare returns £4.")
    # The sentence is supported by [1] and [2] together, but [2] adds nothing: precision 1/2.
    both = "The maintenance backlog now stands at around £12bn [1][2]."
    assert claims.citation_recall(both, [citation(), unrelated]) == 1.0
    assert claims.citation_precision(both, [citation(), unrelated]) == 0.5
    assert claims.citation_recall("", []) is None and claims.citation_precision("No marks here.", []) is None


@pytest.mark.parametrize(
    "answer, facts, score",
    [
        ("The backlog is  around £12BN [1].", ["£12bn"], 1.0),
        ("The backlog is around £12bn.", ["£12bn", "RAAC"], 0.0),
        ("Over 1,000 link workers by 2020/21.", [["1,000", "one thousand"], "2020/21"], 1.0),
        ("One thousand link workers.", [["1,000", "one thousand"]], 1.0),
        ("Nothing relevant.", [["1,000", "one thousand"]], 0.0),
        ("Anything.", [], None),
    ],
)
def test_key_fact_recall(answer, facts, score):
    assert metrics.key_fact_recall(answer, facts) == score


def test_token_f1():
    assert metrics.token_f1("The backlog is £12bn [1].", "the backlog is £12bn") == 1.0
    assert metrics.token_f1("Nothing in common", "the backlog is £12bn") == 0.0
    assert metrics.token_f1("the backlog", "the backlog is £12bn") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert metrics.token_f1("anything", None) is None


@pytest.mark.parametrize(
    "refused, answerable, score", [(True, False, 1.0), (False, True, 1.0), (True, True, 0.0), (False, False, 0.0)]
)
def test_declining_accuracy(refused, answerable, score):
    assert metrics.declined_correctly(refused, answerable) == score


def test_summary_averages_only_cases_with_a_value():
    scores = [
        {m: None for m in metrics.CASE_METRICS} | {"key_fact_recall": 1.0, "declining_accuracy": 1.0},
        {m: None for m in metrics.CASE_METRICS} | {"key_fact_recall": 0.0, "declining_accuracy": 1.0},
        {m: None for m in metrics.CASE_METRICS} | {"declining_accuracy": 0.0},
    ]
    summary = metrics.summarise(scores, [10.0, 20.0, 30.0, 40.0])
    assert summary["key_fact_recall"].value == 0.5 and summary["key_fact_recall"].n == 2
    assert summary["declining_accuracy"].value == pytest.approx(0.6667) and summary["declining_accuracy"].n == 3
    assert summary["hit_at_5"].model_dump() == {"value": None, "ci_low": None, "ci_high": None, "n": 0}
    assert (summary["latency_p50_ms"].value, summary["latency_p95_ms"].value) == (30.0, 40.0)
    assert set(summary) == set(metrics.SUMMARY_METRICS) - set(metrics.JUDGE_METRICS)  # judged by an LLM only when asked
    for metric in summary.values():  # every interval holds its value
        assert metric.value is None or metric.ci_low <= metric.value <= metric.ci_high


def test_claim_metrics_follow_ragcheckers_definitions():
    relevant = "The maintenance backlog now stands at around £12bn."
    irrelevant = "Demand last winter rose by 7 per cent on the year before."
    truth = ["The backlog is around £12bn.", "The maintenance backlog now stands at around £12bn."]
    faithful = "The maintenance backlog now stands at around £12bn [1]."
    noisy = faithful + " Demand last winter rose by 7 per cent on the year before [2]."
    invented = faithful + " The backlog will be cleared by 2030 [1]."
    retrieved = [relevant, irrelevant]
    assert claims.faithfulness(faithful, retrieved) == 1.0 and claims.faithfulness(invented, retrieved) == 0.5
    assert claims.hallucination(faithful, retrieved, truth) == 0.0 and claims.hallucination(invented, retrieved, truth) == 0.5
    assert claims.hallucination(noisy, retrieved, truth) == 0.0  # wrong for the question, but not invented
    assert claims.noise_sensitivity(noisy, retrieved, truth, [relevant], relevant=False) == 0.5
    assert claims.noise_sensitivity(noisy, retrieved, truth, [relevant], relevant=True) == 0.0
    assert metrics.key_fact_utilization(faithful, retrieved, ["£12bn", "2030"]) == 1.0  # 2030 was never retrieved
    assert metrics.key_fact_utilization("No figure [1].", retrieved, ["£12bn"]) == 0.0
    assert claims.faithfulness("", retrieved) is None
    assert set(metrics.JUDGES) | set(metrics.llm_judges("m")) <= set(metrics.SUMMARY_METRICS)


def test_context_utilization_counts_the_reference_claims_the_context_held():
    retrieved = ["The maintenance backlog now stands at around £12bn.", "Demand rose by 7 per cent."]
    reference = "The maintenance backlog now stands at around £12bn. It will be cleared by 2030."
    # Only the first reference sentence was retrieved; the answer gives it: full use of the context.
    used = "The maintenance backlog now stands at around £12bn [1]."
    assert claims.context_utilization(used, retrieved, reference, claims.lexical_entails) == 1.0
    assert claims.context_utilization("Demand rose by 7 per cent [2].", retrieved, reference, claims.lexical_entails) == 0.0
    assert claims.context_utilization(used, [], reference, claims.lexical_entails) is None


def test_a_judge_without_a_verdict_counts_in_no_denominator():
    """A claim the judge gave no verdict on is left out; no verdict at all is None, never 0."""
    retrieved = ["The maintenance backlog now stands at around £12bn."]
    answer = "The maintenance backlog now stands at around £12bn [1]. The backlog will be cleared by 2030 [1]."

    def undecided_about_2030(claim: str, texts: list[str]) -> bool | None:
        return None if "2030" in claim else claims.lexical_entails(claim, texts)

    assert claims.faithfulness(answer, retrieved, undecided_about_2030) == 1.0
    assert claims.faithfulness(answer, retrieved, lambda claim, texts: None) is None
    # Hallucination asks the retrieved passages only when the reference did not entail the claim.
    asked: list[str] = []

    def recording(claim: str, texts: list[str]) -> bool:
        asked.append(claim)
        return claims.lexical_entails(claim, texts)

    assert claims.hallucination(answer, retrieved, retrieved, recording) == 0.5
    assert asked.count("The maintenance backlog now stands at around £12bn.") == 1
