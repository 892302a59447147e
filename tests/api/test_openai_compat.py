"""The official ``openai`` client against the server's /v1."""

from __future__ import annotations

import openai
import pytest


@pytest.fixture
def openai_client(server):
    return openai.OpenAI(base_url=f"{server.url}/v1", api_key="any")


def test_models_lists_the_assistant(openai_client):
    assert [m.id for m in openai_client.models.list()] == ["policy-assistant"]


def test_a_chat_completion_answers_with_sources(openai_client):
    completion = openai_client.chat.completions.create(
        model="policy-assistant",
        messages=[
            {"role": "system", "content": "You are helpful."},
            {"role": "user", "content": "How big is the NHS maintenance backlog?"},
        ],
    )
    content = completion.choices[0].message.content
    assert (
        "£12bn [1]" in content
        and "\nSources:\n[1] Commitment 2: Build a new infrastructure programme for the NHS — in A picture of health" in content
    )
    extra = completion.model_extra
    assert extra["citations"][0]["commitment"] == 2 and extra["grounding"]["score"] == 1.0
    assert extra["answerability"]["verdict"] == "answered"


def test_history_in_messages_makes_follow_ups_work(openai_client):
    completion = openai_client.chat.completions.create(
        model="policy-assistant",
        messages=[
            {"role": "user", "content": "What does commitment 2 ask for?"},
            {"role": "assistant", "content": "It asks for capital investment."},
            {"role": "user", "content": "and by when?"},
        ],
    )
    assert completion.choices[0].message.content.startswith("The documents don't give a date for")


def test_a_streamed_completion_arrives_in_pieces_with_citations_at_the_end(openai_client):
    stream = openai_client.chat.completions.create(
        model="policy-assistant",
        messages=[{"role": "user", "content": "When will Integrated Care Systems cover the whole country?"}],
        stream=True,
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert len(chunks) > 3 and "April 2021" in text and "Sources:" in text
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"]


def test_a_conversation_without_a_user_question_is_a_400(openai_client):
    with pytest.raises(openai.BadRequestError, match="the last message must be the user's question"):
        openai_client.chat.completions.create(model="policy-assistant", messages=[{"role": "assistant", "content": "Hello"}])
