"""The ``llm`` answerer: any OpenAI-compatible chat endpoint (vLLM, Ollama,
llama.cpp's server, a hosted API), through langchain-openai.

Its prompt (``prompts/answer_system.md``) demands a ``[n]`` after every
sentence and "The documents don't say." when they don't; the chain's
grounding check decides what of its answer reaches the user.
"""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from prompts import load_prompt
from vectorstore import Passage

from ..grounding import DECLINE_PATTERN
from ..sentences import CITATION_MARK
from ..settings import Settings
from . import Draft


def chat_model(settings: Settings, max_tokens: int) -> ChatOpenAI:
    """The configured OpenAI-compatible endpoint, deterministic and without retries
    (a failure falls back to a grounded answer at once)."""
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=SecretStr(settings.llm_api_key),
        timeout=settings.llm_timeout,
        temperature=0,
        max_retries=0,
        # Sent as the classic "max_tokens": langchain-openai would rename its own
        # field to "max_completion_tokens", which llama.cpp, Ollama and older
        # vLLM servers ignore, letting a small model ramble to its context limit.
        extra_body={"max_tokens": max_tokens},
    )


class LLMAnswerer:
    name = "llm"

    def __init__(self, settings: Settings):
        prompt = ChatPromptTemplate.from_messages(
            [("system", load_prompt("answer_system")), ("human", load_prompt("answer_user"))]
        )
        self.chain = prompt | chat_model(settings, settings.llm_max_tokens) | StrOutputParser()

    def draft(self, question: str, passages: list[Passage]) -> Draft:
        text = self.chain.invoke({"passages": format_passages(passages), "question": question}).strip()
        refused = bool(DECLINE_PATTERN.search(text)) and not CITATION_MARK.search(text)
        return Draft(text, refused=refused)


def format_passages(passages: Sequence[Passage]) -> str:
    blocks = []
    for n, passage in enumerate(passages, start=1):
        where = " › ".join(filter(None, (passage.document, passage.section)))
        if passage.paragraph:
            where += f", paragraph {passage.paragraph}"
        if passage.page is not None:
            where += f", p. {passage.page}"
        blocks.append(f"[{n}] ({where})\n{passage.text}")
    return "\n\n".join(blocks)
