"""The ``policy-assistant`` command line.

Exit codes: 0 success; 1 ingestion skipped at least one file (the rest went
in); 2 a usage error or a request that cannot be served (the message says why).
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import click
from pydantic import ValidationError

from ingest import ManifestError
from vectorstore import EmbeddingModelError, Passage, StoreUnavailable

from .briefing.export import FORMATS, Format
from .facade import Assistant
from .library import Library, LibraryError
from .models import Answer, Turn
from .settings import Settings

_USER_ERRORS = (LibraryError, StoreUnavailable, EmbeddingModelError, ManifestError, ValidationError)


def _library(ctx: click.Context) -> Library:
    return ctx.obj


def _assistant(ctx: click.Context, backend: str | None) -> Assistant:
    library = _library(ctx)
    settings = library.settings.model_copy(update={"answerer": backend}) if backend else library.settings
    return Assistant(settings, library)


_BACKEND = click.option(
    "--backend",
    type=click.Choice(["extractive", "llm"]),
    default=None,
    help="Answerer (default: the POLICY_ASSISTANT_ANSWERER setting, extractive).",
)


def _echo_json(value) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


class _Group(click.Group):
    """Turns the errors a user can fix into a message and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except _USER_ERRORS as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(2)


@click.group(cls=_Group)
@click.version_option(package_name="policy-assistant")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Answers questions about health-policy documents, citing the exact
    commitment, plan chapter, paragraph and page.

    Settings come from POLICY_ASSISTANT_* environment variables (see README).
    """
    ctx.obj = Library(Settings())


@main.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--progress/--no-progress", default=None, help="Progress bars (default: on a terminal only).")
@click.pass_context
def ingest_command(ctx: click.Context, paths: tuple[Path, ...], progress: bool | None) -> None:
    """Index documents (default: the bundled corpus).

    PATHS are files or folders of .txt, .md, .html, .pdf and .docx files.
    Unchanged files are skipped; a changed file replaces its old chunks; a
    file that cannot be read is reported and skipped, and the exit code is 1.
    """
    report = _library(ctx).ingest(list(paths) or None, progress)
    for outcome in report.outcomes:
        if outcome.status == "skipped":
            click.echo(f"skipped    {outcome.path}: {outcome.reason}", err=True)
        else:
            click.echo(f"{outcome.status:<10} {outcome.path.name}  ({outcome.chunks} chunks)")
            if outcome.quarantined:
                click.echo(
                    f"quarantined {outcome.quarantined} passage(s) of {outcome.path.name}: text addressed to an AI system, "
                    f"never quoted; see `policy-assistant quarantined {outcome.path.name}`",
                    err=True,
                )
    counts = {
        status: sum(1 for o in report.outcomes if o.status == status) for status in ("added", "updated", "unchanged", "skipped")
    }
    click.echo(", ".join(f"{n} {status}" for status, n in counts.items()) + f" — {len(report.outcomes)} files")
    if report.skipped:
        ctx.exit(1)


@main.command()
@click.argument("document", required=False)
@click.pass_context
def quarantined(ctx: click.Context, document: str | None) -> None:
    """Show the passages held back from answers as text addressed to an AI system."""
    library = _library(ctx)
    source = library.find_document(document).source if document else None
    held = library.store.quarantined(source)
    for chunk in held:
        click.echo(f"{chunk.source} · {chunk.section}\n  {chunk.quarantine_reason}\n  > {chunk.text}\n")
    click.echo(f"{len(held)} passage(s) held back")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def documents(ctx: click.Context, as_json: bool) -> None:
    """List the indexed documents."""
    docs = _library(ctx).documents()
    if as_json:
        _echo_json([asdict(d) for d in docs])
        return
    if not docs:
        click.echo("No documents indexed yet: run `policy-assistant ingest`.")
    for d in docs:
        described = ", ".join(part for part in (d.publisher, d.date, d.kind) if part)
        click.echo(f"{d.document}\n    {d.source} — {d.chunks} chunks" + (f" — {described}" if described else ""))


@main.command()
@click.argument("document")
@click.pass_context
def remove(ctx: click.Context, document: str) -> None:
    """Take a document (a file name or title) out of the index."""
    removed = _library(ctx).remove(document)
    click.echo(f"removed    {removed.source}  ({removed.chunks} chunks)")


@main.command()
@click.argument("document", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def sections(ctx: click.Context, document: str | None, as_json: bool) -> None:
    """Show the outline of one document (a file name or title) or of all."""
    entries = _library(ctx).outline(document)
    if as_json:
        _echo_json([entry.model_dump() for entry in entries])
        return
    current = None
    for entry in entries:
        if entry.source != current:
            current = entry.source
            click.echo(f"\n{entry.document} ({entry.source})")
            items = {e.framework_item.label: None for e in entries if e.source == current and e.framework_item}
            if items:
                click.echo("  Framework: " + "; ".join(items))
        details = []
        if entry.paragraphs:
            details.append("paras " + ", ".join(entry.paragraphs))
        if entry.pages:
            details.append("p. " + ", ".join(map(str, entry.pages)))
        suffix = f"  [{'; '.join(details)}]" if details else ""
        click.echo(f"  {entry.section}  — {entry.chunks} chunk{'s' if entry.chunks != 1 else ''}{suffix}")


@main.command()
@click.argument("query", required=False)
@click.option("-k", "k", default=5, show_default=True, help="How many passages to return.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def search(ctx: click.Context, query: str | None, k: int, as_json: bool) -> None:
    """Retrieve the passages closest to QUERY.

    Without QUERY, reads one query per line from standard input until the end
    of input (an interactive search prompt on a terminal).
    """
    library = _library(ctx)
    if query is not None:
        _print_passages(library.search(query, k), as_json)
        return
    for line in _input_lines("Type a query and press Enter; Ctrl-D to quit.", "search> "):
        try:
            _print_passages(library.search(line, k), as_json)
        except LibraryError as error:
            click.echo(f"Error: {error}", err=True)


@main.command()
@click.argument("question")
@_BACKEND
@click.option("--json", "as_json", is_flag=True, help="Print the whole answer as JSON.")
@click.pass_context
def ask(ctx: click.Context, question: str, backend: str | None, as_json: bool) -> None:
    """Answer QUESTION from the documents, citing where each sentence comes from."""
    answer = _assistant(ctx, backend).ask(question)
    if as_json:
        _echo_json(answer.model_dump())
    else:
        _print_answer(answer)


@main.command()
@_BACKEND
@click.pass_context
def chat(ctx: click.Context, backend: str | None) -> None:
    """A conversation in the terminal: follow-ups ("and by when?") keep their subject."""
    assistant = _assistant(ctx, backend)
    history: list[Turn] = []
    for line in _input_lines("Ask about the documents; follow-ups are understood. Ctrl-D to quit.", "\nyou> "):
        try:
            answer = assistant.ask(line, history)
        except LibraryError as error:
            click.echo(f"Error: {error}", err=True)
            continue
        _print_answer(answer)
        history += [Turn(role="user", content=line), Turn(role="assistant", content=answer.answer)]


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes sharing the port (each loads the model; see README, 'More than one process').",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Run the server: the chat UI at /ui, the API at /api and /v1, its docs at /docs."""
    from .server import serve as run_server

    settings = _library(ctx).settings
    if workers > 1 and not settings.chroma_server:
        click.echo(
            "warning: several workers over an embedded Chroma store each hold their own copy of its vector index "
            "and do not see one another's uploads; set POLICY_ASSISTANT_CHROMA_SERVER (see docs/scale-out.md)",
            err=True,
        )
    click.echo(f"Policy Assistant: http://{host}:{port}/ui  (API docs: http://{host}:{port}/docs)")
    run_server(host, port, settings, workers)


@main.command()
@click.option(
    "--scope", required=True, help='What the pack covers: "commitment 3", "chapter 2", a document, or several joined by commas.'
)
@click.option("--cards", default=10, show_default=True, type=click.IntRange(1, 50), help="How many cards.")
@click.option("--quiz", is_flag=True, help="Multiple-choice and true/false cards, with wrong options drawn from the corpus.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@_BACKEND
@click.pass_context
def briefing(ctx: click.Context, scope: str, cards: int, quiz: bool, fmt: Format, out: Path, backend: str | None) -> None:
    """Build a briefing Q&A pack: grounded, cited cards for a scope, as a handout.

    Every card's question is asked back to the assistant with no scope and
    kept only when it is answered from the card's own passage. --format md or
    docx writes a printable handout (docx: question sheet, then answer
    sheet), csv a table, json the cards with their citations, quote and
    checks, jsonl an evaluation test set, moodle (XML) and gift a quiz for a
    learning platform, apkg an Anki deck."""
    from .briefing import ScopeError, build_briefing
    from .briefing.export import export

    assistant = _assistant(ctx, backend)
    rewording = None
    if assistant.settings.answerer == "llm":
        from .briefing.llm_questions import llm_rewording

        rewording = llm_rewording(assistant.settings)
    try:
        pack = build_briefing(assistant, scope, cards, rewording=rewording, quiz=quiz)
    except ScopeError as error:
        raise LibraryError(str(error)) from None
    out.write_bytes(export(pack.cards, fmt, f"Briefing: {scope}"))
    click.echo(f"{len(pack.cards)} card(s) written to {out}")
    click.echo(pack.note, err=True)


def _register_eval() -> None:
    """The evaluation harness lives in ``evals``; the command is added here so
    that ``policy-assistant eval`` sits beside the others."""
    from evals.cli import eval_group

    main.add_command(eval_group)


def _input_lines(greeting: str, prompt: str) -> Iterator[str]:
    """Non-blank lines from standard input; greeting and prompt on a terminal only."""
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo(greeting)
    while True:
        if interactive:
            click.echo(prompt, nl=False)
        line = sys.stdin.readline()
        if not line:
            return
        if line.strip():
            yield line.strip()


def _print_answer(answer: Answer) -> None:
    for line in answer.answer.splitlines():
        click.echo(textwrap.fill(line, 100, subsequent_indent="  " if line.startswith("- ") else ""))
    if answer.standalone_question != answer.question:
        click.echo(f"  (understood as: {answer.standalone_question})")
    for citation in answer.citations:
        click.echo(f"  [{citation.n}] {citation.reference}")
    if answer.sources_note:
        click.echo(textwrap.fill(f"Note: {answer.sources_note}", 100, initial_indent="  ", subsequent_indent="  "))
    grounding = answer.grounding
    note = f"{answer.answerability.summary} · grounded: {grounding.supported}/{grounding.total} sentences supported · {answer.backend}"
    if answer.fallback_reason:
        note += f" (fell back: {answer.fallback_reason})"
    click.echo(f"  {note}")


def _print_passages(passages: list[Passage], as_json: bool) -> None:
    if as_json:
        _echo_json([passage.model_dump() for passage in passages])
        return
    for rank, p in enumerate(passages, start=1):
        click.echo(f"{rank}. [{p.score:.2f}] {p.document}\n   {p.location}")
        click.echo(textwrap.indent(textwrap.fill(p.text, 100, max_lines=4, placeholder=" …"), "   "))
    click.echo()


_register_eval()
