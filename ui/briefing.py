"""The Briefing tab: build a pack (or a quiz) for a scope, review it (keep or
drop each card, edit answers, which are re-checked for grounding, regenerate
one card), see each card's round-trip and grounding status, generate more,
and export a handout or a quiz file."""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant.api import Services
from assistant.briefing import BriefingCard, BriefingPack, ScopeError, build_briefing, recheck
from assistant.briefing.export import FORMATS, Format, export, file_name, letter

HEADERS = ["Keep", "Question", "Answer", "Options", "Kind", "Source", "Round trip", "Grounding"]


def _grounding(card: BriefingCard) -> str:
    g = card.grounding
    if g.supported == g.total:
        return f"✓ {g.supported}/{g.total} supported"
    return f"✗ no longer supported: {g.unsupported[0].reason}" if g.unsupported else "✗ not supported"


def _row(card: BriefingCard) -> list:
    first = card.citations[0]
    options = "\n".join(f"{letter(i)}. {o.text}" + (" ✓" if o.correct else "") for i, o in enumerate(card.options))
    trip = "✓ answered from this passage" if card.round_trip else "✗ not checked"
    kind = card.kind.replace("_", " ")
    return [card.status != "dropped", card.question, card.answer, options, kind, first.reference, trip, _grounding(card)]


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


def _built(svc: Services, text: str, count: int, avoid: list[str], quiz: bool) -> BriefingPack:
    try:
        return build_briefing(svc.assistant, text, count, avoid=avoid, quiz=quiz)
    except ScopeError as error:
        raise gr.Error(str(error)) from None


def _shown(cards: list[BriefingCard], message: str) -> tuple[list[list], list[dict], str]:
    """The table rows, the stored cards and the note, as the tab's outputs take them."""
    return [_row(c) for c in cards], [c.model_dump() for c in cards], message


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
            quiz = gr.Checkbox(label="Quiz (multiple choice, true/false)", elem_id="briefing-quiz", scale=1)
            build = gr.Button("Build pack", variant="primary", elem_id="briefing-build", scale=1)
            more = gr.Button("Generate more", elem_id="briefing-more", scale=1)
        table = gr.Dataframe(
            headers=HEADERS,
            datatype=["bool", "str", "str", "str", "str", "str", "str", "str"],
            type="array",
            interactive=True,
            wrap=True,
            elem_id="briefing-cards",
            column_widths=["5%", "20%", "22%", "16%", "7%", "14%", "8%", "8%"],
        )
        note = gr.Markdown(elem_id="briefing-note")
        with gr.Row():
            which = gr.Number(value=1, precision=0, minimum=1, label="Card", elem_id="briefing-which", scale=1)
            again = gr.Button("Regenerate card", elem_id="briefing-regenerate", scale=1)
            check = gr.Button("Check edits", elem_id="briefing-check")
            fmt = gr.Dropdown(list(FORMATS), value="docx", label="Format", elem_id="briefing-format")
            save = gr.Button("Export", elem_id="briefing-export")
            handout = gr.File(label="Handout", elem_id="briefing-file")

        def start(text: str, n: float, as_quiz: bool):
            pack = _built(svc, text, int(n or 8), [], as_quiz)
            return _shown(pack.cards, f"{len(pack.cards)} card(s) for **{text}**. {pack.note}")

        def extend(text: str, n: float, as_quiz: bool, rows: list[list], state: list[dict]):
            cards = _reviewed(rows, state)
            pack = _built(svc, text, int(n or 8), [c.question for c in cards], as_quiz)
            return _shown(cards + pack.cards, f"{len(pack.cards)} more card(s). {pack.note}")

        def regenerate(text: str, number: float, as_quiz: bool, rows: list[list], state: list[dict]):
            cards = _reviewed(rows, state)
            index = int(number or 1) - 1
            if not 0 <= index < len(cards):
                raise gr.Error(f"There is no card {index + 1}: the pack has {len(cards)}.")
            pack = _built(svc, text, 1, [c.question for c in cards], as_quiz)
            if not pack.cards:
                raise gr.Error(f"No other card can be made for {text}: {pack.note}")
            cards[index] = pack.cards[0]
            return _shown(cards, f"Card {index + 1} regenerated.")

        def review(rows: list[list], state: list[dict]):
            cards = _reviewed(rows, state)
            unsupported = sum(c.grounding.supported < c.grounding.total for c in cards if c.status != "dropped")
            message = (
                f"{unsupported} edited answer(s) no longer supported by their sources."
                if unsupported
                else "All kept answers are supported."
            )
            return _shown(cards, message)

        def write(rows: list[list], state: list[dict], chosen: Format, text: str):
            cards = _reviewed(rows, state)
            if not any(c.status != "dropped" for c in cards):
                raise gr.Error("No cards to export: build a pack and keep some cards.")
            folder = Path(tempfile.mkdtemp(prefix="briefing-"))
            path = folder / file_name(chosen)
            path.write_bytes(export(cards, chosen, f"Briefing: {text or 'pack'}"))
            return str(path)

        build.click(start, [scope, count, quiz], [table, pack, note])
        more.click(extend, [scope, count, quiz, table, pack], [table, pack, note])
        again.click(regenerate, [scope, which, quiz, table, pack], [table, pack, note])
        check.click(review, [table, pack], [table, pack, note])
        save.click(write, [table, pack, fmt, scope], handout)
