"""Sentence shapes the briefing builder reads, on text the bundled corpus
never uses (a fictional borough strategy): each shape gives the question a
trainer would ask and a short verbatim answer, and the misreadings that
once made stiff or wrong cards give none."""

from __future__ import annotations

import pytest

from assistant.briefing.facts import facts_of, presentable
from ingest import Chunk


def chunk(text: str) -> Chunk:
    return Chunk(
        id="riverside-0",
        source="riverside.md",
        document="Riverside Community Health Strategy",
        position=0,
        text=text,
        section="Chapter 3: Care closer to home",
        section_path=["Chapter 3: Care closer to home"],
        chapter=3,
    )


def asked(text: str) -> dict[str, str]:
    return {fact.question: fact.answer for fact in facts_of(chunk(text))}


@pytest.mark.parametrize(
    "text, question, answer",
    [
        # examples of what a bullet names, or of the ways to do what it asks
        (
            "- Develop new routes into social work e.g. degree apprenticeships and return-to-practice schemes",
            "What does chapter 3 give as examples of new routes into social work?",
            "degree apprenticeships and return-to-practice schemes",
        ),
        (
            "- Improve recruitment of carers e.g. guaranteed hours, paid training and travel time",
            "What does chapter 3 give as examples of ways to improve recruitment of carers?",
            "guaranteed hours, paid training and travel time",
        ),
        (
            "- Reduce delays in discharge e.g. step-down beds, discharge lounges and transport support",
            "What does chapter 3 give as examples of ways to reduce delays in discharge?",
            "step-down beds, discharge lounges and transport support",
        ),
        # what an action is for
        (
            "We will expand the district nursing service, so that more patients are cared for at home.",
            "Why will the authors expand the district nursing service?",
            "so that more patients are cared for at home",
        ),
        (
            "Budgets for each neighbourhood will be agreed for three years, which will allow teams to plan services ahead.",
            "What will budgets for each neighbourhood allow?",
            "teams to plan services ahead",
        ),
        # figures said in words inside a list of what will happen
        (
            "Over the next three years we will recruit more staff, including thousands more care workers for home care, "
            "and hundreds more district nurses.",
            "How many more care workers for home care will there be, according to chapter 3?",
            "thousands",
        ),
        (
            "Over the next three years we will recruit more staff, including thousands more care workers for home care, "
            "and hundreds more district nurses.",
            "How many more district nurses will there be, according to chapter 3?",
            "hundreds",
        ),
        # what a chapter covers
        (
            "Chapter Three sets out how the council and the trust will reduce waiting lists for assessments.",
            "What does chapter 3 set out?",
            "how the council and the trust will reduce waiting lists for assessments",
        ),
        # a second statement about the same subject
        (
            "The new wellbeing hub will open by March 2026 and will then be the base for community mental health teams.",
            "What will be the base for community mental health teams?",
            "The new wellbeing hub",
        ),
        (
            "The new wellbeing hub will open by March 2026 and will then be the base for community mental health teams.",
            "By when will the new wellbeing hub open?",
            "by March 2026",
        ),
        # an acronym whose words are listed with commas
        (
            "Working with the voluntary, community and faith (VCF) sector, the partnership will widen access to advice.",
            "What does VCF stand for?",
            "voluntary, community and faith",
        ),
        # "continue to" is no purpose; "to support …" is
        (
            "- Continue to invest in shared care records to support joined-up care across the borough.",
            "How does chapter 3 propose to support joined-up care across the borough?",
            "Continue to invest in shared care records",
        ),
        # a figure keeps the year it is for, and leaves an add-on with its own date out
        (
            "In 2025/26, 5,000 residents will be able to book appointments online with coverage extended to every practice by 2027.",
            "How many residents will be able to book appointments online in 2025/26?",
            "5,000",
        ),
    ],
)
def test_each_shape_becomes_the_question_a_trainer_would_ask(text, question, answer):
    facts = asked(text)
    assert facts.get(question) == answer, facts
    assert presentable(question, answer)


@pytest.mark.parametrize(
    "text, unwanted",
    [
        ("People affected by flooding need practical and emotional support.", "Who affected"),  # a participle is no verb
        ("Growth in spending on prevention to continue at a faster rate than the overall budget.", "What spending"),
        ("- Taking measures to improve air quality in the borough.", "Taking measures"),  # names no means
        ("- Maintaining good progress and continuing to improve outcomes for children.", "include to improve"),
        ("- See beyond the waiting list as a measure of access.", "about beyond"),  # no object to ask about
        ("Where individuals are identified with high blood pressure, treatment will follow.", "Where individuals"),
        (
            "In 2025/26, 5,000 residents will be able to book appointments online with coverage extended to every practice by 2027.",
            "by 2027",  # the date of the add-on, not of the online booking
        ),
        ("The strategy covers the following priorities for the borough:", "the following"),  # points at a list it lacks
    ],
)
def test_misreadings_make_no_card(text, unwanted):
    for question, answer in asked(text).items():
        assert unwanted not in question and unwanted not in answer, (question, answer)


def test_the_first_action_of_a_list_item_and_its_second_are_asked_apart():
    facts = asked("- Agree a shared outcomes framework for the borough, and pursue equity of access to talking therapies.")
    assert facts["What does chapter 3 say should be done about equity of access to talking therapies?"] == (
        "pursue equity of access to talking therapies"
    )
    assert "Agree a shared outcomes framework for the borough" in facts.values()
    # "Fund and deliver the plan" is one action with two verbs, not two actions
    assert list(asked("- Fund and deliver the borough workforce plan.").values()) == [
        "Fund and deliver the borough workforce plan"
    ]
