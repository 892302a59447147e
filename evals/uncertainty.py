"""How far a figure can be trusted: bootstrap intervals, and whether a
change between two runs is more than noise.

A rate over 48 cases moves by a case at a time; 0.896 on 48 cases is about
±0.09 at 95%. Every metric a report shows therefore comes with a 95%
percentile-bootstrap interval over its cases (Efron & Tibshirani, 1993), and
``eval compare`` tests each change on the cases the two runs share: a paired
bootstrap of the mean difference, and an exact sign test over the cases
that moved. Resampling uses a fixed seed, so a report is reproducible.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, Field

RESAMPLES = 2000
CONFIDENCE = 0.95
_SEED = 20191  # any fixed number: the same cases give the same interval in every run


class Metric(BaseModel):
    """One figure of a report with its 95% interval and how many cases it rests on."""

    value: float | None = Field(description="The figure over the cases that have it; null when none does.")
    ci_low: float | None = Field(description="Lower end of the 95% bootstrap interval.")
    ci_high: float | None = Field(description="Upper end of the 95% bootstrap interval.")
    n: int = Field(description="How many cases the figure rests on.")

    def shown(self, digits: int = 3) -> str:
        """ "0.896 [0.812, 0.958] n=48", or "–" when there is no value."""
        if self.value is None:
            return "–"
        if self.ci_low is None or self.ci_high is None:
            return f"{self.value:.{digits}f} n={self.n}"
        return f"{self.value:.{digits}f} [{self.ci_low:.{digits}f}, {self.ci_high:.{digits}f}] n={self.n}"


def with_interval(values: Sequence[float], quantile: float | None = None, digits: int = 4) -> Metric:
    """The mean of ``values`` (or their ``quantile``, for latencies) with its
    percentile-bootstrap interval."""
    n = len(values)
    if not n:
        return Metric(value=None, ci_low=None, ci_high=None, n=0)
    data = np.asarray(values, dtype=float)

    def statistic(sample: np.ndarray, axis: int | None = None) -> np.ndarray:
        if quantile is None:
            return np.mean(sample, axis=axis)
        return np.percentile(sample, quantile * 100, axis=axis, method="nearest")

    value = round(float(statistic(data)), digits)
    if n == 1:
        return Metric(value=value, ci_low=value, ci_high=value, n=1)
    rng = np.random.default_rng(_SEED)
    estimates = statistic(data[rng.integers(0, n, size=(RESAMPLES, n))], axis=1)
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(estimates, [tail, 100 - tail])
    return Metric(value=value, ci_low=round(float(low), digits), ci_high=round(float(high), digits), n=n)


class Change(BaseModel):
    """A metric's change from run A to run B over the cases both runs scored."""

    a: float | None
    b: float | None
    difference: float | None = Field(description="Mean of B − A over the paired cases.")
    ci_low: float | None
    ci_high: float | None
    n: int = Field(description="Cases both runs have a value for.")
    improved: int = Field(description="Paired cases whose value rose.")
    worsened: int = Field(description="Paired cases whose value fell.")
    sign_test_p: float | None = Field(description="Two-sided exact sign test over the cases that moved.")
    significant: bool = Field(description="The 95% interval of the difference excludes 0.")


def paired_change(pairs: Sequence[tuple[float, float]], digits: int = 4) -> Change:
    """The change over paired case values (A, B): a paired bootstrap of the
    mean difference, and a sign test. Significant when the interval excludes 0."""
    n = len(pairs)
    if not n:
        return Change(
            a=None,
            b=None,
            difference=None,
            ci_low=None,
            ci_high=None,
            n=0,
            improved=0,
            worsened=0,
            sign_test_p=None,
            significant=False,
        )
    a = np.asarray([p[0] for p in pairs], dtype=float)
    b = np.asarray([p[1] for p in pairs], dtype=float)
    diffs = b - a
    interval = with_interval(diffs.tolist(), digits=digits)
    improved, worsened = int((diffs > 0).sum()), int((diffs < 0).sum())
    low, high = interval.ci_low, interval.ci_high
    moved = bool(diffs.any())
    return Change(
        a=round(float(a.mean()), digits),
        b=round(float(b.mean()), digits),
        difference=interval.value,
        ci_low=low,
        ci_high=high,
        n=n,
        improved=improved,
        worsened=worsened,
        sign_test_p=round(sign_test(improved, worsened), 4) if moved else 1.0,
        significant=moved and low is not None and high is not None and (low > 0 or high < 0),
    )


def sign_test(wins: int, losses: int) -> float:
    """Two-sided exact binomial test of wins against losses (ties left out)."""
    trials = wins + losses
    if not trials:
        return 1.0
    tail = sum(math.comb(trials, k) for k in range(min(wins, losses) + 1)) / 2**trials
    return min(1.0, 2 * tail)
