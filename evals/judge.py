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

from pydantic import BaseModel, Field

from assistant import Settings
from prompts import load_prompt

from .grounding_pairs import LabelledPair

TRUST = 0.8  # the share of each side of the check a judge must get right before its figures are read


class SupportJudge:
    """An LLM asked whether a passage supports a sentence. Verdicts are
    remembered: the claim metrics of one answer ask the same pair more than once."""

    def __init__(self, settings: Settings) -> None:
        from langchain_core.output_parsers import StrOutputParser
        from langchain_core.prompts import PromptTemplate

        from assistant.answerers.llm import chat_model

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


class JudgeCheck(BaseModel):
    """How the judge did on labelled pairs before it judged a run: a judge
    that rejects verbatim quotes, or passes changed figures, makes figures
    no one should read. The grounding scorecard measures it in full."""

    pairs: int
    verbatim_passed: float | None = Field(description="Share of verbatim quotes judged supported.")
    changed_rejected: float | None = Field(description="Share of changed sentences (figure, negation…) judged not supported.")
    trusted: bool = Field(description=f"Both shares are at least {TRUST}.")
    note: str


def check_judge(judge: SupportJudge, pairs: list[LabelledPair], per_side: int = 10) -> JudgeCheck:
    """Asks the judge ``per_side`` verbatim quotes and as many changed
    sentences (spread over the kinds of change) from ``pairs``."""
    verbatim = [p for p in pairs if p.kind == "verbatim"][:per_side]
    changed = [p for p in pairs if p.label == "not_supported"]
    changed = changed[:: max(1, len(changed) // per_side)][:per_side]
    passed = [v for p in verbatim if (v := judge.verdict(p.sentence, p.passage)[0]) is not None]
    rejected = [not v for p in changed if (v := judge.verdict(p.sentence, p.passage)[0]) is not None]
    shares = [sum(given) / len(given) if given else None for given in (passed, rejected)]
    trusted = all(share is not None and share >= TRUST for share in shares)
    said = f"the judge passed {sum(passed)} of {len(passed)} verbatim quotes and rejected {sum(rejected)} of {len(rejected)} changed sentences"
    advice = (
        "its judge_* figures can be read beside the lexical ones"
        if trusted
        else "do not trust its judge_* figures; `eval grounding --judge` gives its full scorecard"
    )
    note = f"{said}; {advice}"
    return JudgeCheck(
        pairs=len(verbatim) + len(changed),
        verbatim_passed=shares[0],
        changed_rejected=shares[1],
        trusted=trusted,
        note=note,
    )
