"""The chat UI (Gradio), mounted at /ui by the server.

Tabs: **Ask** (chat with streamed answers and follow-ups; the sources of the
latest answer as chips; a panel with the passage a chip points to, quoted
sentences highlighted; a grounding badge; feedback; a copy box),
**Briefing** (``ui/briefing.py``) and **Documents** (what is indexed, each document's outline, upload with the
API key). Everything goes through the Assistant facade and the conversation
store; nothing here retrieves or cites on its own.
"""

from __future__ import annotations

import tempfile
import time
from html import escape
from pathlib import Path
from typing import Literal

import gradio as gr

from assistant.api import Services, key_matches, text_pieces
from assistant.audit import audit_markdown, audit_of
from assistant.conversations import UnknownConversation, answer_in_conversation
from assistant.library import LibraryError
from assistant.models import Answer
from assistant.uploads import UploadRejected, add_document, metadata_from_form
from assistant.write_guard import KEY_COOKIE
from ingest.dates import spoken_date

from .briefing import briefing_tab
from .sources import answer_badge, chip_label, source_panel

EXAMPLES = [
    "How big is the NHS maintenance backlog?",
    "What are the actions for commitment 3?",
    "By when will all people admitted to hospital who smoke be offered tobacco treatment?",
    "What does chapter 6 of the Long Term Plan say about financial balance?",
    "Who is the chief executive of NHS Providers?",
]
UI_CSS = """
.pa-badge { padding: .5em .8em; border-radius: .5em; font-weight: 600; }
.pa-dated { margin-top: .4em; padding: .4em .8em; border-left: 4px solid #f9a825; background: #fff8e1; }
.pa-grounded { background: #e6f4ea; color: #1e6b34; }
.pa-partial { background: #fff4e5; color: #8a4b00; }
.pa-declined { background: #eef1f5; color: #394452; }
.pa-source dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: 0 0 .8em; }
.pa-source dt { font-weight: 600; }
.pa-source blockquote { margin: 0; padding: .6em .9em; border-left: 4px solid #4063d8; background: #f7f8fb; white-space: normal; }
.pa-source mark { background: #ffe58a; padding: 0 .1em; }
#sources label { border-radius: 999px !important; }
"""
_STREAM_DELAY = 0.02  # seconds between pieces: enough for the eye to see the answer arrive
_NO_SOURCE = '<p id="no-source">Click a source to see the passage it rests on.</p>'
_NOT_COVERED = '<p id="no-source">This answer cites nothing: the documents don\'t cover the question.</p>'


def build_ui(svc: Services) -> gr.Blocks:
    with gr.Blocks(title="Policy Assistant") as ui:
        gr.Markdown("## Policy Assistant\nAnswers from health-policy documents. Every answer cites where it came from.")
        conversation = gr.State(None)  # conversation id
        latest = gr.State(None)  # the latest answer, dumped, with its message id
        with gr.Tab("Ask"):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="Conversation", height=440, elem_id="chat", buttons=["copy"])
                    question = gr.Textbox(
                        placeholder="Ask about the NHS Long Term Plan or A picture of health…",
                        show_label=False,
                        elem_id="question",
                        max_length=2000,
                        submit_btn="Ask",
                    )
                    gr.Examples(EXAMPLES, inputs=question, label="Try one of these")
                    badge = gr.HTML(elem_id="grounding")
                    chips = gr.Radio(label="Sources — click one to see the passage", choices=[], elem_id="sources")
                    with gr.Row():
                        thumbs_up = gr.Button("👍 Helpful", elem_id="thumbs-up", size="sm")
                        thumbs_down = gr.Button("👎 Not helpful", elem_id="thumbs-down", size="sm")
                        restart = gr.Button("New conversation", size="sm")
                        export_audit = gr.Button("Export audit", size="sm", elem_id="export-audit")
                    feedback_note = gr.Markdown(elem_id="feedback-note")
                    audit_files = gr.File(
                        label="Audit of this conversation (JSON and Markdown)",
                        file_count="multiple",
                        interactive=False,
                        visible=False,
                        elem_id="audit-files",
                    )
                    copy_box = gr.Textbox(
                        label="Answer with citations", lines=4, interactive=False, buttons=["copy"], elem_id="copy-box"
                    )
                with gr.Column(scale=2):
                    panel = gr.HTML(_NO_SOURCE, elem_id="source-panel")

            def ask(text: str, history: list, conversation_id: str | None):
                text = (text or "").strip()
                if not text:
                    raise gr.Error("Type a question first.")
                history = [*history, {"role": "user", "content": text}, {"role": "assistant", "content": ""}]
                # The previous answer's badge, sources and passage go at once: nothing shown may belong to another answer.
                yield history, "", "", gr.update(choices=[], value=None), "", conversation_id, None, _NO_SOURCE
                try:
                    answer, conversation_id, message_id = answer_in_conversation(
                        svc.assistant, svc.conversations, text, conversation_id, None
                    )
                except (LibraryError, UnknownConversation) as error:
                    raise gr.Error(str(error)) from None
                shown = ""
                for piece in text_pieces(answer.answer):
                    shown += piece
                    history[-1] = {"role": "assistant", "content": escape(shown)}
                    yield history, "", gr.update(), gr.update(), "", conversation_id, None, gr.update()
                    time.sleep(_STREAM_DELAY)
                chip_choices = [(chip_label(c), c.n) for c in answer.citations]
                first = answer.citations[0] if answer.citations else None
                yield (
                    history,
                    "",
                    answer_badge(answer),
                    gr.update(choices=chip_choices, value=first.n if first else None),
                    answer.with_sources(),
                    conversation_id,
                    {**answer.model_dump(), "message_id": message_id},
                    source_panel(first) if first else _NOT_COVERED,
                )

            outputs = [chatbot, question, badge, chips, copy_box, conversation, latest, panel]
            question.submit(ask, [question, chatbot, conversation], outputs)

            def show_source(n: int | None, current: dict | None):
                if n is None or not current:
                    return gr.update()
                answer = Answer.model_validate(current)
                citation = next((c for c in answer.citations if c.n == n), None)
                return source_panel(citation) if citation else gr.update()

            chips.change(show_source, [chips, latest], panel)

            def rate(rating: Literal["up", "down"]):
                def handler(current: dict | None):
                    if not current:
                        return "Ask a question first."
                    svc.conversations.add_feedback(current["message_id"], rating, None)
                    return "Thanks — your feedback was saved with this answer."

                return handler

            def export(conversation_id: str | None):
                """The conversation with every answer's evidence and run record, as JSON and Markdown files."""
                if not conversation_id:
                    raise gr.Error("Ask a question first: there is no conversation to export yet.")
                try:
                    audit = audit_of(svc.conversations, conversation_id)
                except UnknownConversation as error:
                    raise gr.Error(f"no conversation {error}") from None
                folder = Path(tempfile.mkdtemp(prefix="audit-"))
                json_path, md_path = folder / f"audit-{conversation_id}.json", folder / f"audit-{conversation_id}.md"
                json_path.write_text(audit.model_dump_json(indent=2), encoding="utf-8")
                md_path.write_text(audit_markdown(audit), encoding="utf-8")
                return gr.update(value=[str(json_path), str(md_path)], visible=True)

            export_audit.click(export, conversation, audit_files)
            thumbs_up.click(rate("up"), latest, feedback_note)
            thumbs_down.click(rate("down"), latest, feedback_note)
            restart.click(
                lambda: ([], None, None, "", gr.update(choices=[], value=None), "", _NO_SOURCE),
                None,
                [chatbot, conversation, latest, badge, chips, copy_box, panel],
            )

        briefing_tab(svc)

        with gr.Tab("Documents"):
            documents = gr.Dataframe(
                headers=["Title", "File", "Publisher", "Date", "Kind", "Chunks", "Held back"],
                interactive=False,
                elem_id="documents",
                wrap=True,
                column_widths=["32%", "22%", "16%", "9%", "11%", "5%", "5%"],
            )
            pick = gr.Dropdown(label="Show the outline of", choices=[], elem_id="outline-of")
            outline = gr.Dataframe(
                headers=["Section", "Framework item", "Paragraphs", "Pages", "Chunks"],
                interactive=False,
                wrap=True,
                column_widths=["45%", "25%", "14%", "9%", "7%"],
            )
            framework_note = gr.Markdown(elem_id="framework-of")
            with gr.Accordion("Add a document (needs the API key)", open=False):
                key = gr.Textbox(label="API key", type="password")
                with gr.Row():
                    meta_title = gr.Textbox(label="Title (optional)", elem_id="meta-title")
                    meta_publisher = gr.Textbox(label="Publisher (optional)")
                    meta_date = gr.Textbox(label="Date (optional)", placeholder="2025-03")
                    meta_edition = gr.Textbox(label="Edition (optional)", placeholder="Second edition, summary…")
                    meta_kind = gr.Textbox(label="Kind (optional)", placeholder="strategy, board paper…")
                with gr.Row():
                    meta_framework_kind = gr.Textbox(
                        label="Framework item noun (optional)",
                        placeholder="priority, aim, objective…",
                        elem_id="meta-framework-kind",
                    )
                    meta_framework_items = gr.Textbox(
                        label="Framework items, one per line, item 1 first (optional)", lines=3, elem_id="meta-framework-items"
                    )
                gr.Markdown("Fill these in before choosing the file; they win over what the file itself says.")
                upload = gr.File(
                    label="PDF, Word, HTML, Markdown or text",
                    file_types=[".pdf", ".docx", ".html", ".htm", ".md", ".txt"],
                    elem_id="upload",
                )
                upload_note = gr.Markdown(elem_id="upload-note")

            def list_documents():
                docs = svc.assistant.library.documents()
                rows = [
                    [
                        d.document,
                        d.source,
                        d.publisher or "",
                        spoken_date(d.date) or "",
                        d.kind or "",
                        d.chunks,
                        d.quarantined or "",
                    ]
                    for d in docs
                ]
                return rows, gr.update(choices=[(d.document, d.source) for d in docs])

            def show_outline(source: str | None):
                if not source:
                    return [], ""
                entries = svc.assistant.library.outline(source)
                items = list(dict.fromkeys(e.framework_item.label for e in entries if e.framework_item))
                note = (
                    ("**Framework:** " + "; ".join(escape(item) for item in items)) if items else "*No numbered framework found.*"
                )
                return [
                    [
                        e.section,
                        e.framework_item.label if e.framework_item else "",
                        ", ".join(e.paragraphs),
                        ", ".join(map(str, e.pages)),
                        e.chunks,
                    ]
                    for e in entries
                ], note

            def add(file_path: str | None, given_key: str, *metadata: str):
                """Returns the documents, the outline choices, a note, and an emptied upload box."""
                if not file_path:
                    return gr.update(), gr.update(), "", None
                if not key_matches(given_key, svc.settings.api_key):
                    return gr.update(), gr.update(), "**Not added:** a valid API key is needed to add documents.", None
                try:
                    given = metadata_from_form(*metadata)
                    result = add_document(svc.assistant, Path(file_path).name, Path(file_path).read_bytes(), given)
                except UploadRejected as error:
                    return gr.update(), gr.update(), f"**Not added:** {escape(str(error))}", None
                rows, choices = list_documents()
                note = f"**{escape(result.source)}** {result.status} ({result.chunks} chunks)."
                if result.quarantined:
                    note += (
                        f" **{len(result.quarantined)} passage(s) held back**: text addressed to an AI system, never quoted"
                        f" in answers (see `policy-assistant quarantined {escape(result.source)}`)."
                    )
                return rows, choices, note, None

            # Gradio stores an uploaded file before any handler runs; its upload route checks this
            # cookie (assistant/write_guard.py), so the key is needed before the file is sent.
            key.change(
                None,
                key,
                None,
                js=f"(k) => {{ document.cookie = '{KEY_COOKIE}=' + encodeURIComponent(k) + '; path=/ui; SameSite=Strict'; }}",
            )
            pick.change(show_outline, pick, [outline, framework_note])
            metadata_fields = [
                meta_title,
                meta_publisher,
                meta_date,
                meta_edition,
                meta_kind,
                meta_framework_kind,
                meta_framework_items,
            ]
            upload.upload(add, [upload, key, *metadata_fields], [documents, pick, upload_note, upload])
            ui.load(list_documents, None, [documents, pick])
    return ui
