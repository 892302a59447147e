"""``policy-assistant eval``: run a test set, gate on thresholds, compare
runs, and move sets to and from RAGAS's layout."""

from __future__ import annotations

import json
import re
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
@click.option(
    "--judge",
    is_flag=True,
    help="Also score the claim metrics (judge_*) with the LLM endpoint from settings as the judge.",
)
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
    llm_judge = None
    if judge:
        from .judge import SupportJudge

        llm_judge = SupportJudge(settings)
    report = run_testset(cases, Assistant(settings, library), testset.name, progress, llm_judge)
    report = check_thresholds(report, floors, ceilings)
    click.echo(f"\n{len(report.cases)} cases, backend {report.backend}")
    for metric, value in report.summary.items():
        mark = ""
        if metric in floors or metric in ceilings:
            missed = any(f.startswith(f"{metric} ") for f in report.failed_thresholds)
            mark = "  ✗ threshold missed" if missed else "  ✓"
        click.echo(f"  {metric:<22} {value.shown(4 if 'latency' not in metric else 2)}{mark}")
    if report.judge_check:
        click.echo(("" if report.judge_check.trusted else "WARNING: ") + f"LLM judge check: {report.judge_check.note}.")
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


@eval_group.command("grounding")
@click.argument("pairs", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--judge", is_flag=True, help="Also score the LLM judge at the endpoint from settings.")
@click.option(
    "--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the scorecards here (.json or .md)."
)
@click.option("--min-precision", type=float, help="Fail (exit 1) when the lexical check's precision is below this.")
@click.option("--min-recall", type=float, help="Fail (exit 1) when the lexical check's recall is below this.")
@click.pass_context
def grounding(ctx, pairs: tuple[Path, ...], judge: bool, report_path: Path | None, min_precision, min_recall) -> None:
    """Score the grounding check on labelled (sentence, passage) pairs:
    precision and recall for "not supported", with intervals, the confusion
    matrix and every pair it got wrong. PAIRS are JSONL files (default: the
    bundled dev and test splits in evals/grounding/)."""
    from .grounding_pairs import HERE, load_pairs
    from .grounding_scorecard import lexical_verdict, llm_verdict, scorecard, scorecard_markdown

    files = list(pairs) or [HERE / "dev.jsonl", HERE / "test.jsonl"]
    cards = []
    for path in files:
        labelled = load_pairs(path)
        cards.append((path.name, scorecard(labelled, lexical_verdict, "lexical")))
        if judge:
            settings = ctx.obj.settings
            cards.append((path.name, scorecard(labelled, llm_verdict(settings), f"llm:{settings.llm_model}")))
    for name, card in cards:
        click.echo(scorecard_markdown(card, name))
        for miss in card.misses[:10]:
            click.echo(f"  wrong: {miss.kind} ({miss.label}, judged {miss.given}): {miss.sentence[:100]}")
        click.echo("")
    if report_path:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        if report_path.suffix == ".md":
            report_path.write_text("".join(scorecard_markdown(card, name) + "\n" for name, card in cards), encoding="utf-8")
        else:
            report_path.write_text(json.dumps({name + ":" + card.judge: card.model_dump() for name, card in cards}, indent=2))
    failed = [
        f"{name}: {what} {value} is below {floor}"
        for name, card in cards
        if card.judge == "lexical"
        for what, value, floor in (("precision", card.precision.value, min_precision), ("recall", card.recall.value, min_recall))
        if floor is not None and (value is None or value < floor)
    ]
    for failure in failed:
        click.echo(f"FAILED: {failure}", err=True)
    if failed:
        ctx.exit(1)


@eval_group.command("label")
@click.argument("questions", nargs=-1, required=True)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="JSONL file the labelled pairs are added to."
)
@click.pass_context
def label(ctx, questions: tuple[str, ...], out: Path) -> None:
    """Label real answers: each QUESTION is asked, and each sentence of its
    answer is shown with the passage it cites, to be labelled supported (s),
    not supported (n) or skipped (k), with why. Labelled pairs are added to
    OUT, ready for `eval grounding OUT`."""
    import hashlib

    from assistant import Assistant
    from assistant.sentences import marks_of, split_sentences, without_marks

    from .grounding_pairs import LabelledPair

    assistant = Assistant(ctx.obj.settings, ctx.obj)
    added = 0
    with out.open("a", encoding="utf-8") as sink:
        for question in questions:
            answer = assistant.ask(question)
            cited = {c.n: c for c in answer.citations}
            click.echo(f"\nQ: {question}")
            for sentence in split_sentences(answer.answer):
                claim = without_marks(sentence)
                for n in marks_of(sentence):
                    if n not in cited:
                        continue
                    click.echo(f"\nSentence: {claim}\nPassage [{n}] ({cited[n].reference}):\n{cited[n].text}\n")
                    choice = click.prompt("Supported? (s)upported, (n)ot supported, s(k)ip", type=click.Choice(["s", "n", "k"]))
                    if choice == "k":
                        continue
                    why = click.prompt("Why", default="", show_default=False)
                    digest = hashlib.sha1(f"{claim}:{cited[n].source}:{cited[n].position}".encode()).hexdigest()[:10]
                    pair = LabelledPair(
                        id=f"labelled-{digest}",
                        sentence=claim,
                        passage=cited[n].text,
                        source=cited[n].source,
                        label="supported" if choice == "s" else "not_supported",
                        kind="labelled",
                        why=why or "labelled by an evaluator",
                    )
                    sink.write(pair.model_dump_json() + "\n")
                    added += 1
    click.echo(f"{added} labelled pair(s) added to {out}")


@eval_group.command("generate")
@click.option("--scope", required=True, help='Where the cases come from: "chapter 3", "commitment 2; commitment 4", a document…')
@click.option("--cases", "count", type=click.IntRange(1, 50), default=10, show_default=True, help="Answerable cases.")
@click.option(
    "--unanswerable",
    type=click.IntRange(0, 50),
    default=3,
    show_default=True,
    help="Near misses: questions about what the scope names that no passage of the corpus answers.",
)
@click.option(
    "--partial",
    type=click.IntRange(0, 50),
    default=2,
    show_default=True,
    help="Partly answerable cases: an answerable question with a second part no passage answers.",
)
@click.option(
    "--avoid",
    "avoid_set",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A test set whose questions are not to be proposed again.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="JSONL file of proposed cases.")
@click.pass_context
def generate(ctx, scope: str, count: int, unanswerable: int, partial: int, avoid_set: Path | None, out: Path) -> None:
    """Propose test cases from SCOPE. Answerable ones come from the briefing
    builder's question-making: each a question asked back and answered from
    its own passage, with its reference, reference contexts, sections and key
    facts. Unanswerable and partial ones ask about things the scope names for
    what no passage of the corpus gives (see evals/near_misses.py); each says
    why. Review or edit them, then add the ones you accept with
    `eval accept OUT TESTSET`."""
    from assistant import Assistant
    from assistant.briefing import ScopeError, build_briefing
    from assistant.briefing.export import export
    from assistant.briefing.scope import parse_scope

    from .near_misses import decline_rows, near_misses, partial_rows
    from .testset import load_testset

    library = ctx.obj
    avoid = [case.user_input for case in load_testset(avoid_set)] if avoid_set else []
    try:
        pack = build_briefing(Assistant(library.settings, library), scope, count, avoid=avoid)
        held = parse_scope(scope, library)
    except ScopeError as error:
        raise click.UsageError(str(error)) from None
    title = f"proposed {scope}"
    prefix = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    answerable = [json.loads(line) for line in export(pack.cards, "jsonl", title).decode().splitlines()]
    for row in answerable:
        row["tags"] = [*row["tags"], "proposed"]
    corpus = library.store.chunks()
    in_scope = [chunk for chunk in corpus if held.holds(chunk)]
    misses = near_misses(in_scope, corpus, unanswerable, [row["user_input"] for row in answerable], avoid)
    rests_on = [(row, card.kind, [c.text for c in card.citations]) for row, card in zip(answerable, pack.cards, strict=True)]
    rows = answerable + decline_rows(misses, prefix) + partial_rows(rests_on, corpus, partial, prefix)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    declines = sum(not row.get("answerable", True) for row in rows)
    partly = sum(row.get("answerability") == "partial" for row in rows)
    click.echo(
        f"{len(rows)} proposed case(s) written to {out}: {len(answerable)} answerable, {declines} to decline,"
        f" {partly} partly answerable. {pack.note}"
    )
    if declines < unanswerable or partly < partial:
        click.echo("Fewer near misses than asked: the scope names few things the corpus says nothing more about.")


@eval_group.command("accept")
@click.argument("proposed", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("testset", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "ids", multiple=True, help="Accept only these cases (repeatable); default: all of PROPOSED.")
def accept(proposed: Path, testset: Path, ids: tuple[str, ...]) -> None:
    """Add the accepted cases of PROPOSED (as reviewed and edited) to TESTSET,
    refusing a case that is malformed or whose id the set already has."""
    from .testset import load_testset

    try:
        cases = load_testset(proposed)
        existing = load_testset(testset) if testset.exists() and testset.stat().st_size else []
    except TestSetError as error:
        raise click.UsageError(str(error)) from None
    chosen = [c for c in cases if not ids or c.id in ids]
    unknown = set(ids) - {c.id for c in cases}
    if unknown:
        raise click.UsageError(f"no proposed case has the id(s) {', '.join(sorted(unknown))}")
    clashes = {c.id for c in chosen} & {c.id for c in existing}
    if clashes:
        raise click.UsageError(f"{testset} already has case id(s) {', '.join(sorted(clashes))}: rename them in {proposed}")
    with testset.open("a", encoding="utf-8") as sink:
        for case in chosen:
            sink.write(case.model_dump_json(exclude_defaults=True) + "\n")
    click.echo(f"{len(chosen)} case(s) added to {testset}")


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
