"""Running a test set through the Assistant and scoring every case.

Each case is asked exactly as a user would (with its history), through
``Assistant.ask``; the result keeps the answer, its citations, the passages
retrieval returned, every metric, and in words why a metric fell short.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from pydantic import BaseModel
from tqdm import tqdm

from assistant import Answer, Assistant
from assistant.run_record import RunRecord

from .grounding_pairs import HERE, load_pairs
from .judge import JudgeCheck, SupportJudge, check_judge
from .metrics import JUDGES, judge_scores, llm_judges, missing_key_facts, score_case, section_matches, summarise
from .testset import EvalCase
from .uncertainty import Metric


class CaseResult(BaseModel):
    id: str
    user_input: str
    tags: list[str]
    section: str  # where the case's answer lives, for the per-section breakdown
    answerable: bool
    expected_answerability: str
    answerability: dict
    refused: bool
    standalone_question: str
    answer: str
    reference: str | None
    citations: list[dict]
    retrieved_contexts: list[str]
    scores: dict[str, float | None]
    failures: list[str]
    latency_ms: float
    backend: str


class RunReport(BaseModel):
    testset: str
    backend: str
    created: str
    testset_sha256: str | None = None  # of the cases as asked: two runs compare only over the same cases
    run: RunRecord | None = None  # the corpus, settings and software that answered (None in reports from before it)
    judges: dict[str, str] = {}  # metric → what judged it, where that is not plain matching
    judge_check: JudgeCheck | None = None  # how the LLM judge did on labelled pairs, when one judged
    summary: dict[str, Metric]  # every metric with its 95% bootstrap interval and its number of cases
    cases: list[CaseResult]
    thresholds: dict[str, dict[str, float]] = {}
    failed_thresholds: list[str] = []


def run_testset(
    cases: list[EvalCase],
    assistant: Assistant,
    testset_name: str,
    progress: bool | None = None,
    judge: SupportJudge | None = None,
) -> RunReport:
    """Asks every case and scores it; with ``judge``, the claim metrics are
    scored a second time (``judge_*``) with that LLM as the judge, after it
    is checked on labelled pairs of the grounding benchmark."""
    judge_check = check_judge(judge, load_pairs(HERE / "dev.jsonl")) if judge else None
    results: list[CaseResult] = []
    for case in tqdm(cases, desc="Evaluating", unit="case", disable=None if progress is None else not progress):
        answer = assistant.ask(case.user_input, case.history)
        retrieved = [p.text for p in answer.retrieved]
        scores = score_case(case, answer, retrieved)
        if judge is not None:
            scores |= judge_scores(case, answer, retrieved, judge.entails)
        results.append(
            CaseResult(
                id=case.id,
                user_input=case.user_input,
                tags=case.tags,
                section=section_of(case),
                answerable=case.answerable,
                expected_answerability=case.expected_answerability,
                answerability=answer.answerability.model_dump(),
                refused=answer.refused,
                standalone_question=answer.standalone_question,
                answer=answer.answer,
                reference=case.reference,
                citations=[
                    c.model_dump(
                        include={
                            "n",
                            "document",
                            "source",
                            "section",
                            "commitment",
                            "chapter",
                            "framework_item",
                            "paragraph",
                            "page",
                            "quote",
                            "date",
                            "edition",
                        }
                    )
                    for c in answer.citations
                ],
                retrieved_contexts=retrieved,
                scores=scores,
                failures=explain(case, answer, scores),
                latency_ms=round(sum(answer.timings_ms.values()), 2),
                backend=answer.backend,
            )
        )
    summary = summarise([r.scores for r in results], [r.latency_ms for r in results])
    return RunReport(
        testset=testset_name,
        backend=assistant.settings.answerer,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        testset_sha256=testset_digest(cases),
        run=assistant.run,
        judges=JUDGES | (llm_judges(judge.model) if judge else {}),
        judge_check=judge_check,
        summary=summary,
        cases=results,
    )


def testset_digest(cases: list[EvalCase]) -> str:
    """A digest of the cases as they are asked and scored, whatever the file is called."""
    canonical = json.dumps([case.model_dump(mode="json") for case in cases], sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def section_of(case: EvalCase) -> str:
    if not case.answerable:
        return "should be declined"
    if not case.reference_sections:
        return "(no reference section)"
    ref = case.reference_sections[0]
    if ref.commitment:
        return f"Commitment {ref.commitment}"
    if ref.chapter:
        return f"LTP chapter {ref.chapter}"
    return ref.document or "(any document)"


def explain(case: EvalCase, answer: Answer, scores: dict[str, float | None]) -> list[str]:
    """Why each metric that fell short did so, in words an evaluator can act on."""
    why: list[str] = []
    if scores["declining_accuracy"] == 0.0:
        why.append("declined a question the documents answer" if case.answerable else "answered a question it should decline")
    if scores["answerability_accuracy"] == 0.0:
        why.append(
            f"answerability {answer.answerability.verdict}, expected {case.expected_answerability}"
            + (f" (missing: {'; '.join(answer.answerability.missing)})" if answer.answerability.missing else "")
        )
    if scores["hit_at_5"] == 0.0:
        why.append("no reference context among the first 5 retrieved passages")
    if scores["section_recall"] is not None and scores["section_recall"] < 1:
        missing = [r for r in case.reference_sections if not any(section_matches(c, r) for c in answer.citations)]
        why.append("reference sections not cited: " + "; ".join(_ref_label(r) for r in missing))
    if scores["section_precision"] is not None and scores["section_precision"] < 1:
        stray = [c for c in answer.citations if not any(section_matches(c, r) for r in case.reference_sections)]
        why.append("cited outside the reference sections: " + "; ".join(f"[{c.n}] {c.source} {c.section}" for c in stray))
    if scores["citation_recall"] is not None and scores["citation_recall"] < 1:
        why.append(f"{answer.grounding.total - answer.grounding.supported} answer sentence(s) not supported by their citations")
    if scores["key_fact_recall"] == 0.0:
        why.append("missing key facts: " + "; ".join(missing_key_facts(answer.answer, case.key_facts)))
    return why


def _ref_label(ref) -> str:
    parts = [ref.document or "any document"]
    parts += [f"commitment {ref.commitment}"] if ref.commitment else []
    parts += [f"chapter {ref.chapter}"] if ref.chapter else []
    parts += [f"{ref.framework_item.kind} {ref.framework_item.number}"] if ref.framework_item else []
    parts += [f"para {ref.paragraph}"] if ref.paragraph else []
    return " ".join(parts)


def check_thresholds(report: RunReport, minimums: dict[str, float], maximums: dict[str, float]) -> RunReport:
    """Records which thresholds the run missed; a metric with no value misses."""
    failed = []
    for metric, floor in minimums.items():
        value = report.summary[metric].value if metric in report.summary else None
        if value is None or value < floor:
            failed.append(f"{metric} = {value} is below the minimum {floor}")
    for metric, ceiling in maximums.items():
        value = report.summary[metric].value if metric in report.summary else None
        if value is None or value > ceiling:
            failed.append(f"{metric} = {value} is above the maximum {ceiling}")
    return report.model_copy(update={"thresholds": {"min": minimums, "max": maximums}, "failed_thresholds": failed})
