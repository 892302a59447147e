"""The optional LLM judge: a faithfulness score (0..1) for each answer from
any OpenAI-compatible endpoint. Reported beside the offline metrics, never
instead of them; a reply without a number, or no reply, scores nothing (None)."""

from __future__ import annotations

import re
from collections.abc import Callable

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import PromptTemplate

from assistant import Answer, Settings
from assistant.answerers.llm import chat_model, format_passages
from prompts import load_prompt

_NUMBER = re.compile(r"(?<![\d.])(0(?:\.\d+)?|1(?:\.0+)?)(?![\d.])")


def faithfulness_judge(settings: Settings) -> Callable[[Answer], float | None]:
    chain = PromptTemplate.from_template(load_prompt("judge_faithfulness")) | chat_model(settings, 8) | StrOutputParser()

    def judge(answer: Answer) -> float | None:
        try:
            reply = chain.invoke({"passages": format_passages(answer.citations), "answer": answer.answer})
        except Exception:  # an endpoint failure leaves the case unjudged, not the run broken
            return None
        match = _NUMBER.search(reply)
        return float(match.group(1)) if match else None

    return judge
