"""The Briefing tab: build a pack for a scope, review it (keep or drop each
card, edit answers, which are re-checked for grounding), generate more, and
export a handout."""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant.api import Services
from assistant.briefing import BriefingCard, ScopeError, build_briefing, recheck
from assistant.briefing.export import FORMATS, Format, export

HEADERS = ["Keep", "Question", "Answer", "Kind", "Source", "Grounding"]


def _grounding(card: BriefingCard) -> str:
    g = card.grounding
    if g.supported == g.total:
        return f"✓ {g.supported}/{g.total} supported"
    return f"✗ no longer supported: {g.unsupported[0].reason}" if g.unsupported else "✗ not supported"


def _row(card: BriefingCard) -> list:
    first = card.citations[0]
    return [card.status != "dropped", card.question, card.answer, card.kind, first.reference, _grounding(card)]


def _reviewed(rows: list[list], state: list[dict]) -> list[BriefingCard]:
    """The cards as the trainer left them: kept or dropped, answers edited and re-checked."""
    cards = []
    for row, stored in zip(rows, state, strict=False):
        card = BriefingCard.model_validate(stored)
        keep, answer = bool(row[0]), str(row[2]).strip()
        if answer and answer != card.answer:
            card = recheck(card, answer)
        status = "dropped" if not keep else ("edited" if card.status == "edited" else "accepted")
        cards.append(card.model_copy(update={"status": status}))
    return cards


def briefing_tab(svc: Services) -> None:
    with gr.Tab("Briefing"):
        gr.Markdown("Build question-and-answer cards for a briefing. Every answer is grounded and cited inside the scope.")
        pack = gr.State([])
        with gr.Row():
            scope = gr.Textbox(
                label="Scope",
                placeholder="commitment 3 · chapter 2 · a document · several, separated by commas",
                elem_id="briefing-scope",
                scale=3,
            )
            count = gr.Number(value=8, precision=0, minimum=1, maximum=50, label="Cards", elem_id="briefing-count", scale=1)
            build = gr.Button("Build pack", variant="primary", elem_id="briefing-build", scale=1)
            more = gr.Button("Generate more", elem_id="briefing-more", scale=1)
        table = gr.Dataframe(
            headers=HEADERS,
            datatype=["bool", "str", "str", "str", "str", "str"],
            type="array",
            interactive=True,
            wrap=True,
            elem_id="briefing-cards",
            column_widths=["6%", "24%", "38%", "7%", "15%", "10%"],
        )
        note = gr.Markdown(elem_id="briefing-note")
        with gr.Row():
            check = gr.Button("Check edits", elem_id="briefing-check")
            fmt = gr.Dropdown(list(FORMATS), value="docx", label="Format", elem_id="briefing-format")
            save = gr.Button("Export", elem_id="briefing-export")
            handout = gr.File(label="Handout", elem_id="briefing-file")

        def start(text: str, n: float):
            try:
                cards = build_briefing(svc.assistant, text, int(n or 8))
            except ScopeError as error:
                raise gr.Error(str(error)) from None
            return [_row(c) for c in cards], [c.model_dump() for c in cards], f"{len(cards)} card(s) for **{text}**."

        def extend(text: str, n: float, rows: list[list], state: list[dict]):
            cards = _reviewed(rows, state)
            try:
                extra = build_briefing(svc.assistant, text, int(n or 8), avoid=[c.question for c in cards])
            except ScopeError as error:
                raise gr.Error(str(error)) from None
            cards += extra
            return [_row(c) for c in cards], [c.model_dump() for c in cards], f"{len(extra)} more card(s)."

        def review(rows: list[list], state: list[dict]):
            cards = _reviewed(rows, state)
            unsupported = sum(c.grounding.supported < c.grounding.total for c in cards if c.status != "dropped")
            message = (
                f"{unsupported} edited answer(s) no longer supported by their sources."
                if unsupported
                else "All kept answers are supported."
            )
            return [_row(c) for c in cards], [c.model_dump() for c in cards], message

        def write(rows: list[list], state: list[dict], chosen: Format, text: str):
            cards = _reviewed(rows, state)
            if not any(c.status != "dropped" for c in cards):
                raise gr.Error("No cards to export: build a pack and keep some cards.")
            folder = Path(tempfile.mkdtemp(prefix="briefing-"))
            path = folder / f"briefing.{chosen}"
            path.write_bytes(export(cards, chosen, f"Briefing: {text or 'pack'}"))
            return str(path)

        build.click(start, [scope, count], [table, pack, note])
        more.click(extend, [scope, count, table, pack], [table, pack, note])
        check.click(review, [table, pack], [table, pack, note])
        save.click(write, [table, pack, fmt, scope], handout)
