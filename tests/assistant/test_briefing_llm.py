"""Model-worded briefing questions: the model proposes wording for a fact
the builder read from the text; the wording must still not give the answer
away and must pass the round trip, or the derived wording is used."""

from __future__ import annotations

from assistant.briefing import build_briefing
from assistant.briefing.llm_questions import llm_rewording


def rewording_for(assistant, base_url):
    return llm_rewording(assistant.settings.model_copy(update={"llm_base_url": base_url, "llm_timeout": 120.0}))


def test_a_proposed_wording_is_used_only_when_it_passes_the_same_checks(assistant, scripted_endpoint):
    # Scripted endpoint: a model that proposes the same wording for every fact, on cue.
    endpoint, base_url = scripted_endpoint
    wording = (
        "What change would give trusts greater flexibility to invest in NHS estates without breaching national spending limits?"
    )
    endpoint.reply = f"Rewritten question: {wording}"
    pack = build_briefing(assistant, "commitment 2", 15, rewording=rewording_for(assistant, base_url))
    reworded = [c for c in pack.cards if c.question == wording]
    assert len(reworded) == 1 and "CDEL" in reworded[0].answer  # asked once, of the fact it fits
    assert all(c.round_trip and c.grounding.score == 1.0 and c.citations[0].commitment == 2 for c in pack.cards)
    assert endpoint.requests and "Passage (commitment 2)" in endpoint.requests[0]["messages"][0]["content"]

    endpoint.reply = "Is the maintenance backlog nearly £12bn?"  # gives the backlog's size away
    pack = build_briefing(assistant, "commitment 2", 8, rewording=rewording_for(assistant, base_url))
    for card in pack.cards:
        assert card.answer.split(" [")[0].lower() not in card.question.lower(), card


def test_a_real_model_proposes_and_only_checked_cards_survive(assistant, llm_server):
    pack = build_briefing(assistant, "chapter 3", 4, rewording=rewording_for(assistant, llm_server))
    assert pack.cards
    for card in pack.cards:
        assert card.grounding.score == 1.0 and card.round_trip and all(c.chapter == 3 for c in card.citations)
        assert card.answer.split(" [")[0].lower() not in card.question.lower()
