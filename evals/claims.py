"""Claim-level metrics evaluators already know, over any entailment judge.

A *claim* is an answer sentence (citation marks removed). Every metric here
rests on one question, "do these texts entail this claim?", asked of a
judge: the project's lexical grounding check always, and an LLM at an
OpenAI-compatible endpoint when the evaluator asks for one. One definition
per metric, whichever judge answers, so the two sets of figures mean the
same thing and differ only in who judged.

RAGChecker's generator metrics (Ru et al., 2024): a claim is *correct* when
the reference answer and its reference contexts entail it; a retrieved
passage is *relevant* when it holds a reference context. ALCE's citation
recall and precision (Gao et al., 2023): a sentence's citations together
must entail it, and each citation is precise when it alone does.

A judge may give no verdict (an endpoint that failed or replied with
neither yes nor no): such a claim counts in no denominator, and a case with
no verdict at all has no value (None), never a zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from assistant.grounding import DECLINE_PATTERN, missing_support
from assistant.models import Citation
from assistant.sentences import marks_of, split_sentences, without_marks

Entails = Callable[[str, list[str]], bool | None]
"""(claim, texts) → whether the texts, read together, entail the claim; None: no verdict."""


def lexical_entails(claim: str, texts: list[str]) -> bool:
    """The project's grounding check: the claim's figures, names, dates and
    meaning are all in the texts."""
    return missing_support(claim, " ".join(texts)) is None


def claims_of(answer: str) -> list[str]:
    return [without_marks(s) for s in split_sentences(answer) if without_marks(s).strip()]


def _share(verdicts: Iterable[bool | None]) -> float | None:
    """The share of True among the verdicts given; None when none was given."""
    given = [v for v in verdicts if v is not None]
    return sum(given) / len(given) if given else None


def _and(first: bool | None, second: Callable[[], bool | None]) -> bool | None:
    """Three-valued "and" that asks the second judge only when it matters."""
    if first is False:
        return False
    then = second()
    if then is False:
        return False
    return None if first is None or then is None else True


def _not(verdict: bool | None) -> bool | None:
    return None if verdict is None else not verdict


def is_relevant(passage: str, reference_contexts: list[str]) -> bool:
    """The passage holds a reference context (case and runs of white space aside)."""
    flat = " ".join(passage.lower().split())
    return any(" ".join(c.lower().split()) in flat for c in reference_contexts)


# --- RAGChecker ----------------------------------------------------------------------


def faithfulness(answer: str, retrieved: list[str], entails: Entails = lexical_entails) -> float | None:
    """Share of the answer's claims the retrieved passages entail."""
    if not retrieved:
        return None
    return _share(entails(claim, retrieved) for claim in claims_of(answer))


def hallucination(answer: str, retrieved: list[str], truth: list[str], entails: Entails = lexical_entails) -> float | None:
    """Share of the answer's claims that are wrong (the reference does not
    entail them) and that no retrieved passage entails either: invented."""
    if not truth:
        return None

    def invented(claim: str) -> bool | None:
        return _and(_not(entails(claim, truth)), lambda: _not(entails(claim, retrieved)))

    return _share(invented(claim) for claim in claims_of(answer))


def noise_sensitivity(
    answer: str,
    retrieved: list[str],
    truth: list[str],
    reference_contexts: list[str],
    relevant: bool,
    entails: Entails = lexical_entails,
) -> float | None:
    """Share of the answer's claims that are wrong yet entailed by a relevant
    (``relevant``) or an irrelevant retrieved passage: noise the answer took up."""
    claims = claims_of(answer)
    if not claims or not truth or not reference_contexts:
        return None
    chosen = [p for p in retrieved if is_relevant(p, reference_contexts) == relevant]
    if not chosen:
        return 0.0

    def taken_up(claim: str) -> bool | None:
        return _and(_not(entails(claim, truth)), lambda: entails(claim, chosen))

    return _share(taken_up(claim) for claim in claims)


def context_utilization(answer: str, retrieved: list[str], reference: str | None, entails: Entails) -> float | None:
    """Of the reference answer's claims the retrieved passages entail, the
    share the answer entails too: how much of the useful context it used."""
    if not reference or not retrieved:
        return None
    held = [claim for claim in claims_of(reference) if entails(claim, retrieved)]
    return _share(entails(claim, [answer]) for claim in held)


# --- ALCE ----------------------------------------------------------------------------


def citation_recall(answer: str, citations: list[Citation], entails: Entails = lexical_entails) -> float | None:
    """Share of answer sentences that their citations, together, entail. A
    sentence saying what the documents do not cover needs no citation."""
    by_number = {c.n: c.text for c in citations}

    def cited_entails(sentence: str) -> bool | None:
        marks, claim = marks_of(sentence), without_marks(sentence)
        if not marks:
            return bool(DECLINE_PATTERN.search(claim))
        if any(n not in by_number for n in marks):
            return False
        return entails(claim, [by_number[n] for n in marks])

    return _share(cited_entails(s) for s in split_sentences(answer) if without_marks(s).strip())


def citation_precision(answer: str, citations: list[Citation], entails: Entails = lexical_entails) -> float | None:
    """Share of (sentence, citation) pairs in which the cited passage on its
    own entails the sentence."""
    by_number = {c.n: c.text for c in citations}
    return _share(
        entails(without_marks(s), [by_number[n]]) if n in by_number else False
        for s in split_sentences(answer)
        for n in marks_of(s)
    )
