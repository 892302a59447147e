"""``policy-assistant eval``: run a test set, gate on thresholds, compare
runs, and move sets to and from RAGAS's layout."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .metrics import SUMMARY_METRICS
from .testset import TestSetError


class _RunByDefault(click.Group):
    """``eval TESTSET …`` means ``eval run TESTSET …``."""

    def resolve_command(self, ctx: click.Context, args: list[str]):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["run", *args]
        return super().resolve_command(ctx, args)


def _thresholds(values: tuple[str, ...], option: str) -> dict[str, float]:
    parsed = {}
    for value in values:
        metric, sep, number = value.partition("=")
        if not sep or metric not in SUMMARY_METRICS:
            raise click.BadParameter(f"{value!r}: use METRIC=VALUE with one of {', '.join(SUMMARY_METRICS)}", param_hint=option)
        try:
            parsed[metric] = float(number)
        except ValueError:
            raise click.BadParameter(f"{value!r}: {number!r} is not a number", param_hint=option) from None
    return parsed


@click.group("eval", cls=_RunByDefault)
def eval_group() -> None:
    """Evaluate grounding: `eval TESTSET` runs a test set (see `eval run --help`),
    `eval compare A.json B.json` compares two runs."""


@eval_group.command("run")
@click.argument("testset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--backend", type=click.Choice(["extractive", "llm"]), default=None, help="Answerer to evaluate.")
@click.option(
    "--report",
    "report_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write report.json, report.md and report.html here.",
)
@click.option(
    "--min", "minimums", multiple=True, metavar="METRIC=VALUE", help="Fail (exit 1) when METRIC is below VALUE. Repeatable."
)
@click.option(
    "--max",
    "maximums",
    multiple=True,
    metavar="METRIC=VALUE",
    help="Fail (exit 1) when METRIC is above VALUE (latencies, false_decline_rate).",
)
@click.option("--judge", is_flag=True, help="Also score faithfulness with the LLM endpoint from settings.")
@click.option("--export-ragas", type=click.Path(dir_okay=False, path_type=Path), help="Also write the run in RAGAS's layout.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal only).")
@click.pass_context
def run(ctx, testset: Path, backend, report_dir, minimums, maximums, judge, export_ragas, progress) -> None:
    """Ask every case of TESTSET (JSONL, see evals/testset.py) and score the answers.

    Prints a summary table; with --min/--max the exit code is 1 when a metric
    misses its threshold, so CI can gate on it.
    """
    from assistant import Assistant

    from .interchange import export_run
    from .report import write_report
    from .runner import check_thresholds, run_testset
    from .testset import load_testset

    floors, ceilings = _thresholds(minimums, "--min"), _thresholds(maximums, "--max")
    try:
        cases = load_testset(testset)
    except TestSetError as error:
        raise click.UsageError(str(error)) from None
    library = ctx.obj
    settings = library.settings.model_copy(update={"answerer": backend}) if backend else library.settings
    judge_fn = None
    if judge:
        from .judge import faithfulness_judge

        judge_fn = faithfulness_judge(settings)
    report = run_testset(cases, Assistant(settings, library), testset.name, progress, judge_fn)
    report = check_thresholds(report, floors, ceilings)
    click.echo(f"\n{len(report.cases)} cases, backend {report.backend}")
    for metric, value in report.summary.items():
        mark = ""
        if metric in floors or metric in ceilings:
            missed = any(f.startswith(f"{metric} ") for f in report.failed_thresholds)
            mark = "  ✗ threshold missed" if missed else "  ✓"
        click.echo(f"  {metric:<22} {value.shown(4 if 'latency' not in metric else 2)}{mark}")
    if report_dir:
        paths = write_report(report, report_dir)
        click.echo("Report: " + ", ".join(str(p) for p in paths.values()))
    if export_ragas:
        export_run(report, export_ragas)
    short = [c for c in report.cases if c.failures]
    click.echo(f"{len(short)} case(s) fell short" + (f"; first: {short[0].id}: {short[0].failures[0]}" if short else ""))
    if report.failed_thresholds:
        for failure in report.failed_thresholds:
            click.echo(f"FAILED: {failure}", err=True)
        ctx.exit(1)


@eval_group.command()
@click.argument("a", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("b", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--force", is_flag=True, help="Compare runs over different test sets or corpora anyway, with a warning.")
@click.pass_context
def compare(ctx, a: Path, b: Path, as_json: bool, force: bool) -> None:
    """Whether each metric changed beyond noise between run A and run B
    (report.json files), and which cases got better, worse or flipped.

    Each change is the mean of B − A over the cases both runs scored, with a
    paired-bootstrap 95% interval and a sign test; "significant" means the
    interval excludes 0. Exits 2 when the runs asked other cases or used
    another corpus, unless --force.
    """
    from .compare import IncomparableRuns, load_report
    from .compare import compare as compare_runs

    try:
        result = compare_runs(load_report(a), load_report(b), force=force)
    except IncomparableRuns as error:
        click.echo(f"Not comparable: {error}. Use --force to compare anyway.", err=True)
        ctx.exit(2)
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    for warning in result.warnings:
        click.echo(f"WARNING: {warning}", err=True)
    click.echo(f"{'metric':<22} {'A':>8} {'B':>8} {'B − A':>8}  {'95% interval':<20} {'n':>5}  {'sign p':>7}  verdict")
    for metric, change in result.metrics.items():
        if not change.n:
            continue
        interval = f"[{_cell(change.ci_low)}, {_cell(change.ci_high)}]"
        verdict = "significant" if change.significant else "within noise"
        click.echo(
            f"{metric:<22} {_cell(change.a):>8} {_cell(change.b):>8} {_cell(change.difference):>8}  {interval:<20} "
            f"{change.n:>5}  {_cell(change.sign_test_p):>7}  {verdict}"
        )
    for metric, flipped in result.flipped.items():
        click.echo(f"\nFlipped on {metric}: {', '.join(flipped)}")
    for title, moved in (("Worse", result.worse), ("Better", result.better)):
        click.echo(f"\n{title}: {len(moved)} case(s)")
        for case in moved:
            detail = ", ".join(f"{m} {_cell(o)} → {_cell(n)}" for m, (o, n) in case.changes.items())
            click.echo(f"  {case.id}: {detail}")
    if result.only_in_a or result.only_in_b:
        click.echo(f"\nOnly in A: {', '.join(result.only_in_a) or '–'}; only in B: {', '.join(result.only_in_b) or '–'}")


@eval_group.command("export-ragas")
@click.argument("testset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def export_ragas(testset: Path, out: Path) -> None:
    """Write TESTSET in RAGAS's dataset layout (JSONL of SingleTurnSample)."""
    from .interchange import export_testset
    from .testset import load_testset

    cases = load_testset(testset)
    export_testset(cases, out)
    click.echo(f"{len(cases)} samples written to {out}")


@eval_group.command("import-ragas")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def import_ragas(source: Path, out: Path) -> None:
    """Read a RAGAS (or DeepEval) dataset and write it as our test set."""
    from .interchange import import_testset
    from .testset import save_testset

    try:
        cases = import_testset(source)
    except TestSetError as error:
        raise click.UsageError(str(error)) from None
    save_testset(cases, out)
    click.echo(f"{len(cases)} cases written to {out}")


def _cell(value) -> str:
    return "–" if value is None else f"{value:.4g}" if isinstance(value, float) else json.dumps(value)
