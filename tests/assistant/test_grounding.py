"""The grounding check on answers written by hand, with known verdicts."""

from __future__ import annotations

import pytest

from assistant.grounding import check_grounding
from assistant.models import Citation

PASSAGE = (
    "Tight operational capital budgets leave trusts with little headroom to invest in their estate, "
    "compounding the impact on the rising maintenance backlog which now stands at around £12bn. "
    "Continue implementation of the Messenger report, leadership for a collaborative and inclusive future."
)


def citation(n: int, text: str = PASSAGE) -> Citation:
    return Citation(
        n=n,
        quote="",
        document="A picture of health",
        source="a.txt",
        section="Commitment 2",
        commitment=2,
        chapter=None,
        paragraph=None,
        page=None,
        text=text,
        score=1.0,
    )


@pytest.mark.parametrize(
    "answer",
    [
        "The maintenance backlog now stands at around £12bn [1].",
        "The maintenance backlog stands at around £12 billion [1].",  # the same figure, spelt out
        "Trusts have little headroom to invest in their estate [1].",
        "The documents don't say when.",
        "Continue implementation of the Messenger report [1].",
    ],
)
def test_supported_sentences_pass(answer):
    report = check_grounding(answer, [citation(1)])
    assert (report.supported, report.total, report.score, report.unsupported) == (1, 1, 1.0, [])


@pytest.mark.parametrize(
    "answer, reason",
    [
        ("The maintenance backlog now stands at around £15bn [1].", "the figure '£15bn' is not in the cited passage"),
        ("The maintenance backlog will be cleared by 2025 [1].", "the figure '2025' is not in the cited passage"),
        ("Sir Simon Stevens said the maintenance backlog is rising [1].", "the name 'Simon' is not in the cited passage"),
        ("The maintenance backlog now stands at around £12bn.", "cites no passage"),
        ("The maintenance backlog is £40bn.", "cites no passage; the figure '£40bn' is not in any retrieved passage"),
        ("The maintenance backlog now stands at around £12bn [2].", "cites [2], which is not a retrieved passage"),
        (
            "Hospital car parks will be free for nurses and pizza ovens installed [1].",
            "only 0% of its words are in the cited passage",
        ),
    ],
)
def test_unsupported_sentences_are_caught_with_the_reason(answer, reason):
    report = check_grounding(answer, [citation(1)])
    assert (report.supported, report.total, report.score) == (0, 1, 0.0)
    assert report.unsupported[0].reason == reason


def test_a_sentence_is_judged_against_the_passage_it_cites_not_another():
    other = citation(2, "Every £1 spent on healthcare returns £4 in increased productivity and employment.")
    report = check_grounding("Every £1 spent on healthcare returns £4 [1]. Every £1 spent returns £4 [2].", [citation(1), other])
    assert report.supported == 1 and report.total == 2
    assert report.unsupported[0].sentence.endswith("[1].")


def test_a_partly_grounded_answer_is_scored_by_sentence():
    answer = "The maintenance backlog stands at around £12bn [1]. It will be cleared by 2030 with £50bn [1]."
    report = check_grounding(answer, [citation(1)])
    assert (report.supported, report.total, report.score) == (1, 2, 0.5)
