"""Requests and shorthand are read as the questions they are (``assistant.phrasing``)."""

from __future__ import annotations

import pytest

from assistant.phrasing import as_question


@pytest.mark.parametrize(
    "typed, question",
    [
        ("Tell me how much the maintenance backlog is.", "How much is the maintenance backlog?"),
        ("I'd like to know who the chief exec of NHS Providers is", "Who is the chief executive of NHS Providers?"),
        ("Could you tell me when HPV screening will start?", "When HPV screening will start?"),
        ("Explain what CDEL is.", "What is CDEL?"),
        ("Give me the date the long term plan came out", "What is the date the long term plan came out?"),
        ("Tell me the cost of fixing RAAC.", "What is the cost of fixing RAAC?"),
        ("Tell me about RAAC", "What do the documents say about RAAC?"),
        ("Summarise commitment 2's actions", "What are commitment 2's actions?"),
        ("backlog size?", "How big is the backlog?"),
        ("backlog clearance date?", "When is the backlog clearance?"),
        ("number of ICSs", "How many ICSs are there?"),
        ("how many ppl are on the list", "how many people are on the list"),
        ("what does commitment five say about mental health", "what does commitment 5 say about mental health"),
        ("Who's Val Messenger?", "Who is Val Messenger?"),
    ],
)
def test_a_request_or_shorthand_becomes_a_plain_question(typed, question):
    assert as_question(typed) == question


@pytest.mark.parametrize(
    "question",
    ["What is the backlog?", "tell me more about funding", "And by when?", "How many staff feel burnt out?"],
)
def test_a_plain_question_or_a_follow_up_opener_is_left_alone(question):
    assert as_question(question) == question
