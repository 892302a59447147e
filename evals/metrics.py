"""Offline metrics: each a small function with a clear definition, needing
no judge model. Case-level functions return a number in 0..1, or None when
the case has nothing to measure it by (no reference contexts, no key facts…);
``summarise`` averages over the cases that have a value. The claim metrics
(``claims``) are scored here with the lexical grounding check, and again
as ``judge_*`` with an LLM when the evaluator asks for one.

Text comparisons ignore case and runs of white space.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.models import Answer, Citation

from . import claims
from .testset import EvalCase, SectionRef
from .uncertainty import Metric, with_interval


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


# --- retrieval -----------------------------------------------------------------------


def _rank_of_first_hit(retrieved: list[str], reference_contexts: list[str]) -> int | None:
    for rank, text in enumerate(retrieved, start=1):
        if claims.is_relevant(text, reference_contexts):
            return rank
    return None


def hit_at_k(retrieved: list[str], reference_contexts: list[str], k: int = 5) -> float | None:
    """1 when a reference context is inside one of the first ``k`` retrieved passages."""
    if not reference_contexts:
        return None
    rank = _rank_of_first_hit(retrieved[:k], reference_contexts)
    return 1.0 if rank else 0.0


def mrr(retrieved: list[str], reference_contexts: list[str]) -> float | None:
    """Reciprocal rank of the first retrieved passage holding a reference context."""
    if not reference_contexts:
        return None
    rank = _rank_of_first_hit(retrieved, reference_contexts)
    return 1.0 / rank if rank else 0.0


# --- citations -----------------------------------------------------------------------


def section_matches(citation: Citation, ref: SectionRef) -> bool:
    """Same document (file name or title), and every place the reference gives."""
    if ref.document and normalise(ref.document) not in (normalise(citation.source), normalise(citation.document)):
        return False
    item = citation.framework_item
    if ref.framework_item and not (item and (item.kind, item.number) == (ref.framework_item.kind, ref.framework_item.number)):
        return False
    return all(
        want is None or want == got
        for want, got in (
            (ref.commitment, citation.commitment),
            (ref.chapter, citation.chapter),
            (ref.paragraph, citation.paragraph),
        )
    )


def section_precision(citations: list[Citation], refs: list[SectionRef]) -> float | None:
    """Share of citations that point into a reference section."""
    if not refs or not citations:
        return None
    return sum(any(section_matches(c, r) for r in refs) for c in citations) / len(citations)


def section_recall(citations: list[Citation], refs: list[SectionRef]) -> float | None:
    """Share of reference sections that some citation points into."""
    if not refs:
        return None
    return sum(any(section_matches(c, r) for c in citations) for r in refs) / len(refs)


def key_fact_utilization(answer: str, retrieved: list[str], key_facts: list[str | list[str]]) -> float | None:
    """RAGChecker's context utilization with key facts for claims: of the key
    facts the retrieved passages hold, the share the answer gives. (The
    lexical check cannot tell a paraphrased reference sentence in an answer,
    but a key fact it can.)"""
    context = normalise(" ".join(retrieved))
    held = [f for f in key_facts if any(normalise(o) in context for o in (f if isinstance(f, list) else [f]))]
    if not held:
        return None
    return 1.0 - len(missing_key_facts(answer, held)) / len(held)


# --- answers -------------------------------------------------------------------------


def missing_key_facts(answer: str, key_facts: list[str | list[str]]) -> list[str]:
    """The key facts (or sets of alternatives) the answer lacks."""
    text = normalise(answer)
    missing = []
    for fact in key_facts:
        options = fact if isinstance(fact, list) else [fact]
        if not any(normalise(option) in text for option in options):
            missing.append(" | ".join(options))
    return missing


def key_fact_recall(answer: str, key_facts: list[str | list[str]]) -> float | None:
    """1 when the answer contains every key fact, else 0."""
    if not key_facts:
        return None
    return 0.0 if missing_key_facts(answer, key_facts) else 1.0


_WORD = re.compile(r"[a-z0-9£%]+(?:[.,/][0-9]+)*")


def token_f1(answer: str, reference: str | None) -> float | None:
    """SQuAD-style token F1 between the answer (citation marks removed) and the reference."""
    if not reference:
        return None
    got = _WORD.findall(re.sub(r"\[\d+\]", " ", answer.lower()))
    want = _WORD.findall(reference.lower())
    common = sum((Counter(got) & Counter(want)).values())
    if not got or not want or not common:
        return 0.0
    precision, recall = common / len(got), common / len(want)
    return 2 * precision * recall / (precision + recall)


def declined_correctly(refused: bool, answerable: bool) -> float:
    """1 when the assistant declines exactly the unanswerable cases."""
    return 1.0 if refused != answerable else 0.0


def unanswerable_recall(refused: bool, answerable: bool) -> float | None:
    """1 when a question the documents cannot answer is declined (unanswerable cases only)."""
    return None if answerable else float(refused)


def false_decline(refused: bool, answerable: bool) -> float | None:
    """1 when a question the documents answer, in whole or in part, is declined (answerable cases only)."""
    return float(refused) if answerable else None


def verdict_correct(verdict: str, expected: str) -> float:
    """1 when the answerability verdict is the expected one."""
    return 1.0 if verdict == expected else 0.0


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- one case, and a run ----------------------------------------------------------------

ALCE_METRICS = ("citation_recall", "citation_precision")
RAGCHECKER_METRICS = ("faithfulness", "hallucination", "noise_sensitivity_relevant", "noise_sensitivity_irrelevant")
CLAIM_METRICS = (*ALCE_METRICS, *RAGCHECKER_METRICS)
CASE_METRICS = (
    "hit_at_5",
    "mrr",
    "section_precision",
    "section_recall",
    "key_fact_recall",
    "token_f1",
    "declining_accuracy",
    "unanswerable_recall",
    "false_decline_rate",
    "partial_accuracy",
    "answerability_accuracy",
    *CLAIM_METRICS,
    "context_utilization",
)
# The same claim metrics with an LLM as the judge, when the evaluator asks for one.
JUDGE_METRICS = tuple(f"judge_{metric}" for metric in (*CLAIM_METRICS, "context_utilization"))


# Which judge produced each metric, for the report: an evaluator must know what a figure rests on.
def _claim_judges(judge: str, prefix: str = "") -> dict[str, str]:
    return {
        **{prefix + metric: f"{judge} (ALCE definitions)" for metric in ALCE_METRICS},
        **{prefix + metric: f"{judge} (RAGChecker definitions)" for metric in RAGCHECKER_METRICS},
    }


JUDGES = _claim_judges("lexical grounding check") | {
    "context_utilization": "key facts matched in text (RAGChecker definition, key facts for claims)"
}
SUMMARY_METRICS = (*CASE_METRICS, *JUDGE_METRICS, "latency_p50_ms", "latency_p95_ms")


def llm_judges(model: str) -> dict[str, str]:
    """The ``judges`` entries of a run judged by an LLM too."""
    return _claim_judges(f"LLM judge {model}", "judge_") | {
        "judge_context_utilization": f"LLM judge {model} (RAGChecker definition, reference answer sentences for claims)"
    }


def claim_scores(case: EvalCase, answer: Answer, retrieved: list[str], entails: claims.Entails) -> dict[str, float | None]:
    """The ALCE and RAGChecker claim metrics of one answered case, by ``entails``."""
    truth = [text for text in (case.reference, *case.reference_contexts) if text]
    contexts = case.reference_contexts
    return {
        "citation_recall": claims.citation_recall(answer.answer, answer.citations, entails),
        "citation_precision": claims.citation_precision(answer.answer, answer.citations, entails),
        "faithfulness": claims.faithfulness(answer.answer, retrieved, entails),
        "hallucination": claims.hallucination(answer.answer, retrieved, truth, entails),
        "noise_sensitivity_relevant": claims.noise_sensitivity(answer.answer, retrieved, truth, contexts, True, entails),
        "noise_sensitivity_irrelevant": claims.noise_sensitivity(answer.answer, retrieved, truth, contexts, False, entails),
    }


def score_case(case: EvalCase, answer: Answer, retrieved: list[str]) -> dict[str, float | None]:
    """Every case metric; answer metrics only where the assistant should answer."""
    answered = case.answerable and not answer.refused
    return {
        "hit_at_5": hit_at_k(retrieved, case.reference_contexts, 5) if case.answerable else None,
        "mrr": mrr(retrieved, case.reference_contexts) if case.answerable else None,
        "section_precision": section_precision(answer.citations, case.reference_sections) if answered else None,
        "section_recall": section_recall(answer.citations, case.reference_sections) if case.answerable else None,
        "key_fact_recall": key_fact_recall(answer.answer, case.key_facts) if case.answerable else None,
        "token_f1": token_f1(answer.answer, case.reference) if case.answerable else None,
        "declining_accuracy": declined_correctly(answer.refused, case.answerable),
        "unanswerable_recall": unanswerable_recall(answer.refused, case.answerable),
        "false_decline_rate": false_decline(answer.refused, case.answerable),
        "partial_accuracy": (
            verdict_correct(answer.answerability.verdict, "partial") if case.expected_answerability == "partial" else None
        ),
        "answerability_accuracy": verdict_correct(answer.answerability.verdict, case.expected_answerability),
        **(claim_scores(case, answer, retrieved, claims.lexical_entails) if answered else dict.fromkeys(CLAIM_METRICS)),
        "context_utilization": key_fact_utilization(answer.answer, retrieved, case.key_facts) if answered else None,
    }


def judge_scores(case: EvalCase, answer: Answer, retrieved: list[str], entails: claims.Entails) -> dict[str, float | None]:
    """The claim metrics again, with an LLM as the judge (answered cases only)."""
    if not case.answerable or answer.refused:
        return dict.fromkeys(JUDGE_METRICS)
    scores = claim_scores(case, answer, retrieved, entails)
    scores["context_utilization"] = claims.context_utilization(answer.answer, retrieved, case.reference, entails)
    return {f"judge_{metric}": value for metric, value in scores.items()}


def summarise(scores: list[dict[str, float | None]], latencies_ms: list[float]) -> dict[str, Metric]:
    """Each metric over the cases that have it, with its 95% bootstrap interval."""
    summary: dict[str, Metric] = {}
    judged = [m for m in JUDGE_METRICS if any(m in s for s in scores)]
    for metric in (*CASE_METRICS, *judged):
        summary[metric] = with_interval([v for s in scores if (v := s.get(metric)) is not None])
    summary["latency_p50_ms"] = with_interval(latencies_ms, quantile=0.5, digits=2)
    summary["latency_p95_ms"] = with_interval(latencies_ms, quantile=0.95, digits=2)
    return summary
