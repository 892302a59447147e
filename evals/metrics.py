"""Offline metrics: each a small function with a clear definition, needing
no judge model. Case-level functions return a number in 0..1, or None when
the case has nothing to measure it by (no reference contexts, no key facts…);
``summarise`` averages over the cases that have a value.

Text comparisons ignore case and runs of white space.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.grounding import missing_support, unsupported_reason
from assistant.models import Answer, Citation
from assistant.sentences import marks_of, split_sentences, without_marks

from .testset import EvalCase, SectionRef
from .uncertainty import Metric, with_interval


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


# --- retrieval -----------------------------------------------------------------------


def _rank_of_first_hit(retrieved: list[str], reference_contexts: list[str]) -> int | None:
    wanted = [normalise(c) for c in reference_contexts]
    for rank, text in enumerate(retrieved, start=1):
        flat = normalise(text)
        if any(context in flat for context in wanted):
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


def citation_recall(answer: str, citations: list[Citation]) -> float | None:
    """ALCE citation recall: share of answer sentences that their citations
    support (by the project's grounding check)."""
    by_number = {c.n: c for c in citations}
    sentences = [s for s in split_sentences(answer) if without_marks(s)]
    if not sentences:
        return None
    return sum(unsupported_reason(s, by_number) is None for s in sentences) / len(sentences)


def citation_precision(answer: str, citations: list[Citation]) -> float | None:
    """ALCE citation precision: share of (sentence, citation) pairs in which
    the cited passage on its own supports the sentence."""
    by_number = {c.n: c for c in citations}
    pairs = [(without_marks(s), n) for s in split_sentences(answer) for n in marks_of(s)]
    if not pairs:
        return None
    return sum(n in by_number and missing_support(claim, by_number[n].text) is None for claim, n in pairs) / len(pairs)


# --- claims (RAGChecker's generator metrics, with the project's check as the judge) ---------
#
# A claim is an answer sentence; it is *entailed* by a text when the grounding
# check finds it supported there, and *correct* when the reference answer and
# its reference contexts entail it. A retrieved passage is *relevant* when it
# holds a reference context. (Ru et al., 2024: RAGChecker.)


def _claims(answer: str) -> list[str]:
    return [without_marks(s) for s in split_sentences(answer) if without_marks(s).strip()]


def faithfulness(answer: str, retrieved: list[str]) -> float | None:
    """Share of the answer's claims the retrieved passages entail."""
    claims = _claims(answer)
    if not claims or not retrieved:
        return None
    context = " ".join(retrieved)
    return sum(missing_support(c, context) is None for c in claims) / len(claims)


def hallucination(answer: str, retrieved: list[str], truth: str) -> float | None:
    """Share of the answer's claims that are wrong (the reference does not
    entail them) and that no retrieved passage entails either: invented."""
    claims = _claims(answer)
    if not claims or not truth:
        return None
    context = " ".join(retrieved)
    return sum(missing_support(c, truth) is not None and missing_support(c, context) is not None for c in claims) / len(claims)


def noise_sensitivity(answer: str, retrieved: list[str], truth: str, contexts: list[str], relevant: bool) -> float | None:
    """Share of the answer's claims that are wrong yet entailed by a relevant
    (``relevant``) or an irrelevant retrieved passage: noise the answer took up."""
    claims = _claims(answer)
    if not claims or not truth or not contexts:
        return None
    wanted = [normalise(c) for c in contexts]
    chosen = [p for p in retrieved if any(w in normalise(p) for w in wanted) == relevant]
    if not chosen:
        return 0.0
    noise = " ".join(chosen)
    return sum(missing_support(c, truth) is not None and missing_support(c, noise) is None for c in claims) / len(claims)


def context_utilization(answer: str, retrieved: list[str], key_facts: list[str | list[str]]) -> float | None:
    """Of the key facts the retrieved passages hold, the share the answer gives."""
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

CASE_METRICS = (
    "hit_at_5",
    "mrr",
    "section_precision",
    "section_recall",
    "citation_recall",
    "citation_precision",
    "key_fact_recall",
    "token_f1",
    "declining_accuracy",
    "unanswerable_recall",
    "false_decline_rate",
    "partial_accuracy",
    "answerability_accuracy",
    "faithfulness",
    "hallucination",
    "noise_sensitivity_relevant",
    "noise_sensitivity_irrelevant",
    "context_utilization",
)
# Which judge produced each metric, for the report: an evaluator must know what a figure rests on.
JUDGES = {
    **dict.fromkeys(("citation_recall", "citation_precision"), "lexical grounding check (ALCE definitions)"),
    **dict.fromkeys(
        ("faithfulness", "hallucination", "noise_sensitivity_relevant", "noise_sensitivity_irrelevant"),
        "lexical grounding check (RAGChecker definitions)",
    ),
    "context_utilization": "key facts matched in text (RAGChecker definition)",
}
SUMMARY_METRICS = (*CASE_METRICS, "latency_p50_ms", "latency_p95_ms")


def score_case(case: EvalCase, answer: Answer, retrieved: list[str]) -> dict[str, float | None]:
    """Every case metric; answer metrics only where the assistant should answer."""
    answered = case.answerable and not answer.refused
    truth = " ".join([case.reference or "", *case.reference_contexts]).strip()
    return {
        "hit_at_5": hit_at_k(retrieved, case.reference_contexts, 5) if case.answerable else None,
        "mrr": mrr(retrieved, case.reference_contexts) if case.answerable else None,
        "section_precision": section_precision(answer.citations, case.reference_sections) if answered else None,
        "section_recall": section_recall(answer.citations, case.reference_sections) if case.answerable else None,
        "citation_recall": citation_recall(answer.answer, answer.citations) if answered else None,
        "citation_precision": citation_precision(answer.answer, answer.citations) if answered else None,
        "key_fact_recall": key_fact_recall(answer.answer, case.key_facts) if case.answerable else None,
        "token_f1": token_f1(answer.answer, case.reference) if case.answerable else None,
        "declining_accuracy": declined_correctly(answer.refused, case.answerable),
        "unanswerable_recall": unanswerable_recall(answer.refused, case.answerable),
        "false_decline_rate": false_decline(answer.refused, case.answerable),
        "partial_accuracy": (
            verdict_correct(answer.answerability.verdict, "partial") if case.expected_answerability == "partial" else None
        ),
        "answerability_accuracy": verdict_correct(answer.answerability.verdict, case.expected_answerability),
        "faithfulness": faithfulness(answer.answer, retrieved) if answered else None,
        "hallucination": hallucination(answer.answer, retrieved, truth) if answered else None,
        "noise_sensitivity_relevant": (
            noise_sensitivity(answer.answer, retrieved, truth, case.reference_contexts, True) if answered else None
        ),
        "noise_sensitivity_irrelevant": (
            noise_sensitivity(answer.answer, retrieved, truth, case.reference_contexts, False) if answered else None
        ),
        "context_utilization": context_utilization(answer.answer, retrieved, case.key_facts) if answered else None,
    }


def summarise(scores: list[dict[str, float | None]], latencies_ms: list[float]) -> dict[str, Metric]:
    """Each metric over the cases that have it, with its 95% bootstrap interval."""
    summary: dict[str, Metric] = {}
    for metric in CASE_METRICS:
        summary[metric] = with_interval([v for s in scores if (v := s.get(metric)) is not None])
    summary["latency_p50_ms"] = with_interval(latencies_ms, quantile=0.5, digits=2)
    summary["latency_p95_ms"] = with_interval(latencies_ms, quantile=0.95, digits=2)
    return summary
