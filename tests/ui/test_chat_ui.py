"""The chat UI in a real browser: ask, watch the answer stream in, click a
citation, read the highlighted passage. Screenshots go to test-output/.

(`wait_until="networkidle"` never settles on a Gradio page: the tests wait
for elements instead.)"""

from __future__ import annotations

import re

from .conftest import screenshot

QUESTION = "How big is the NHS maintenance backlog?"


def ask(page, question: str) -> None:
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")


def test_ask_see_the_streamed_answer_click_a_citation_see_the_passage(page):
    assert page.url.endswith("/ui/")
    ask(page, QUESTION)
    chat = page.locator("#chat")
    # The answer arrives in pieces: first part of it, before the grounding badge appears.
    page.wait_for_function("document.querySelector('#chat').innerText.includes('Tight operational')")
    page.locator("#grounding-state").wait_for()
    assert "£12bn [1]" in chat.inner_text()
    badge = page.locator("#grounding-state")
    assert badge.get_attribute("data-verdict") == "answered"
    assert "Answers the question — every sentence quoted from its source" in badge.inner_text()

    chip = page.locator("#sources label").first
    # The chip names the document with its date: a 2019 figure is not today's.
    assert chip.inner_text().startswith(
        "[1] A picture of health: delivering the next generation NHS (February 2024) — Commitment 2"
    )
    # The first source is shown at once; clicking another shows that one.
    page.locator("#source-passage mark").first.wait_for()
    if page.locator("#sources label").count() > 1:
        shown = page.locator("#source-passage").inner_text()
        page.locator("#sources label").nth(1).click()
        page.wait_for_function("text => document.querySelector('#source-passage').innerText !== text", arg=shown)
        chip.click()
    highlighted = page.locator("#source-passage mark").first
    highlighted.wait_for()
    assert "£12bn" in highlighted.inner_text()
    panel = page.locator("#source-passage").inner_text()
    assert "Commitment 2: Build a new infrastructure programme for the NHS" in panel
    assert "a-picture-of-health.txt" in panel and "February 2024" in panel
    assert "Sources:" in page.locator("#copy-box textarea").input_value()
    print(f"screenshot: {screenshot(page, 'ui-answer-and-source')}")


def test_a_question_the_documents_do_not_cover_is_shown_as_such_and_clears_the_last_sources(page):
    ask(page, QUESTION)
    page.locator("#source-passage mark").first.wait_for()
    ask(page, "What is the weather in Paris tomorrow?")
    page.locator("#grounding-state[data-verdict='not_covered']").wait_for()
    state = page.locator("#grounding-state")
    assert "Not covered by the documents" in state.inner_text()
    assert "The documents don't mention Paris" in page.locator("#chat").inner_text()
    assert page.locator("#sources label").count() == 0
    assert page.locator("#source-passage").count() == 0  # the previous answer's passage is gone
    screenshot(page, "ui-declined")


def test_a_partly_answered_question_says_what_is_missing(page):
    ask(page, "How big is the maintenance backlog and by when will it be cleared?")
    page.locator("#grounding-state[data-verdict='partial']").wait_for()
    assert "Partly answered: the documents don't give a date" in page.locator("#grounding-state").inner_text()
    chat = page.locator("#chat").inner_text()
    assert "£12bn" in chat and "The documents don't give a date" in chat
    screenshot(page, "ui-partial")


def test_follow_ups_and_feedback(page, client):
    ask(page, "What does commitment 2 ask for?")
    page.locator("#grounding-state").wait_for()
    ask(page, "and by when?")
    page.locator("#grounding-state[data-verdict='not_covered']").wait_for()
    assert "The documents don't give a date" in page.locator("#chat").inner_text()
    page.locator("#thumbs-up").click()
    page.wait_for_function("document.querySelector('#feedback-note').innerText.includes('saved')")


def test_the_document_browser_shows_outlines(page):
    page.get_by_role("tab", name="Documents").click()
    page.locator("#documents").get_by_text("a-picture-of-health-summary.txt").wait_for()
    page.locator("#outline-of input").click()
    page.get_by_role("option", name="A picture of health: delivering the next generation NHS (summary)").click()
    page.get_by_text("Commitment 4: Champion a culture of openness, improvement and innovation").first.wait_for()
    framework = page.locator("#framework-of").inner_text()
    assert framework.startswith("Framework:") and "Commitment 5: Provide care in the right place at the right time" in framework
    screenshot(page, "ui-documents")


def test_document_text_is_shown_as_text_never_as_html(page, client):
    from tests.api.conftest import API_KEY

    hostile = b"Markup test\n\nThe Larkspur clinic <span style='color:red'>opens</span> on Mondays <img src=x onerror=alert(1)> at nine.\n"
    response = client.post(
        "/api/documents", files={"file": ("markup-test.txt", hostile, "text/plain")}, headers={"X-API-Key": API_KEY}
    )
    assert response.status_code == 201, response.text
    try:
        page.reload()
        page.locator("#question textarea").wait_for()
        ask(page, "When does the Larkspur clinic open?")
        page.locator("#grounding-state").wait_for()
        page.locator("#sources label").first.click()
        page.locator("#source-passage mark").first.wait_for()
        shown = page.locator("#source-passage").inner_text()
        assert "<span style='color:red'>opens</span>" in shown and "<img src=x onerror=alert(1)>" in shown
        assert page.locator("#source-passage span, #source-passage img").count() == 0
        assert page.locator("#chat img").count() == 0
    finally:
        client.delete("/api/documents/markup-test.txt", headers={"X-API-Key": API_KEY})


def test_upload_from_the_document_browser_needs_the_key(page, client, tmp_path):
    from tests.api.conftest import API_KEY

    note = tmp_path / "ui-upload-note.md"
    note.write_text("# Clinic hours\n\nThe Foxglove clinic opens at 7am on weekdays.\n")
    page.get_by_role("tab", name="Documents").click()
    page.get_by_text("Add a document (needs the API key)").click()
    upload = page.locator("#upload input[type=file]")
    try:
        upload.set_input_files(str(note))  # without the key, Gradio's own upload route refuses the file
        page.wait_for_timeout(1500)
        assert "ui-upload-note.md" not in {d["source"] for d in client.get("/api/documents").json()}
        assert "added" not in page.locator("#upload-note").inner_text()
        page.get_by_label("API key").fill(API_KEY)
        upload.set_input_files(str(note))
        page.get_by_text("ui-upload-note.md added (1 chunks).").wait_for()
        assert "ui-upload-note.md" in {d["source"] for d in client.get("/api/documents").json()}
    finally:
        client.delete("/api/documents/ui-upload-note.md", headers={"X-API-Key": API_KEY})


def test_an_upload_from_the_browser_may_name_the_document_and_its_framework(page, client, tmp_path):
    from tests.api.conftest import API_KEY

    plan = tmp_path / "ui-hospice-plan.md"
    plan.write_text(
        "# Draft\n\n## Opening new beds\n\nSix beds open in May.\n\n## Training volunteers\n\nEighty volunteers a year.\n"
    )
    page.get_by_role("tab", name="Documents").click()
    page.get_by_text("Add a document (needs the API key)").click()
    page.get_by_label("API key").fill(API_KEY)
    page.locator("#meta-title textarea, #meta-title input").first.fill("Elm Hospice Plan")
    page.locator("#meta-framework-kind textarea, #meta-framework-kind input").first.fill("priority")
    page.locator("#meta-framework-items textarea").fill("Open six new beds\nTrain more volunteers")
    try:
        page.locator("#upload input[type=file]").set_input_files(str(plan))
        page.get_by_text("ui-hospice-plan.md added").wait_for()
        page.locator("#outline-of input").click()
        page.get_by_role("option", name="Elm Hospice Plan").click()
        page.wait_for_function("document.querySelector('#framework-of').innerText.includes('Priority 2: Train more volunteers')")
    finally:
        client.delete("/api/documents/ui-hospice-plan.md", headers={"X-API-Key": API_KEY})


def test_the_briefing_tab_builds_reviews_and_exports_a_pack(page):
    page.get_by_role("tab", name="Briefing").click()
    page.locator("#briefing-scope textarea").fill("commitment 3")
    page.locator("#briefing-count input").fill("4")
    page.locator("#briefing-build").click()
    page.wait_for_function("document.querySelector('#briefing-note').innerText.includes('card(s) for')")
    cards = page.locator("#briefing-cards")
    assert "Commitment 3:" in cards.inner_text() and "✓" in cards.inner_text()
    assert "answered from this passage" in cards.inner_text()  # each card's round trip is shown
    page.locator("#briefing-regenerate").click()
    page.wait_for_function("document.querySelector('#briefing-note').innerText.includes('Card 1 regenerated')")
    page.locator("#briefing-check").click()
    page.wait_for_function("document.querySelector('#briefing-note').innerText.includes('All kept answers are supported')")
    page.locator("#briefing-export").click()
    page.locator('#briefing-file a[download="briefing.docx"]').wait_for()
    screenshot(page, "ui-briefing")


def test_a_question_about_now_says_how_old_the_sources_are_and_the_conversation_exports_for_audit(page):
    ask(page, "How big is the maintenance backlog now?")
    page.locator("#sources-age").wait_for()
    assert "February 2024" in page.locator("#sources-age").inner_text()
    page.locator("#export-audit").click()
    files = page.locator("#audit-files")
    files.get_by_text(".md").first.wait_for()
    names = files.inner_text().replace("\n", "")  # the UI shows a name and its extension apart
    assert re.search(r"audit-[0-9a-f]{32}\.json", names) and re.search(r"audit-[0-9a-f]{32}\.md", names)
    print(f"screenshot: {screenshot(page, 'ui-audit-export')}")
