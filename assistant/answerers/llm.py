"""The ``llm`` answerer: any OpenAI-compatible chat endpoint (vLLM, Ollama,
llama.cpp's server, a hosted API), through langchain-openai.

Its prompt (``prompts/answer_system.md``) demands a ``[n]`` after every
sentence and "The documents don't say." when they don't; the chain's
grounding check decides what of its answer reaches the user.
"""

from __future__ import annotations

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI

from prompts import load_prompt
from vectorstore import Passage

from ..grounding import DECLINE_PATTERN
from ..sentences import CITATION_MARK
from . import Draft


class LLMAnswerer:
    name = "llm"

    def __init__(self, base_url: str, model: str, api_key: str, timeout: float, max_tokens: int):
        self.model = ChatOpenAI(
            base_url=base_url, model=model, api_key=api_key, timeout=timeout, temperature=0, max_retries=0,
            # Sent as the classic "max_tokens": langchain-openai would rename its own
            # field to "max_completion_tokens", which llama.cpp, Ollama and older
            # vLLM servers ignore, letting a small model ramble to its context limit.
            extra_body={"max_tokens": max_tokens},
        )
        prompt = ChatPromptTemplate.from_messages(
            [("system", load_prompt("answer_system")), ("human", load_prompt("answer_user"))]
        )
        self.chain = prompt | self.model | StrOutputParser()

    def draft(self, question: str, passages: list[Passage]) -> Draft:
        text = self.chain.invoke({"passages": format_passages(passages), "question": question}).strip()
        refused = bool(DECLINE_PATTERN.search(text)) and not CITATION_MARK.search(text)
        return Draft(text, refused=refused)


def format_passages(passages: list[Passage]) -> str:
    blocks = []
    for n, passage in enumerate(passages, start=1):
        where = " › ".join(filter(None, (passage.document, passage.section)))
        if passage.paragraph:
            where += f", paragraph {passage.paragraph}"
        if passage.page is not None:
            where += f", p. {passage.page}"
        blocks.append(f"[{n}] ({where})\n{passage.text}")
    return "\n\n".join(blocks)
