"""Conversations kept server-side, in SQLite, so that a client can send only
the follow-up and a restart loses nothing.

Each assistant message stores the whole answer (citations, grounding) as
JSON; feedback is tied to the message it rates.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from .models import Answer, Turn
from .run_record import RunRecord

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    position INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    content TEXT NOT NULL,
    answer_json TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_conversation ON messages (conversation_id, position);
CREATE TABLE IF NOT EXISTS run_records (
    id TEXT PRIMARY KEY,
    record_json TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL REFERENCES messages(id),
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT,
    created_at TEXT NOT NULL
);
"""


class UnknownConversation(KeyError):
    """No conversation or message with that id."""


def _now() -> str:
    return datetime.now(UTC).isoformat()


class ConversationStore:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        with self._connect() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # One short-lived connection per call: safe across the server's threads.
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            with db:
                yield db
        finally:
            db.close()

    def start(self) -> str:
        conversation_id = uuid.uuid4().hex
        with self._connect() as db:
            db.execute("INSERT INTO conversations VALUES (?, ?)", (conversation_id, _now()))
        return conversation_id

    @staticmethod
    def _require(db: sqlite3.Connection, conversation_id: str) -> None:
        if not db.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone():
            raise UnknownConversation(conversation_id)

    def history(self, conversation_id: str) -> list[Turn]:
        with self._connect() as db:
            self._require(db, conversation_id)
            rows = db.execute(
                "SELECT role, content FROM messages WHERE conversation_id = ? ORDER BY position", (conversation_id,)
            ).fetchall()
        return [Turn(role=role, content=content) for role, content in rows]

    def record(self, conversation_id: str, question: str, answer: Answer, run: RunRecord | None = None) -> str:
        """Appends a question and its answer, and the record of the run it came
        from (kept once, however many answers name it); returns the answer's message id."""
        message_id = uuid.uuid4().hex
        with self._connect() as db:
            # Takes the write lock before reading the last position: two
            # workers appending to one conversation get consecutive places.
            db.execute("BEGIN IMMEDIATE")
            if run is not None:
                db.execute("INSERT OR IGNORE INTO run_records VALUES (?, ?, ?)", (run.id, run.model_dump_json(), _now()))
            (position,) = db.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM messages WHERE conversation_id = ?", (conversation_id,)
            ).fetchone()
            now = _now()
            db.execute(
                "INSERT INTO messages VALUES (?, ?, ?, 'user', ?, NULL, ?)",
                (uuid.uuid4().hex, conversation_id, position, question, now),
            )
            db.execute(
                "INSERT INTO messages VALUES (?, ?, ?, 'assistant', ?, ?, ?)",
                (message_id, conversation_id, position + 1, answer.answer, answer.model_dump_json(), now),
            )
        return message_id

    def messages(self, conversation_id: str) -> list[dict]:
        """The conversation as stored: each message with its id and, for
        answers, the full answer and its feedback."""
        with self._connect() as db:
            self._require(db, conversation_id)
            rows = db.execute(
                "SELECT id, role, content, answer_json FROM messages WHERE conversation_id = ? ORDER BY position",
                (conversation_id,),
            ).fetchall()
            feedback = {
                message_id: {"rating": rating, "comment": comment}
                for message_id, rating, comment in db.execute(
                    "SELECT message_id, rating, comment FROM feedback WHERE message_id IN "
                    "(SELECT id FROM messages WHERE conversation_id = ?) ORDER BY created_at",
                    (conversation_id,),
                )
            }
        return [
            {
                "id": message_id,
                "role": role,
                "content": content,
                "answer": json.loads(answer_json) if answer_json else None,
                "feedback": feedback.get(message_id),
            }
            for message_id, role, content, answer_json in rows
        ]

    def run_records(self, ids: Sequence[str]) -> dict[str, RunRecord]:
        with self._connect() as db:
            rows = db.execute(
                f"SELECT id, record_json FROM run_records WHERE id IN ({', '.join('?' * len(ids))})", tuple(ids)
            ).fetchall()
        return {run_id: RunRecord.model_validate_json(record) for run_id, record in rows}

    def add_feedback(self, message_id: str, rating: Literal["up", "down"], comment: str | None) -> str:
        with self._connect() as db:
            row = db.execute("SELECT role FROM messages WHERE id = ?", (message_id,)).fetchone()
            if not row or row[0] != "assistant":
                raise UnknownConversation(message_id)
            feedback_id = uuid.uuid4().hex
            db.execute("INSERT INTO feedback VALUES (?, ?, ?, ?, ?)", (feedback_id, message_id, rating, comment, _now()))
        return feedback_id


def answer_in_conversation(
    assistant, store: ConversationStore, question: str, conversation_id: str | None, history: Sequence[Turn] | None
) -> tuple[Answer, str, str]:
    """Answers ``question`` within a conversation and records both.

    With a ``conversation_id``, the stored history is used; without one, a new
    conversation starts from ``history`` (which may be empty). Returns the
    answer, the conversation id and the answer's message id."""
    if conversation_id:
        history = store.history(conversation_id)
    answer = assistant.ask(question, history or [])
    conversation_id = conversation_id or store.start()
    return answer, conversation_id, store.record(conversation_id, question, answer, assistant.run)
