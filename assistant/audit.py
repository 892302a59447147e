"""A conversation exported for an audit: every answer with its evidence.

For each question: the answer as shown, whether it was declined, the
answerability verdict for each part of the question, the grounding check
(how many sentences their sources support, and any sentence kept from the
user), every citation with its document, place, date, edition, the quoted
sentence and the whole passage, the feedback given, and the run record
(corpus hashes and dates, settings, models, software versions) the answer
came from. As JSON for tools, and as Markdown or HTML for people.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from pydantic import BaseModel

from .conversations import ConversationStore
from .models import Answer
from .run_record import RunRecord


class AuditTurn(BaseModel):
    message_id: str
    question: str
    answer: Answer
    feedback: dict | None


class Audit(BaseModel):
    conversation_id: str
    exported_at: str
    turns: list[AuditTurn]
    runs: dict[str, RunRecord]  # by id; each answer's ``run_id`` names one


def audit_of(store: ConversationStore, conversation_id: str) -> Audit:
    """Raises ``UnknownConversation`` for an id the store does not hold."""
    messages = store.messages(conversation_id)
    turns: list[AuditTurn] = []
    question = ""
    for message in messages:
        if message["role"] == "user":
            question = message["content"]
        elif message["answer"]:
            turns.append(
                AuditTurn(
                    message_id=message["id"],
                    question=question,
                    answer=Answer.model_validate(message["answer"]),
                    feedback=message["feedback"],
                )
            )
    wanted = {turn.answer.run_id for turn in turns if turn.answer.run_id}
    return Audit(
        conversation_id=conversation_id,
        exported_at=datetime.now(UTC).isoformat(timespec="seconds"),
        turns=turns,
        runs=store.run_records(sorted(wanted)),
    )


def audit_markdown(audit: Audit) -> str:
    lines = [
        f"# Audit of conversation {audit.conversation_id}",
        "",
        f"Exported {audit.exported_at} · {len(audit.turns)} answer(s)",
    ]
    for number, turn in enumerate(audit.turns, start=1):
        answer = turn.answer
        lines += ["", f"## {number}. {turn.question}", ""]
        if answer.standalone_question != turn.question:
            lines += [f"*Understood as:* {answer.standalone_question}", ""]
        lines += [f"**Answer** ({answer.backend}{', declined' if answer.refused else ''}):", "", _quoted(answer.answer), ""]
        g = answer.grounding
        lines.append(f"- Answerability: {answer.answerability.verdict} — {answer.answerability.summary}")
        lines.append(f"- Grounding: {g.supported}/{g.total} sentence(s) supported by their citations (score {g.score:.2f})")
        lines += [f"  - not supported: {u.sentence} — {u.reason}" for u in g.unsupported]
        if answer.fallback_reason:
            lines.append(f"- Fell back to the extractive answer: {answer.fallback_reason}")
        lines += [f"  - kept from the user: {u.sentence} — {u.reason}" for u in answer.rejected_sentences]
        if answer.sources_note:
            lines.append(f"- Note shown: {answer.sources_note}")
        if turn.feedback:
            lines.append(f"- Feedback: {turn.feedback.get('rating')} {turn.feedback.get('comment') or ''}".rstrip())
        lines.append(f"- Run: `{answer.run_id or 'not recorded'}`")
        for citation in answer.citations:
            lines += ["", f"### [{citation.n}] {citation.reference}", ""]
            lines += [f"- File: `{citation.source}`; published: {citation.dated or 'undated'}"]
            lines += ["- Quoted:", "", _quoted(citation.quote), "", "- Whole passage:", "", _quoted(citation.text)]
    for run_id, run in audit.runs.items():
        answerer = f"{run.answerer} ({run.llm_model})" if run.llm_model else run.answerer
        lines += [
            "",
            f"## Run `{run_id}`",
            "",
            f"Corpus version `{run.corpus_version}`; answerer {answerer}; embedding model {run.embedding_model}",
            "",
            "| document | file | date | edition | sha256 |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {d.document} | {d.source} | {d.date or '–'} | {d.edition or '–'} | `{d.sha256 or '–'}` |" for d in run.corpus
        ]
        lines += ["", "Settings: " + ", ".join(f"{k}={v}" for k, v in run.settings.items())]
        lines += ["", "Versions: " + ", ".join(f"{k} {v}" for k, v in run.versions.items())]
    return "\n".join(lines) + "\n"


def audit_html(audit: Audit) -> str:
    """The Markdown document as a self-contained page: every document text escaped, shown as text."""
    body = escape(audit_markdown(audit))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Audit of conversation {escape(audit.conversation_id)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto}"
        "pre{white-space:pre-wrap}</style></head>"
        f"<body><pre>{body}</pre></body></html>\n"
    )


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
