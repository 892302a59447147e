"""Comparing two runs of the same test set: which metrics moved beyond
noise, and which cases got better, worse or flipped.

Cases are paired by id. For each metric, the change is the mean of B − A
over the cases both runs scored, with a paired-bootstrap 95% interval and an
exact sign test (``uncertainty``); it is marked significant when the
interval excludes 0. Runs over different test sets or different corpora are
not comparable: ``compare`` refuses them unless told to go ahead, and then
says why the figures may not mean what they seem.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from .metrics import CASE_METRICS, JUDGE_METRICS
from .runner import RunReport
from .uncertainty import Change, paired_change


class IncomparableRuns(ValueError):
    """The runs were made over different test sets or corpora."""


class CaseChange(BaseModel):
    id: str
    changes: dict[str, tuple[float | None, float | None]]


class Comparison(BaseModel):
    metrics: dict[str, Change]
    better: list[CaseChange]
    worse: list[CaseChange]
    flipped: dict[str, list[str]]  # per metric scored 0 or 1: the cases that went from one to the other
    only_in_a: list[str]
    only_in_b: list[str]
    warnings: list[str]  # why the runs may not be comparable, when compared anyway


def load_report(path: Path) -> RunReport:
    return RunReport.model_validate_json(path.read_text(encoding="utf-8"))


def differences(a: RunReport, b: RunReport) -> list[str]:
    """What makes two runs incomparable: other cases, or another corpus."""
    found = []
    ids_a, ids_b = {c.id for c in a.cases}, {c.id for c in b.cases}
    if ids_a != ids_b:
        found.append(f"the runs ask different cases ({len(ids_a - ids_b)} only in A, {len(ids_b - ids_a)} only in B)")
    elif a.testset_sha256 and b.testset_sha256 and a.testset_sha256 != b.testset_sha256:
        found.append("the test sets have the same case ids but different questions, references or labels")
    if a.run and b.run:
        corpus_a = {d.source: d.fingerprint for d in a.run.corpus}
        corpus_b = {d.source: d.fingerprint for d in b.run.corpus}
        if corpus_a != corpus_b:
            changed = sorted(s for s in corpus_a.keys() | corpus_b.keys() if corpus_a.get(s) != corpus_b.get(s))
            found.append("the corpora differ: " + ", ".join(changed))
    elif not (a.run and b.run):
        found.append("a report has no run record (made before runs were recorded): its corpus cannot be checked")
    return found


def compare(a: RunReport, b: RunReport, force: bool = False) -> Comparison:
    """Raises :class:`IncomparableRuns` for runs over other cases or corpora, unless ``force``."""
    warnings = differences(a, b)
    if warnings and not force:
        raise IncomparableRuns("; ".join(warnings))
    cases_a, cases_b = {c.id: c for c in a.cases}, {c.id: c for c in b.cases}
    shared = sorted(cases_a.keys() & cases_b.keys())
    better: list[CaseChange] = []
    worse: list[CaseChange] = []
    flipped: dict[str, list[str]] = {}
    metrics: dict[str, Change] = {}
    compared = (*CASE_METRICS, *(m for m in JUDGE_METRICS if m in a.summary and m in b.summary))
    for metric in compared:
        pairs = []
        for case_id in shared:
            old, new = cases_a[case_id].scores.get(metric), cases_b[case_id].scores.get(metric)
            if old is not None and new is not None:
                pairs.append((old, new))
                if {old, new} == {0.0, 1.0}:
                    flipped.setdefault(metric, []).append(case_id)
        metrics[metric] = paired_change(pairs)
    for case_id in shared:
        before, after = cases_a[case_id].scores, cases_b[case_id].scores
        changes = {m: (before.get(m), after.get(m)) for m in compared if before.get(m) != after.get(m)}
        if not changes:
            continue
        dropped = any((old or 0) > (new or 0) for old, new in changes.values())
        (worse if dropped else better).append(CaseChange(id=case_id, changes=changes))
    return Comparison(
        metrics=metrics,
        better=better,
        worse=worse,
        flipped=flipped,
        only_in_a=sorted(cases_a.keys() - cases_b.keys()),
        only_in_b=sorted(cases_b.keys() - cases_a.keys()),
        warnings=warnings,
    )
