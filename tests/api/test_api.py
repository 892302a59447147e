"""The HTTP API against the real server process on loopback."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from .conftest import API_KEY

KEY = {"X-API-Key": API_KEY}


def ask(client, **body) -> dict:
    response = client.post("/api/ask", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_ask_answers_with_citations_and_a_conversation(client):
    answer = ask(client, question="How big is the NHS maintenance backlog?")
    assert "£12bn" in answer["answer"] and not answer["refused"]
    assert answer["citations"][0]["commitment"] == 2
    assert answer["conversation_id"] and answer["message_id"]
    assert answer["grounding"]["score"] == 1.0
    assert answer["answerability"]["verdict"] == "answered" and answer["answerability"]["kind"] == "how_much"


def test_ask_says_what_the_documents_do_not_give(client):
    partly = ask(client, question="How big is the maintenance backlog and by when will it be cleared?")
    assert partly["answerability"]["verdict"] == "partial" and not partly["refused"]
    assert any("a date" in m for m in partly["answerability"]["missing"]) and "£12bn" in partly["answer"]
    unknown = ask(client, question="What does the Long Term Plan say about Narnia?")
    assert unknown["refused"] and unknown["citations"] == []
    assert unknown["answerability"]["verdict"] == "not_covered"
    assert unknown["answer"].startswith("The documents don't mention Narnia;")


def test_a_follow_up_needs_only_the_conversation_id(client):
    first = ask(client, question="What does commitment 2 ask for?")
    follow_up = ask(client, question="and by when?", conversation_id=first["conversation_id"])
    assert follow_up["standalone_question"] == "What does commitment 2 ask for? And by when?"
    assert follow_up["conversation_id"] == first["conversation_id"]
    messages = client.get(f"/api/conversations/{first['conversation_id']}").json()
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert messages[3]["answer"]["refused"] is True
    assert messages[3]["answer"]["answerability"]["verdict"] == "not_covered"


def test_streaming_sends_the_answer_then_citations_and_grounding(client):
    events = []
    with client.stream(
        "POST", "/api/chat/stream", json={"question": "When will Integrated Care Systems cover the whole country?"}
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        name = None
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                events.append((name, json.loads(line[6:])))
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-1] == "done" and names.count("delta") >= 3
    done = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "delta") == done["answer"]
    assert "April 2021" in done["answer"] and done["citations"] and done["grounding"]["score"] == 1.0
    assert done["answerability"]["verdict"] == "answered" and done["answerability"]["kind"] == "when"
    assert events[0][1]["conversation_id"] == done["conversation_id"]


def test_documents_sections_search_and_health(client):
    documents = client.get("/api/documents").json()
    assert {d["source"] for d in documents} >= {"a-picture-of-health.txt", "oxfordshire-hib-long-term-plan-paper.txt"}
    outline = client.get("/api/documents/a-picture-of-health-summary.txt/sections").json()
    assert [e["commitment"] for e in outline if e["commitment"]] == [2, 1, 4, 3, 5]
    hits = client.get("/api/search", params={"q": "healthier food options for staff", "k": 3}).json()
    assert len(hits) == 3 and hits[0]["paragraph"] == "2.18" and hits[0]["page"] == 37
    assert {"document", "source", "section", "commitment", "chapter", "paragraph", "page", "text", "score"} <= set(hits[0])
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["documents"] >= 5
    assert client.get("/api/documents/nope.txt/sections").status_code == 404


def test_the_openapi_schema_documents_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/chat/stream", "/api/documents", "/api/search", "/api/feedback", "/v1/chat/completions"} <= set(
        paths
    )


@pytest.mark.parametrize(
    "body, status, message",
    [
        ({"question": ""}, 422, "at least 1 character"),
        ({"question": "   "}, 400, "the question is empty"),
        ({"question": "x" * 2001}, 422, "at most 2000 characters"),
        ({"question": "Hi", "conversation_id": "no-such-conversation"}, 404, "no conversation"),
        ({"history": []}, 422, "Field required"),
    ],
)
def test_bad_questions_get_a_4xx_with_a_message(client, body, status, message):
    response = client.post("/api/ask", json=body)
    assert response.status_code == status
    assert message in response.text


def test_malformed_json_is_a_4xx(client):
    response = client.post("/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_upload_needs_the_key(client):
    files = {"file": ("note.txt", b"Note\n\nThe clinic opens at 8am.\n", "text/plain")}
    assert client.post("/api/documents", files=files).status_code == 401
    assert client.post("/api/documents", files=files, headers={"X-API-Key": "wrong"}).status_code == 401
    assert client.delete("/api/documents/a-picture-of-health.txt").status_code == 401


def test_an_uploaded_document_is_ingested_answered_from_and_removable(client, server):
    text = b"Ward upgrade briefing\n\n## Beds\n\nThe Riverside ward will reopen in June 2027 with 28 beds.\n"
    response = client.post("/api/documents", files={"file": ("ward-upgrade.md", text, "text/markdown")}, headers=KEY)
    assert response.status_code == 201, response.text
    assert response.json() == {"source": "ward-upgrade.md", "status": "added", "chunks": 1, "quarantined": []}
    assert (server.data_dir / "uploads" / "ward-upgrade.md").read_bytes() == text
    answer = ask(client, question="When will the Riverside ward reopen?")
    assert "June 2027" in answer["answer"] and answer["citations"][0]["source"] == "ward-upgrade.md"
    assert client.delete("/api/documents/ward-upgrade.md", headers={"Authorization": f"Bearer {API_KEY}"}).status_code == 200
    assert "ward-upgrade.md" not in {d["source"] for d in client.get("/api/documents").json()}


@pytest.mark.parametrize(
    "name, content, status, message",
    [
        ("report.exe", b"MZ binary", 415, "unsupported file type '.exe'"),
        (".hidden.txt", b"text", 400, "unsafe or empty file name"),
        ("broken.pdf", b"%PDF-1.7 not really", 422, "unreadable PDF"),
        ("empty.txt", b"", 400, "the file is empty"),
        ("big.txt", b"a" * 600_000, 413, "larger than the 0.5 MB limit"),
    ],
)
def test_bad_uploads_are_refused_and_leave_nothing_behind(client, server, name, content, status, message):
    response = client.post("/api/documents", files={"file": (name, content, "application/octet-stream")}, headers=KEY)
    assert response.status_code == status and message in response.text
    assert name not in {d["source"] for d in client.get("/api/documents").json()}
    assert not (server.data_dir / "uploads" / name).exists()


def test_a_path_in_the_upload_name_cannot_escape_the_upload_folder(client, server):
    response = client.post(
        "/api/documents", files={"file": ("../../escape.txt", b"Escape\n\nA plain note.\n", "text/plain")}, headers=KEY
    )
    assert response.status_code == 201 and response.json()["source"] == "escape.txt"
    assert (server.data_dir / "uploads" / "escape.txt").exists()
    assert not (server.data_dir.parent / "escape.txt").exists()
    client.delete("/api/documents/escape.txt", headers=KEY)


def test_feedback_is_stored_with_the_answer(client):
    answer = ask(client, question="What is NHS IMPACT?")
    response = client.post("/api/feedback", json={"message_id": answer["message_id"], "rating": "up", "comment": "clear"})
    assert response.status_code == 201
    messages = client.get(f"/api/conversations/{answer['conversation_id']}").json()
    assert messages[1]["feedback"] == {"rating": "up", "comment": "clear"}
    assert client.post("/api/feedback", json={"message_id": "nope", "rating": "up"}).status_code == 404
    assert client.post("/api/feedback", json={"message_id": answer["message_id"], "rating": "meh"}).status_code == 422


def test_conversations_survive_a_restart(client, server):
    first = ask(client, question="Which paragraph covers the NHS Diabetes Prevention Programme?")
    server.restart()
    with httpx.Client(base_url=server.url, timeout=60) as fresh:
        follow_up = ask(fresh, question="How many people have benefited from it?", conversation_id=first["conversation_id"])
        assert follow_up["standalone_question"].startswith("Which paragraph covers the NHS Diabetes Prevention Programme?")
        assert "100,000" in follow_up["answer"]
        assert len(fresh.get(f"/api/conversations/{first['conversation_id']}").json()) == 4


QUESTIONS = {
    "How big is the NHS maintenance backlog?": "£12bn",
    "When will Integrated Care Systems cover the whole country?": "April 2021",
    "How many social prescribing link workers will be in place?": "1,000",
    "By when will all people admitted to hospital who smoke be offered tobacco treatment?": "2023/24",
    "What return does every £1 spent on healthcare bring?": "£4",
}


def test_twenty_concurrent_clients_all_get_correct_answers(server):
    questions = list(QUESTIONS) * 4

    def one(question: str) -> tuple[str, dict]:
        with httpx.Client(base_url=server.url, timeout=120) as http:
            return question, http.post("/api/ask", json={"question": question}).json()

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, questions))
    assert len(results) == 20
    for question, answer in results:
        assert QUESTIONS[question] in answer["answer"], (question, answer)
        assert answer["grounding"]["score"] == 1.0


def test_briefing_over_http_build_recheck_and_export(client):
    response = client.post("/api/briefing", json={"scope": "commitment 2", "cards": 3})
    assert response.status_code == 200, response.text
    pack = response.json()
    cards = pack["cards"]
    assert len(cards) == 3 and all(c["citations"][0]["commitment"] == 2 and c["round_trip"] for c in cards)
    assert pack["passed_round_trip"] >= 3 and pack["note"].startswith("3 of 3 card(s)")
    again = client.post("/api/briefing", json={"scope": "commitment 2", "cards": 1, "avoid": [c["question"] for c in cards]})
    assert again.json()["cards"][0]["question"] not in {c["question"] for c in cards}  # regenerating one card
    quiz = client.post("/api/briefing", json={"scope": "chapter 1", "cards": 4, "quiz": True}).json()["cards"]
    gift = client.post("/api/briefing/export", json={"cards": quiz, "format": "gift", "title": "Service model"})
    assert gift.status_code == 200 and gift.headers["content-disposition"] == 'attachment; filename="briefing.gift.txt"'
    assert "::Q01::" in gift.text
    edited = client.post("/api/briefing/recheck", json={"card": cards[0], "answer": "It costs £99bn [1]."}).json()
    assert edited["status"] == "edited" and edited["grounding"]["score"] == 0.0
    handout = client.post("/api/briefing/export", json={"cards": cards, "format": "docx", "title": "Estates"})
    assert handout.status_code == 200 and handout.content[:2] == b"PK"
    assert handout.headers["content-disposition"] == 'attachment; filename="briefing.docx"'
    assert client.post("/api/briefing", json={"scope": "the moon", "cards": 3}).status_code == 400
    assert client.post("/api/briefing", json={"scope": "commitment 2", "cards": 0}).status_code == 422


def test_an_upload_may_bring_its_metadata_and_framework(client, server):
    text = (
        b"Draft\n\nThe hospice will add six beds.\n\n"
        b"Opening new beds\n\nSix new beds will open at the Elm hospice in May 2026.\n\n"
        b"Training volunteers\n\nThe hospice will train 80 new volunteers a year.\n"
    )
    form = {
        "title": "Elm Hospice Plan 2026",
        "publisher": "Elm Hospice",
        "date": "2026-01",
        "framework_kind": "priority",
        "framework_items": "Open six new beds\nTrain more volunteers",
    }
    response = client.post("/api/documents", files={"file": ("elm.txt", text, "text/plain")}, data=form, headers=KEY)
    try:
        assert response.status_code == 201, response.text
        sidecar = server.data_dir / "uploads" / "elm.txt.meta.toml"
        assert 'title = "Elm Hospice Plan 2026"' in sidecar.read_text()
        listed = {d["source"]: d for d in client.get("/api/documents").json()}["elm.txt"]
        assert (listed["document"], listed["publisher"], listed["date"]) == ("Elm Hospice Plan 2026", "Elm Hospice", "2026-01")
        answer = ask(client, question="What does priority 2 of the Elm hospice plan say?")
        item = answer["citations"][0]["framework_item"]
        assert (item["kind"], item["number"], item["title"]) == ("priority", 2, "Train more volunteers")
    finally:
        client.delete("/api/documents/elm.txt", headers=KEY)


@pytest.mark.parametrize(
    "form, message",
    [
        ({"framework_kind": "two words", "framework_items": "A\nB"}, "kind must be one word"),
        ({"framework_kind": "priority"}, "framework.items"),
        ({"title": "x" * 301}, "title"),
    ],
)
def test_bad_metadata_is_a_422_and_leaves_nothing_behind(client, server, form, message):
    files = {"file": ("meta-bad.txt", b"Note\n\nThe clinic opens at 8am.\n", "text/plain")}
    response = client.post("/api/documents", files=files, data=form, headers=KEY)
    assert response.status_code == 422 and message in response.text
    assert not (server.data_dir / "uploads" / "meta-bad.txt").exists()
    assert not (server.data_dir / "uploads" / "meta-bad.txt.meta.toml").exists()


def test_every_citation_carries_its_documents_date_and_edition(client):
    answer = ask(client, question="By when will Integrated Care Systems cover the whole country?")
    assert answer["citations"] and all({"date", "edition"} <= citation.keys() for citation in answer["citations"])
    dates = {c["source"]: c["date"] for c in answer["citations"]}
    assert dates.get("oxfordshire-hib-long-term-plan-paper.txt", "2019-02-14") == "2019-02-14"
    assert dates.get("nhs-long-term-plan-summary.txt", "2019-01") == "2019-01"
    assert answer["sources_note"] is None  # not a question about the present


def test_a_question_about_now_says_how_old_its_sources_are(client):
    answer = ask(client, question="How big is the maintenance backlog now?")
    note = answer["sources_note"]
    assert note and "February 2024" in note and "years ago" in note and "may have changed" in note


def test_an_upload_keeps_the_date_and_edition_it_is_given(client):
    text = b"Clinic hours\n\nThe Northgate clinic opens at 7am on weekdays from May.\n"
    form = {"date": "14 March 2025", "edition": "Second edition"}
    files = {"file": ("clinic-hours.txt", text, "text/plain")}
    assert client.post("/api/documents", files=files, data=form, headers=KEY).status_code == 201
    answer = ask(client, question="When does the Northgate clinic open on weekdays?")
    cited = [c for c in answer["citations"] if c["source"] == "clinic-hours.txt"]
    assert cited and (cited[0]["date"], cited[0]["edition"]) == ("2025-03-14", "Second edition")
    listed = {d["source"]: d for d in client.get("/api/documents").json()}
    assert listed["clinic-hours.txt"]["date"] == "2025-03-14" and listed["clinic-hours.txt"]["edition"] == "Second edition"
    client.delete("/api/documents/clinic-hours.txt", headers=KEY)
    bad = client.post("/api/documents", files=files, data={"date": "whenever"}, headers=KEY)
    assert bad.status_code == 422 and "is no date" in bad.text


def test_a_conversation_exports_for_audit_with_every_answers_evidence_and_run(client):
    first = ask(client, question="How big is the maintenance backlog?")
    ask(client, question="And what caused it?", conversation_id=first["conversation_id"])
    response = client.get(f"/api/conversations/{first['conversation_id']}/audit")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    audit = response.json()
    assert [t["question"] for t in audit["turns"]] == ["How big is the maintenance backlog?", "And what caused it?"]
    answer = audit["turns"][0]["answer"]
    assert answer["citations"] and all(c["quote"] and c["text"] and c["date"] for c in answer["citations"])
    assert answer["grounding"]["total"] >= 1 and answer["answerability"]["verdict"] == "answered"
    run = audit["runs"][answer["run_id"]]
    assert {d["source"] for d in run["corpus"]} >= {"a-picture-of-health.txt"}
    assert all(len(d["sha256"]) == 64 and d["date"] for d in run["corpus"] if d["source"].endswith(".txt"))
    assert run["settings"]["answerer"] == "extractive" and run["versions"]["python"]

    readable = client.get(f"/api/conversations/{first['conversation_id']}/audit", params={"format": "md"})
    assert readable.headers["content-type"].startswith("text/markdown")
    assert "## 1. How big is the maintenance backlog?" in readable.text and f"## Run `{answer['run_id']}`" in readable.text
    page = client.get(f"/api/conversations/{first['conversation_id']}/audit", params={"format": "html"})
    assert page.headers["content-type"].startswith("text/html") and "<script" not in page.text
    assert client.get("/api/conversations/nope/audit").status_code == 404
    assert client.get(f"/api/conversations/{first['conversation_id']}/audit", params={"format": "pdf"}).status_code == 422


def test_two_documents_of_different_years_give_both_figures_with_their_dates(client):
    older = b"Riverside ward review\n\nThe Riverside ward has 28 beds for older people.\n"
    newer = b"Riverside ward update\n\nThe Riverside ward has 40 beds for older people after its extension.\n"
    for name, text, when in (("ward-2021.txt", older, "2021-05"), ("ward-2025.txt", newer, "2025-09")):
        files = {"file": (name, text, "text/plain")}
        assert client.post("/api/documents", files=files, data={"date": when}, headers=KEY).status_code == 201
    try:
        answer = ask(client, question="How many beds does the Riverside ward have?")
        assert "28 beds" in answer["answer"] and "40 beds" in answer["answer"], answer["answer"]
        assert {c["source"]: c["date"] for c in answer["citations"]} == {"ward-2021.txt": "2021-05", "ward-2025.txt": "2025-09"}
        assert answer["grounding"]["score"] == 1.0
        note = answer["sources_note"]
        assert note and "May 2021" in note and "September 2025" in note
    finally:
        for name in ("ward-2021.txt", "ward-2025.txt"):
            client.delete(f"/api/documents/{name}", headers=KEY)
