"""Scope words: a question that names a framework item is steered to it."""

from __future__ import annotations

import pytest

from vectorstore.scope import scope_of


@pytest.mark.parametrize(
    "question, item",
    [
        ("What does priority 2 say about retention?", ("priority", 2)),
        ("What is aim four of the digital strategy?", ("aim", 4)),
        ("Summarise the third objective", ("objective", 3)),
        ("What do pledges 3 cover?", ("pledge", 3)),
        ("What does theme 1 of the winter plan say?", ("theme", 1)),
        ("What is the last priority?", None),  # how many there are depends on the document
        ("What are the priorities for 2025?", None),
        ("What does priority 42 say?", None),
    ],
)
def test_a_named_item_becomes_the_scope(question, item):
    scope = scope_of(question, [], set())
    assert scope.item == item
    if item:
        assert scope.where() == {"$and": [{"framework_kind": item[0]}, {"framework_number": item[1]}]}


def test_the_bundled_kinds_keep_their_own_fields():
    scope = scope_of("What does commitment 3 say?", [], set())
    assert (scope.commitment, scope.item) == (3, None)


def test_a_chapter_of_a_named_plan_is_searched_wherever_the_plan_is_quoted(corpus_library):
    """ "Chapter 6 of the NHS Long Term Plan" names the summary by its title;
    the Oxfordshire paper quotes the same chapter, so it is searched too, and
    only inside that chapter."""
    documents = corpus_library.documents()
    scope = scope_of("What does chapter 6 of the NHS Long Term Plan say about efficiency?", documents, set())
    assert scope.chapter == 6
    assert scope.sources == {"nhs-long-term-plan-summary.txt", "oxfordshire-hib-long-term-plan-paper.txt"}
    # Without a chapter the plan's own title keeps to the plan: the paper's commentary is not the plan.
    assert scope_of("What does the NHS Long Term Plan say about efficiency?", documents, set()).sources == {
        "nhs-long-term-plan-summary.txt"
    }
    assert scope_of("What is commitment 3 in A picture of health?", documents, set()).sources <= {
        "a-picture-of-health.txt",
        "a-picture-of-health-summary.txt",
    }
