"""The answer chain, in LCEL: condense → retrieve → answer → check grounding
and answerability.

Every answer, whichever answerer wrote it, passes two checks. Grounding: an
``llm`` answer keeps only its supported sentences; when fewer than half of
them are supported, or none, or the endpoint fails, the extractive answer
(grounded by construction) goes to the user instead, and ``fallback_reason``
says why. Answerability: the kept sentences must contain what the question
asks for (``answerability``); an answer that answers no part of it is
declined, naming what the documents lack, and one that answers some parts
says which parts the documents don't give.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from vectorstore import Passage
from vectorstore.hybrid import HybridRetriever, Retrieval
from vectorstore.keyword import tokens

from .answerability import AnswerabilityCheck, statement_of
from .answerers import Answerer, Draft
from .answerers.extractive import ExtractiveAnswerer
from .asked import Asked, parse_question
from .condense import condense_question
from .dated_figures import other_dated_figure
from .declining import decline_reason
from .grounding import check_grounding
from .models import Answer, Answerability, Citation, GroundingReport, UnsupportedSentence
from .phrasing import as_question
from .sentences import CITATION_MARK, marks_of, split_sentences, without_marks

_MIN_SUPPORTED_SHARE = 0.5
_WIDER = 3  # how many times k passages to search for an answer before declining


@dataclass
class _Result:
    text: str
    refused: bool
    citations: list[Citation]
    grounding: GroundingReport
    answerability: Answerability
    backend: str
    fallback_reason: str | None = None
    rejected: list[UnsupportedSentence] = field(default_factory=list)


def build_chain(retriever: HybridRetriever, answerer: Answerer, extractive: ExtractiveAnswerer, k: int) -> Runnable:
    """A runnable from ``{"question", "history", "timings"}`` to an :class:`Answer`."""
    check = extractive.check

    def condense(state: dict) -> str:
        return condense_question(state["question"], state["history"])

    def retrieve(state: dict) -> Retrieval:
        return retriever.retrieve(state["standalone"], k)

    def answer(state: dict) -> _Result:
        retrieval: Retrieval = state["retrieval"]
        question, passages = retrieval.topic, retrieval.passages
        # Parts come from the whole question: the words that named a document
        # ("the general election" named the article) still say what is asked.
        parts = asked_parts(state["standalone"], state["question"])
        reason = decline_reason(question, passages, retrieval.in_scope > 0)
        if reason:
            return _declined(passages, answerer.name, check.judge(parts, [None] * len(parts)))
        # The extractive draft doubles as the test of whether the passages hold an
        # answer at all: when no sentence of theirs answers any part, no model is asked.
        # A question that names its place ("pledge 2 of the estates plan") is answered
        # from that place alone when it can be, not padded from other documents.
        in_scope = passages[: retrieval.in_scope]
        grounded = extractive.draft(question, in_scope, parts) if in_scope else None
        if grounded is not None and not grounded.refused:
            passages = in_scope
        else:
            grounded = extractive.draft(question, passages, parts)
        if grounded.refused:
            # The answer may rank just below the first k: look once more, wider, before declining;
            # only then may a sentence that says what is asked in other words answer it.
            wider = retriever.retrieve(state["standalone"], k * _WIDER)
            for by_meaning in (False, True):
                second = extractive.draft(question, wider.passages, parts, by_meaning=by_meaning)
                if not second.refused:
                    grounded, passages = second, wider.passages
                    state["retrieval"] = wider
                    break
        if grounded.refused:
            return _declined(passages, answerer.name, check.judge(parts, [None] * len(parts)))
        if other := other_dated_figure(parts, passages, grounded.text, check):
            grounded = Draft(f"{grounded.text} {other}")  # another year's figure for the same thing, beside it
        fallback, rejected = None, []
        if answerer is not extractive:
            try:
                draft = answerer.draft(question, passages)
            except Exception as error:  # any endpoint failure: the user still gets a grounded answer
                fallback = f"the llm endpoint failed: {type(error).__name__}: {error}"
            else:
                result, report = _checked(draft, passages, answerer.name, parts, check)
                rejected = report.unsupported
                if draft.refused:
                    fallback = "the llm said the documents don't say, but the passages answer the question"
                elif not report.supported or report.score < _MIN_SUPPORTED_SHARE:
                    fallback = (
                        f"{len(report.unsupported)} of {report.total} sentences of the llm answer failed the grounding check"
                    )
                elif result.refused:
                    fallback = "the llm answer does not contain what the question asks for: " + "; ".join(
                        result.answerability.missing
                    )
                else:
                    result.rejected = rejected
                    return result
        result, _ = _checked(grounded, passages, extractive.name, parts, check)
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
            answerability=result.answerability,
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


def asked_parts(standalone: str, question: str) -> list[Asked]:
    """What the user asked. A follow-up that leans on the question before it
    ("and by when?") was condensed to "<that question>? And by when?"; only
    its own parts are asked, with the earlier subject."""
    question = as_question(question)  # as condensing read it: "Tell me how much …" asks how much
    parts = parse_question(standalone)
    own = len(parse_question(question))
    if standalone != question and len(parts) > own and standalone.endswith(question[:1].upper() + question[1:]):
        return parts[-own:]
    return parts


def _checked(
    draft: Draft, passages: list[Passage], backend: str, parts: list[Asked], check: AnswerabilityCheck
) -> tuple[_Result, GroundingReport]:
    """Grounds a draft: drops unsupported sentences, renumbers the citations
    it keeps in order of use, and quotes the sentences each one supports.
    Then judges what is left: an answer to no part is declined; an answer to
    some parts says what the documents don't give for the others. Returns
    the result and the draft's own grounding report."""
    provisional = [Citation(**p.model_dump(), n=n, quote="") for n, p in enumerate(passages, start=1)]
    report = check_grounding(draft.text, provisional)
    rejected = {item.sentence for item in report.unsupported}
    lines = []
    for line in draft.text.splitlines():
        # A sentence without a citation can only be a model's own "the documents don't give …":
        # the verdict below says that, once, in the same words for every answerer.
        kept = [s for s in split_sentences(line) if s not in rejected and without_marks(s) and marks_of(s)]
        if kept:
            lines.append(("- " if line.startswith("- ") else "", kept))
    order: list[int] = []
    for _, kept in lines:
        for sentence in kept:
            order += [n for n in marks_of(sentence) if n not in order]
    renumber = {old: new for new, old in enumerate(order, start=1)}
    text = "\n".join(
        bullet + " ".join(CITATION_MARK.sub(lambda m: f" [{renumber[int(m.group(1))]}]", s) for s in kept)
        for bullet, kept in lines
    )
    every = [s for _, kept in lines for s in kept]
    citations = [
        provisional[old - 1].model_copy(update={"n": new, "quote": _quote(passages[old - 1].text, every, old)})
        for old, new in renumber.items()
    ]
    verdict = check.assess(parts, text, citations)
    if verdict.verdict == "not_covered" or not citations:
        return _declined(passages, backend, verdict), report
    shown = report
    if verdict.verdict == "partial":
        # The statement of what is missing claims nothing the passages must support.
        statement = statement_of(verdict.missing)
        text = f"{text} {statement}"
        added = len(split_sentences(statement))
        shown = report.model_copy(
            update={
                "supported": report.supported + added,
                "total": report.total + added,
                "score": round((report.supported + added) / (report.total + added), 4),
            }
        )
    return _Result(text, False, citations, shown, verdict, backend), report


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


def _declined(passages: list[Passage], backend: str, verdict: Answerability) -> _Result:
    """Says what the documents lack, names the nearest sections where there
    are any, and cites nothing."""
    text = statement_of(verdict.missing) if verdict.missing else "The documents don't cover this."
    nearest = list(dict.fromkeys(_place_name(p) for p in passages[:2]))
    if nearest:
        text = f"{text.rstrip('.')}; the nearest they come is {' and '.join(nearest)}."
    return _refusal(text, backend, verdict)


def _refusal(text: str, backend: str, verdict: Answerability) -> _Result:
    if verdict.verdict != "not_covered":
        verdict = verdict.model_copy(update={"verdict": "not_covered"})
    return _Result(text, True, [], check_grounding(text, []), verdict, backend)


def _place_name(passage: Passage) -> str:
    section = passage.section_path[-1] if passage.section_path else ""
    section = re.sub(r"^\d{1,2}(?:\.\d{1,3})*\.?\s+", "", section)
    return f"“{section}” in {passage.document}" if section else passage.document
