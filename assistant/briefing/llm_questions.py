"""Model-worded briefing questions (the ``llm`` backend). The model only
proposes wording for a fact the builder already read from the text; the
proposal must still read as a question that does not give its answer away,
and must pass the same round trip as the derived wording, which is tried
next, so a model that writes nothing usable costs only time."""

from __future__ import annotations

import re

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import PromptTemplate

from prompts import load_prompt

from ..answerers.llm import chat_model
from ..settings import Settings
from .builder import Rewording
from .facts import Fact, place_of, presentable


def llm_rewording(settings: Settings) -> Rewording:
    chain = PromptTemplate.from_template(load_prompt("briefing_questions")) | chat_model(settings, 80) | StrOutputParser()

    def reword(fact: Fact) -> str | None:
        try:
            reply = chain.invoke(
                {"place": place_of(fact.chunk), "passage": fact.quote, "question": fact.question, "answer": fact.answer}
            )
        except Exception:  # an endpoint failure leaves the derived wording
            return None
        for line in reply.splitlines():
            question = re.sub(r"^[\s\-*\d.)]+|^(?:rewritten\s+)?question\s*:\s*", "", line, flags=re.IGNORECASE).strip()
            if question.endswith("?") and presentable(question, fact.answer):
                return question
        return None

    return reword
