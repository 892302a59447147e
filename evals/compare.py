"""Comparing two runs of the same test set: which cases got better or worse."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from .metrics import CASE_METRICS
from .runner import RunReport


class CaseChange(BaseModel):
    id: str
    changes: dict[str, tuple[float | None, float | None]]


class Comparison(BaseModel):
    summary: dict[str, tuple[float | None, float | None]]
    better: list[CaseChange]
    worse: list[CaseChange]
    only_in_a: list[str]
    only_in_b: list[str]


def load_report(path: Path) -> RunReport:
    return RunReport.model_validate_json(path.read_text(encoding="utf-8"))


def compare(a: RunReport, b: RunReport) -> Comparison:
    """A case is worse when any metric dropped, better when none dropped and one rose."""
    cases_a, cases_b = {c.id: c for c in a.cases}, {c.id: c for c in b.cases}
    better: list[CaseChange] = []
    worse: list[CaseChange] = []
    for case_id in cases_a.keys() & cases_b.keys():
        before, after = cases_a[case_id].scores, cases_b[case_id].scores
        changes = {m: (before.get(m), after.get(m)) for m in CASE_METRICS if before.get(m) != after.get(m)}
        if not changes:
            continue
        dropped = any((old or 0) > (new or 0) for old, new in changes.values())
        (worse if dropped else better).append(CaseChange(id=case_id, changes=changes))
    return Comparison(
        summary={m: (a.summary.get(m), b.summary.get(m)) for m in a.summary.keys() | b.summary.keys()},
        better=sorted(better, key=lambda c: c.id),
        worse=sorted(worse, key=lambda c: c.id),
        only_in_a=sorted(cases_a.keys() - cases_b.keys()),
        only_in_b=sorted(cases_b.keys() - cases_a.keys()),
    )
