"""`serve --workers 2` over a real `chroma run` server: both worker processes
answer, each follows a document uploaded through the other (the corpus
version), and a conversation continued across them stays in order."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from assistant import Library, Settings
from tests.api.conftest import API_KEY, RunningServer

NOTE = (
    b"Quayside wellbeing note\n\nZephyrine clinics\n\n"
    b"The Quayside board will open three Zephyrine clinics for long covid by March 2027.\n"
)
QUESTION = "How many Zephyrine clinics will the Quayside board open?"


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _workers(parent: int) -> list[int]:
    """The worker processes uvicorn spawned (not its resource tracker)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [int(pid) for pid in children if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()]


@pytest.fixture(scope="module")
def workers(chroma_server, embeddings, tmp_path_factory):
    shared = {"chroma_server": chroma_server, "collection": "two_workers"}
    Library(Settings(**shared), embeddings=embeddings).ingest(progress=False)
    data = tmp_path_factory.mktemp("workers-data")
    server = RunningServer(data, data, workers=2, **shared, corpus_check_seconds="0")
    server.start()
    yield server
    server.stop()


def _ask(url: str, question: str, conversation_id: str | None = None) -> dict:
    with httpx.Client(base_url=url, timeout=120) as http:  # a new connection each time
        response = http.post("/api/ask", json={"question": question, "conversation_id": conversation_id})
        response.raise_for_status()
        return response.json()


def test_both_workers_follow_an_upload_made_through_either(workers):
    pids = _workers(workers.process.pid)
    assert len(pids) == 2
    upload = httpx.post(
        f"{workers.url}/api/documents",
        files={"file": ("quayside.txt", NOTE, "text/plain")},
        headers={"X-API-Key": API_KEY},
        timeout=120,
    )
    assert upload.status_code == 201, upload.text
    before = {pid: _cpu_ticks(pid) for pid in pids}

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: _ask(workers.url, QUESTION), range(40)))

    assert all(pid_ticks > before[pid] for pid, pid_ticks in ((pid, _cpu_ticks(pid)) for pid in pids)), "one worker idled"
    for answer in answers:
        assert "three" in answer["answer"] and answer["citations"][0]["source"] == "quayside.txt", answer["answer"]

    removed = httpx.delete(f"{workers.url}/api/documents/quayside.txt", headers={"X-API-Key": API_KEY}, timeout=60)
    assert removed.status_code == 200, removed.text
    with ThreadPoolExecutor(max_workers=8) as pool:
        after = list(pool.map(lambda _: _ask(workers.url, QUESTION), range(20)))
    assert not any(c["source"] == "quayside.txt" for answer in after for c in answer["citations"])


def test_a_conversation_continued_across_workers_stays_in_order(workers):
    first = _ask(workers.url, "What does the Long Term Plan say about social prescribing link workers?")
    conversation = first["conversation_id"]
    follow_ups = ["How many will there be?", "What does paragraph 2.18 say?", "And what about hospital food?"]
    answers = [_ask(workers.url, question, conversation) for question in follow_ups]
    assert "1,000" in answers[0]["answer"]  # the history reached whichever worker took the follow-up
    stored = httpx.get(f"{workers.url}/api/conversations/{conversation}", timeout=30).json()
    assert [m["content"] for m in stored if m["role"] == "user"] == [first["question"], *follow_ups]
    assert [m["role"] for m in stored] == ["user", "assistant"] * 4
