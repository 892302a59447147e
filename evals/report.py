"""Writing a run: ``report.json`` (every case, every metric, why it failed),
``report.md`` and ``report.html`` — one self-contained page (inline CSS and
SVG, no scripts or network) with per-metric bars, a per-section breakdown
and a latency histogram, that an evaluator can open from disk."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path
from statistics import fmean

from .metrics import CASE_METRICS, JUDGE_METRICS
from .runner import CaseResult, RunReport

BREAKDOWN_METRICS = ("section_recall", "citation_recall", "key_fact_recall", "declining_accuracy")


def write_report(report: RunReport, folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"json": folder / "report.json", "markdown": folder / "report.md", "html": folder / "report.html"}
    paths["json"].write_text(report.model_dump_json(indent=2), encoding="utf-8")
    paths["markdown"].write_text(markdown(report), encoding="utf-8")
    paths["html"].write_text(html_page(report), encoding="utf-8")
    return paths


def by_section(cases: list[CaseResult]) -> dict[str, dict[str, float | None]]:
    groups: dict[str, list[CaseResult]] = defaultdict(list)
    for case in cases:
        groups[case.section].append(case)
    table = {}
    for section in sorted(groups):
        row: dict[str, float | None] = {"cases": len(groups[section])}
        for metric in BREAKDOWN_METRICS:
            values = [v for c in groups[section] if (v := c.scores.get(metric)) is not None]
            row[metric] = round(fmean(values), 3) if values else None
        table[section] = row
    return table


def _interval(low: float | None, high: float | None) -> str:
    return "–" if low is None or high is None else f"{_fmt(low)} – {_fmt(high)}"


def _fmt(value: float | None) -> str:
    return "–" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))


def markdown(report: RunReport) -> str:
    lines = [
        f"# Grounding evaluation: {report.testset}",
        "",
        f"{len(report.cases)} cases · backend `{report.backend}` · {report.created}",
        "",
        "| metric | value | 95% interval | cases |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {metric} | {_fmt(m.value)} | {_interval(m.ci_low, m.ci_high)} | {m.n} |" for metric, m in report.summary.items()
    ]
    lines += ["", "Judged by: " + "; ".join(f"{metric}: {judge}" for metric, judge in report.judges.items())]
    if report.judge_check:
        lines += ["", f"**LLM judge check:** {report.judge_check.note}."]
    if report.failed_thresholds:
        lines += ["", "**Thresholds missed:**", ""] + [f"- {failure}" for failure in report.failed_thresholds]
    lines += [
        "",
        "## By section",
        "",
        "| section | cases | " + " | ".join(BREAKDOWN_METRICS) + " |",
        "| --- | --- | " + " | ".join("---" for _ in BREAKDOWN_METRICS) + " |",
    ]
    for section, row in by_section(report.cases).items():
        lines.append(f"| {section} | {row['cases']} | " + " | ".join(_fmt(row[m]) for m in BREAKDOWN_METRICS) + " |")
    failing = [c for c in report.cases if c.failures]
    lines += ["", f"## Cases that fell short ({len(failing)})", ""]
    for case in failing:
        lines += [f"### {case.id}", "", f"**Q:** {case.user_input}", "", f"**A:** {case.answer}", ""]
        lines += [f"- {failure}" for failure in case.failures] + [""]
    return "\n".join(lines) + "\n"


def _judge_check(report: RunReport) -> str:
    check = report.judge_check
    return "" if check is None else f'<p class="{"ok" if check.trusted else "missed"}">LLM judge check: {escape(check.note)}.</p>'


def _bars(items: list[tuple[str, float | None, float | None, float | None]], width: int = 560) -> str:
    """Horizontal bars for values in 0..1, each with its interval as a whisker when it has one."""
    row, label_w = 26, 170
    span = width - label_w - 60
    svg = [f'<svg role="img" width="{width}" height="{row * len(items) + 10}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, value, low, high) in enumerate(items):
        y = i * row + 5
        bar = 0 if value is None else max(0.0, min(1.0, value)) * span
        colour = "#2e7d32" if (value or 0) >= 0.9 else "#f9a825" if (value or 0) >= 0.7 else "#c62828"
        svg.append(f'<text x="0" y="{y + 16}" font-size="13">{escape(label)}</text>')
        svg.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar:.1f}" height="17" fill="{colour}" rx="3"/>')
        if low is not None and high is not None:
            x1, x2 = label_w + low * span, label_w + high * span
            svg.append(
                f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y + 11.5}" y2="{y + 11.5}" stroke="#1d2433" stroke-width="2">'
                f"<title>95% interval {_fmt(low)} – {_fmt(high)}</title></line>"
            )
        svg.append(f'<text x="{label_w + bar + 6:.1f}" y="{y + 16}" font-size="12">{_fmt(value)}</text>')
    svg.append("</svg>")
    return "".join(svg)


def _histogram(latencies: list[float], bins: int = 12, width: int = 560, height: int = 160) -> str:
    if not latencies:
        return "<p>No latencies.</p>"
    low, high = min(latencies), max(latencies)
    step = (high - low) / bins or 1.0
    counts = [0] * bins
    for value in latencies:
        counts[min(bins - 1, int((value - low) / step))] += 1
    top, bar_w = max(counts), (width - 40) / bins
    svg = [f'<svg role="img" width="{width}" height="{height + 30}" xmlns="http://www.w3.org/2000/svg">']
    for i, count in enumerate(counts):
        h = count / top * height
        svg.append(
            f'<rect x="{20 + i * bar_w:.1f}" y="{height - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="#4063d8"><title>{count} cases</title></rect>'
        )
    svg.append(f'<text x="20" y="{height + 20}" font-size="12">{low:.0f} ms</text>')
    svg.append(f'<text x="{width - 80}" y="{height + 20}" font-size="12">{high:.0f} ms</text>')
    svg.append("</svg>")
    return "".join(svg)


def html_page(report: RunReport) -> str:
    summary_rows = "".join(
        f"<tr><th>{escape(name)}</th><td>{_fmt(m.value)}</td><td>{_interval(m.ci_low, m.ci_high)}</td><td>{m.n}</td></tr>"
        for name, m in report.summary.items()
    )
    sections = by_section(report.cases)
    section_rows = "".join(
        f"<tr><th>{escape(s)}</th><td>{row['cases']}</td>"
        + "".join(f"<td>{_fmt(row[m])}</td>" for m in BREAKDOWN_METRICS)
        + "</tr>"
        for s, row in sections.items()
    )
    breakdown_bars = _bars(
        [
            (s, row["key_fact_recall"] if row["key_fact_recall"] is not None else row["declining_accuracy"], None, None)
            for s, row in sections.items()
        ]
    )
    cases = "".join(
        f'<tr class="{"fail" if c.failures else "pass"}"><td>{escape(c.id)}</td><td>{escape(c.user_input)}</td>'
        f"<td>{escape(c.answer)}</td><td>{'<br>'.join(escape(f) for f in c.failures) or '✓'}</td><td>{c.latency_ms:.0f}</td></tr>"
        for c in report.cases
    )
    thresholds = (
        "<ul class='missed'>" + "".join(f"<li>{escape(f)}</li>" for f in report.failed_thresholds) + "</ul>"
        if report.failed_thresholds
        else ("<p class='ok'>All thresholds met.</p>" if report.thresholds else "")
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Grounding evaluation: {escape(report.testset)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #1d2433; }}
table {{ border-collapse: collapse; margin: .5em 0 1.5em; }} th, td {{ border: 1px solid #d5d9e2; padding: .3em .6em; text-align: left; vertical-align: top; }}
tr.fail td:first-child {{ border-left: 4px solid #c62828; }} tr.pass td:first-child {{ border-left: 4px solid #2e7d32; }}
.missed {{ color: #c62828; }} .ok {{ color: #2e7d32; }} section {{ margin-bottom: 2em; }}
</style></head><body>
<h1>Grounding evaluation: {escape(report.testset)}</h1>
<p>{len(report.cases)} cases · backend <code>{escape(report.backend)}</code> · {escape(report.created)}</p>
{thresholds}
<section id="metrics"><h2>Metrics</h2>{_bars([(m, report.summary[m].value, report.summary[m].ci_low, report.summary[m].ci_high) for m in (*CASE_METRICS, *JUDGE_METRICS) if m in report.summary])}
<table><tr><th>metric</th><th>value</th><th>95% interval</th><th>cases</th></tr>{summary_rows}</table>
<p>Intervals are 95% percentile-bootstrap intervals over the cases (2,000 resamples, fixed seed).</p>
<p>Judged by: {escape("; ".join(f"{m}: {j}" for m, j in report.judges.items()))}</p>{_judge_check(report)}</section>
<section id="by-section"><h2>By section</h2>{breakdown_bars}
<table><tr><th>section</th><th>cases</th>{"".join(f"<th>{m}</th>" for m in BREAKDOWN_METRICS)}</tr>{section_rows}</table></section>
<section id="latency"><h2>Latency</h2>{_histogram([c.latency_ms for c in report.cases])}</section>
<section id="cases"><h2>Cases</h2><table><tr><th>id</th><th>question</th><th>answer</th><th>why it fell short</th><th>ms</th></tr>{cases}</table></section>
</body></html>
"""
