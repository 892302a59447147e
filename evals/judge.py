"""The optional LLM judge: one yes-or-no question, "does this passage
support this sentence?", asked of any OpenAI-compatible endpoint.

The same question judges the labelled grounding pairs (so its own precision
and recall are measured, beside the lexical check's) and entails the claims
behind the ``judge_*`` metrics of a run, so a run's judged figures rest on a
judge whose error rates the evaluator can read. A failed call or a reply
with neither yes nor no is no verdict (None), never a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import PromptTemplate

from assistant import Settings
from assistant.answerers.llm import chat_model
from prompts import load_prompt


class SupportJudge:
    """An LLM asked whether a passage supports a sentence. Verdicts are
    remembered: the claim metrics of one answer ask the same pair more than once."""

    def __init__(self, settings: Settings) -> None:
        self.model = settings.llm_model
        self._chain = PromptTemplate.from_template(load_prompt("judge_support")) | chat_model(settings, 4) | StrOutputParser()
        self.verdict = lru_cache(maxsize=4096)(self._ask)

    def _ask(self, sentence: str, passage: str) -> tuple[bool | None, str]:
        """(supported?, why): the reply, or what went wrong."""
        try:
            reply = self._chain.invoke({"passage": passage, "sentence": sentence}).strip().lower()
        except Exception as error:  # an endpoint failure leaves the claim unjudged, not the run broken
            return None, f"the endpoint failed: {type(error).__name__}"
        if re.match(r"\W*yes\b", reply):
            return True, reply
        if re.match(r"\W*no\b", reply):
            return False, reply
        return None, f"no yes or no in the reply {reply[:60]!r}"

    def entails(self, claim: str, texts: list[str]) -> bool | None:
        """The claims' ``Entails``: the texts, as numbered passages, support the claim."""
        if not texts:
            return False
        passage = texts[0] if len(texts) == 1 else "\n\n".join(f"[{n}] {text}" for n, text in enumerate(texts, start=1))
        return self.verdict(claim, passage)[0]
