"""The grounding check's own scorecard: how often it is right about the
labelled pairs of ``grounding_pairs``.

"Positive" is *not supported*: precision is the share of the pairs the
check rejects that are truly unsupported (a low one means good answers are
kept from users), recall the share of unsupported pairs it rejects (a low
one means invented claims reach them). Both come with 95% bootstrap
intervals, beside the confusion matrix, the share of verbatim quotes that
pass, and every pair it got wrong. The lexical check is scored always; an
LLM judge (any OpenAI-compatible endpoint) when one is configured.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from pydantic import BaseModel, Field

from assistant import Settings
from assistant.grounding import missing_support

from .grounding_pairs import Label, LabelledPair
from .uncertainty import Metric, with_interval

Verdict = tuple[Label | None, str | None]  # the label given (None: the judge gave none) and why


class Miss(BaseModel):
    id: str
    kind: str
    label: Label
    given: Label | None
    sentence: str
    reason: str | None


class Scorecard(BaseModel):
    judge: str = Field(description='"lexical" (the project\'s check) or "llm:<model>".')
    pairs: int
    precision: Metric = Field(description="Of the pairs judged not supported, the share that are not supported.")
    recall: Metric = Field(description="Of the pairs that are not supported, the share judged so.")
    verbatim_pass_rate: float | None
    unjudged: int = Field(description="Pairs the judge gave no verdict for (an llm that did not reply yes or no).")
    confusion: dict[str, dict[str, int]] = Field(description="label → verdict → pairs.")
    by_kind: dict[str, dict[str, int]] = Field(description="kind → pairs and correct verdicts.")
    misses: list[Miss]


def lexical_verdict(pair: LabelledPair) -> Verdict:
    reason = missing_support(pair.sentence, pair.passage)
    return ("not_supported" if reason else "supported"), reason


def llm_verdict(settings: Settings) -> Callable[[LabelledPair], Verdict]:
    from .judge import SupportJudge

    judge = SupportJudge(settings)

    def verdict(pair: LabelledPair) -> Verdict:
        supported, why = judge.verdict(pair.sentence, pair.passage)
        return (None if supported is None else "supported" if supported else "not_supported"), why

    return verdict


def scorecard(pairs: list[LabelledPair], verdict: Callable[[LabelledPair], Verdict], judge: str) -> Scorecard:
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    flagged_right: list[float] = []  # over pairs judged not supported: was that right?
    caught: list[float] = []  # over pairs not supported: were they judged so?
    verbatim: list[bool] = []
    misses: list[Miss] = []
    unjudged = 0
    for pair in pairs:
        given, reason = verdict(pair)
        confusion[pair.label][given or "no verdict"] += 1
        by_kind[pair.kind]["pairs"] += 1
        by_kind[pair.kind]["correct"] += given == pair.label
        if given is None:
            unjudged += 1
        if given == "not_supported":
            flagged_right.append(float(pair.label == "not_supported"))
        if pair.label == "not_supported":
            caught.append(float(given == "not_supported"))
        if pair.kind == "verbatim":
            verbatim.append(given == "supported")
        if given != pair.label:
            misses.append(Miss(id=pair.id, kind=pair.kind, label=pair.label, given=given, sentence=pair.sentence, reason=reason))
    return Scorecard(
        judge=judge,
        pairs=len(pairs),
        precision=with_interval(flagged_right),
        recall=with_interval(caught),
        verbatim_pass_rate=round(sum(verbatim) / len(verbatim), 4) if verbatim else None,
        unjudged=unjudged,
        confusion={label: dict(counts) for label, counts in confusion.items()},
        by_kind={kind: dict(counts) for kind, counts in sorted(by_kind.items())},
        misses=misses,
    )


def scorecard_markdown(card: Scorecard, title: str) -> str:
    lines = [
        f"## {title} — {card.judge}",
        "",
        f"{card.pairs} pairs · not supported: precision {card.precision.shown()}, recall {card.recall.shown()}"
        + (f" · verbatim quotes passing: {card.verbatim_pass_rate:.0%}" if card.verbatim_pass_rate is not None else "")
        + (f" · {card.unjudged} unjudged" if card.unjudged else ""),
        "",
        "| label \\ verdict | supported | not supported | no verdict |",
        "| --- | --- | --- | --- |",
    ]
    for label in ("supported", "not_supported"):
        row = card.confusion.get(label, {})
        lines.append(f"| {label} | {row.get('supported', 0)} | {row.get('not_supported', 0)} | {row.get('no verdict', 0)} |")
    lines += ["", "| kind | pairs | correct |", "| --- | --- | --- |"]
    lines += [f"| {kind} | {c.get('pairs', 0)} | {c.get('correct', 0)} |" for kind, c in card.by_kind.items()]
    return "\n".join(lines) + "\n"
