"""Model-proposed briefing questions: the model proposes, the grounding and
scope checks still decide what is kept."""

from __future__ import annotations

from assistant.briefing import build_briefing
from assistant.briefing.llm_questions import kind_of, llm_proposer


def proposer_for(assistant, base_url):
    return llm_proposer(assistant.settings.model_copy(update={"llm_base_url": base_url, "llm_timeout": 120.0}))


def test_proposed_questions_come_first_and_are_checked_like_any_other(assistant, scripted_endpoint):
    # Scripted endpoint: a model that proposes one good and one out-of-scope question, on cue.
    endpoint, base_url = scripted_endpoint
    endpoint.reply = "1. How big is the maintenance backlog?\n2. Who won the 2018 world cup?\nNot a question"
    cards = build_briefing(assistant, "commitment 2", 3, proposer=proposer_for(assistant, base_url))
    assert cards[0].question == "How big is the maintenance backlog (commitment 2)?"
    assert "£12bn" in cards[0].answer and cards[0].kind == "fact"
    assert not any("world cup" in c.question for c in cards)  # declined, so never a card
    assert all(c.citations[0].commitment == 2 for c in cards)
    assert endpoint.requests and "Passage (commitment 2)" in endpoint.requests[0]["messages"][0]["content"]


def test_a_real_model_proposes_and_only_grounded_cards_survive(assistant, llm_server):
    cards = build_briefing(assistant, "chapter 3", 4, proposer=proposer_for(assistant, llm_server))
    assert cards
    for card in cards:
        assert card.grounding.score == 1.0 and all(c.chapter == 3 for c in card.citations)


def test_question_kinds_are_read_from_their_wording():
    assert [
        kind_of(q) for q in ("When will it open?", "How many beds?", "Why now?", "What should trusts do?", "What is NHS IMPACT?")
    ] == [
        "date",
        "figure",
        "rationale",
        "action",
        "fact",
    ]
