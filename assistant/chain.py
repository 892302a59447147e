"""The answer chain, in LCEL: condense → retrieve → answer → check grounding.

Every answer, whichever answerer wrote it, passes the grounding check. An
``llm`` answer keeps only its supported sentences; when fewer than half of
them are supported, or none, or the endpoint fails, the extractive answer
(grounded by construction) goes to the user instead, and ``fallback_reason``
says why.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Callable

from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from vectorstore import Passage
from vectorstore.hybrid import HybridRetriever, Retrieval
from vectorstore.keyword import tokens

from .answerers import Answerer, Draft
from .answerers.extractive import ExtractiveAnswerer
from .condense import condense_question
from .declining import decline_reason
from .grounding import check_grounding
from .models import Answer, Citation, GroundingReport, UnsupportedSentence
from .sentences import CITATION_MARK, marks_of, split_sentences, without_marks

_MIN_SUPPORTED_SHARE = 0.5


@dataclass
class _Result:
    text: str
    refused: bool
    citations: list[Citation]
    grounding: GroundingReport
    backend: str
    fallback_reason: str | None = None
    rejected: list[UnsupportedSentence] = field(default_factory=list)


def build_chain(retriever: HybridRetriever, answerer: Answerer, k: int) -> Runnable:
    """A runnable from ``{"question", "history", "timings"}`` to an :class:`Answer`."""
    extractive = answerer if isinstance(answerer, ExtractiveAnswerer) else ExtractiveAnswerer(retriever.keywords.idf)

    def condense(state: dict) -> str:
        return condense_question(state["question"], state["history"])

    def retrieve(state: dict) -> Retrieval:
        return retriever.retrieve(state["standalone"], k)

    def answer(state: dict) -> _Result:
        retrieval: Retrieval = state["retrieval"]
        question, passages = retrieval.topic, retrieval.passages
        reason = decline_reason(question, passages, retriever.keywords.idf, retrieval.in_scope > 0)
        if reason:
            return _declined(passages, answerer.name)
        fallback, rejected = None, []
        if answerer is not extractive:
            try:
                draft = answerer.draft(question, passages)
            except Exception as error:  # any endpoint failure: the user still gets a grounded answer
                fallback = f"the llm endpoint failed: {type(error).__name__}: {error}"
            else:
                if draft.refused:
                    return _refusal(draft.text, answerer.name)
                result = _checked(draft, passages, answerer.name)
                report = result.grounding
                result.rejected = report.unsupported
                if report.supported and report.score >= _MIN_SUPPORTED_SHARE:
                    return result
                fallback = f"{len(report.unsupported)} of {report.total} sentences of the llm answer failed the grounding check"
                rejected = report.unsupported
        draft = extractive.draft(question, passages)
        result = _refusal(draft.text, extractive.name) if draft.refused else _checked(draft, passages, extractive.name)
        if fallback:
            result.backend, result.fallback_reason = f"{answerer.name}→{extractive.name}", fallback
            result.rejected = rejected
        return result

    def finish(state: dict) -> Answer:
        result: _Result = state["result"]
        return Answer(
            question=state["question"],
            standalone_question=state["standalone"],
            answer=result.text,
            refused=result.refused,
            citations=result.citations,
            grounding=result.grounding,
            backend=result.backend,
            fallback_reason=result.fallback_reason,
            rejected_sentences=result.rejected,
            timings_ms=state["timings"],
            retrieved=state["retrieval"].passages,
        )

    return (
        RunnablePassthrough.assign(standalone=_timed("condense", condense))
        | RunnablePassthrough.assign(retrieval=_timed("retrieve", retrieve))
        | RunnablePassthrough.assign(result=_timed("answer", answer))
        | RunnableLambda(finish)
    )


def _timed(name: str, step: Callable[[dict], object]) -> RunnableLambda:
    def run(state: dict):
        started = time.perf_counter()
        try:
            return step(state)
        finally:
            state["timings"][name] = round((time.perf_counter() - started) * 1000, 2)

    return RunnableLambda(run, name=name)


def _checked(draft: Draft, passages: list[Passage], backend: str) -> _Result:
    """Grounds a draft: drops unsupported sentences, renumbers the citations
    it keeps in order of use, and quotes the sentences each one supports."""
    provisional = [Citation(**p.model_dump(), n=n, quote="") for n, p in enumerate(passages, start=1)]
    report = check_grounding(draft.text, provisional)
    rejected = {item.sentence for item in report.unsupported}
    kept = [s for s in split_sentences(draft.text) if s not in rejected and without_marks(s)]
    order: list[int] = []
    for sentence in kept:
        order += [n for n in marks_of(sentence) if n not in order]
    renumber = {old: new for new, old in enumerate(order, start=1)}
    text = " ".join(CITATION_MARK.sub(lambda m: f" [{renumber[int(m.group(1))]}]", s) for s in kept)
    citations = [
        provisional[old - 1].model_copy(update={"n": new, "quote": _quote(passages[old - 1].text, kept, old)})
        for old, new in renumber.items()
    ]
    return _Result(text, False, citations, report, backend)


def _quote(passage_text: str, answer_sentences: list[str], n: int) -> str:
    """The passage sentences closest to the answer sentences that cite it."""
    candidates = split_sentences(passage_text)
    chosen: list[int] = []
    for sentence in answer_sentences:
        if n not in marks_of(sentence):
            continue
        words = set(tokens(without_marks(sentence)))
        best = max(range(len(candidates)), key=lambda i: len(words & set(tokens(candidates[i]))), default=None)
        if best is not None and best not in chosen:
            chosen.append(best)
    return " ".join(candidates[i] for i in sorted(chosen))


def _declined(passages: list[Passage], backend: str) -> _Result:
    """Says so, names the nearest sections where there are any, cites nothing."""
    text = "The documents don't cover this."
    nearest = list(dict.fromkeys(_place_name(p) for p in passages[:2]))
    if nearest:
        text = f"The documents don't cover this; the nearest they come is {' and '.join(nearest)}."
    return _refusal(text, backend)


def _refusal(text: str, backend: str) -> _Result:
    return _Result(text, True, [], check_grounding(text, []), backend)


def _place_name(passage: Passage) -> str:
    section = passage.section_path[-1] if passage.section_path else ""
    section = re.sub(r"^\d{1,2}(?:\.\d{1,3})*\.?\s+", "", section)
    return f"“{section}” in {passage.document}" if section else passage.document
