"""Proposed cases the documents cannot answer: each is made only when the
corpus shows the thing asked for is not there, on a fictional corpus the
rules were not written against."""

from __future__ import annotations

from evals.near_misses import follow_on, moved_place, moved_year, near_misses, partial_rows, unanswered
from ingest import Chunk


def passage(text: str, position: int = 0) -> Chunk:
    return Chunk(
        id=f"p{position}",
        source="riverside.md",
        document="Riverside Health Strategy",
        position=position,
        text=text,
        section="Priorities",
        section_path=["Priorities"],
    )


CORPUS = [
    passage("The Riverside Falls Prevention Programme will reach 4,000 older people in Riverside by 2026.", 0),
    passage("The Riverside Health Board is chaired by Dr Amina Shah and meets monthly.", 1),
    passage("The Community Diagnostics Service will cost £2m a year and opens across Riverside.", 2),
    passage("The Riverside Carers Network supports unpaid carers in every ward of Riverside.", 3),
]


def test_a_thing_the_corpus_names_is_asked_about_only_for_what_no_passage_gives():
    falls = unanswered("Riverside Falls Prevention Programme", CORPUS)
    assert falls is not None and falls.question == "How much will the Riverside Falls Prevention Programme cost?"
    assert "1 passage(s) naming the Riverside Falls Prevention Programme" in falls.why
    # The diagnostics service has a cost: it is asked when it was introduced instead.
    service = unanswered("Community Diagnostics Service", CORPUS)
    assert service is not None and service.kind == "date" and "cost" not in service.question
    # The board has a named chair: who chairs it is not asked.
    board = unanswered("Riverside Health Board", CORPUS)
    assert board is not None and board.kind != "person"
    # A body whose chair no passage names is asked who chairs it.
    carers = unanswered("Riverside Carers Network", CORPUS, turn=0)
    assert carers is not None and carers.question == "Who chairs the Riverside Carers Network?"


def test_a_year_or_a_nation_no_document_mentions_moves_an_answerable_question():
    year = moved_year("How many older people will the programme reach by 2026?", CORPUS)
    assert year is not None and year.question == "How many older people will the programme reach by 2033?"
    assert moved_year("How many older people will the programme reach by 2025/26?", CORPUS).question.endswith("2033/34?")
    assert moved_year("Who chairs the Riverside Health Board?", CORPUS) is None
    place = moved_place("How many older people will the programme reach?", CORPUS, turn=1)
    assert place is not None and place.question == "In Scotland, how many older people will the programme reach?"
    assert moved_place("What does RFPP stand for?", CORPUS) is None
    assert moved_place("How many people live in Wales?", [*CORPUS, passage("Wales has its own NHS.", 9)], turn=0).name != "Wales"


def test_near_misses_take_their_kinds_in_turn_and_avoid_what_a_set_asks():
    answerable = ["How many older people will the Riverside Falls Prevention Programme reach by 2026?"]
    misses = near_misses(CORPUS, CORPUS, 4, answerable)
    assert len(misses) == 4 and {m.kind for m in misses} >= {"moved-date", "moved-place"}
    assert any(m.kind in ("cost", "date", "person", "count") for m in misses)  # about a thing the scope names
    assert sum(m.kind == "moved-place" for m in misses) <= 2  # no one kind makes a set
    again = near_misses(CORPUS, CORPUS, 4, answerable, avoid=[m.question for m in misses])
    assert not {m.question for m in again} & {m.question for m in misses}


def test_a_partial_case_adds_a_part_nothing_in_the_corpus_answers():
    row = {
        "id": "falls-01",
        "user_input": "What will the Riverside Carers Network do for unpaid carers?",
        "key_facts": ["every ward"],
    }
    [partial] = partial_rows([(row, "action", [CORPUS[3].text])], CORPUS, 3, "p")
    assert partial["user_input"] == "What will the Riverside Carers Network do for unpaid carers, and by when?"
    assert partial["answerability"] == "partial" and partial["key_facts"] == ["every ward"] and "falls-01" in partial["why"]
    # The programme has a date (2026): "by when?" is not asked of it; how much it costs is.
    falls = follow_on(
        "What will the Riverside Falls Prevention Programme do for older people?", "action", [CORPUS[0].text], CORPUS
    )
    assert falls is not None and falls.question.endswith(", and how much will it cost?")
    # Nothing is added to a question about what already is, or to an acronym.
    assert follow_on("How many older people live in Riverside?", "figure", [CORPUS[0].text], CORPUS) is None
    assert follow_on("What does RFPP stand for?", "body", [CORPUS[0].text], CORPUS) is None
