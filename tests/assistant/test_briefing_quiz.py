"""Quiz packs and the files learning platforms import, each parsed back with
a reader that is not ours: ElementTree for Moodle XML, pygiftparser for GIFT,
zipfile and sqlite3 for the Anki deck, python-docx for the Word sheets."""

from __future__ import annotations

import io
import json
import sqlite3
import warnings
import xml.etree.ElementTree as ET
import zipfile

import pytest

from assistant.briefing import build_briefing
from assistant.briefing.export import export

SCOPES = [f"commitment {n}" for n in range(1, 6)] + [f"chapter {n}" for n in range(1, 8)]


@pytest.fixture(scope="module")
def quizzes(assistant):
    return {scope: build_briefing(assistant, scope, 8, quiz=True).cards for scope in SCOPES}


def test_every_multiple_choice_card_has_one_right_option_and_wrong_ones_from_elsewhere(quizzes):
    kinds = [card.kind for cards in quizzes.values() for card in cards]
    assert kinds.count("multiple_choice") >= 20 and kinds.count("true_false") >= 3
    for cards in quizzes.values():
        for card in cards:
            if card.kind == "multiple_choice":
                assert len(card.options) == 4 and sum(o.correct for o in card.options) == 1, card
                assert len({o.text.lower() for o in card.options}) == 4
                own = " ".join(c.text for c in card.citations).lower()
                for option in card.options:
                    if not option.correct:
                        # never also true for the question, and it says where it really comes from
                        assert option.text.lower() not in own and option.source, (card.question, option)
            elif card.kind == "true_false":
                assert [o.text for o in card.options] == ["True", "False"] and sum(o.correct for o in card.options) == 1
                assert card.question.startswith("True or false: ")
                false = card.options[1].correct
                assert (card.question.removeprefix("True or false: ").rstrip(".") in card.quote) != false


def test_moodle_xml_parses_and_keeps_the_right_answers(quizzes):
    cards = [card for pack in quizzes.values() for card in pack]
    root = ET.fromstring(export(cards, "moodle", "Briefing quiz"))
    questions = root.findall("question")
    assert questions[0].get("type") == "category"
    assert len(questions) == len(cards) + 1
    for card, question in zip(cards, questions[1:], strict=True):
        expected = {"multiple_choice": "multichoice", "true_false": "truefalse"}.get(card.kind, "essay")
        assert question.get("type") == expected
        assert card.question[:40] in (question.findtext("questiontext/text") or "").replace("&#x27;", "'")
        fractions = [a.get("fraction") for a in question.findall("answer")]
        if expected == "multichoice":
            assert fractions.count("100") == 1 and len(fractions) == 4
        elif expected == "truefalse":
            right = next(a.findtext("text") for a in question.findall("answer") if a.get("fraction") == "100")
            assert right == next(o.text for o in card.options if o.correct).lower()
        else:
            assert question.findtext("graderinfo/text")


def test_gift_parses_with_an_independent_reader(quizzes):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the reader's own imports warn on a modern Python
        from pygiftparser import parser

    cards = [card for pack in quizzes.values() for card in pack]
    parsed = parser.parseFile(io.StringIO(export(cards, "gift", "Briefing: quiz").decode()))
    assert len(parsed) == len(cards) and all(q.valid for q in parsed)
    for card, question in zip(cards, parsed, strict=True):
        kind = type(question.answers).__name__
        if card.kind == "multiple_choice":
            assert kind == "SelectSet"
            right = [a.answer for a in question.answers.answers if a.fraction == 100]
            assert len(right) == 1 and right[0].replace("\\", "") == next(o.text for o in card.options if o.correct)
        elif card.kind == "true_false":
            assert kind == "TrueFalseSet" and question.answers.answer == card.options[0].correct
        else:
            assert kind == "Essay"


def test_the_anki_deck_opens_as_a_collection(quizzes, tmp_path):
    cards = quizzes["commitment 3"]
    archive = zipfile.ZipFile(io.BytesIO(export(cards, "apkg", "Workforce")))
    assert "collection.anki2" in archive.namelist()
    path = tmp_path / "collection.anki2"
    path.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(path) as db:
        notes = [row[0].split("\x1f") for row in db.execute("select flds from notes")]
        assert db.execute("select count(*) from cards").fetchone()[0] == len(cards)
    assert sorted(n[0] for n in notes) == sorted(_html(c.question) for c in cards)
    assert all(n[4] for n in notes)  # every note names its source


def test_the_word_quiz_has_a_question_sheet_and_an_answer_sheet(quizzes):
    import docx

    cards = quizzes["chapter 1"]
    document = docx.Document(io.BytesIO(export(cards, "docx", "Service model quiz")))
    texts = [p.text for p in document.paragraphs]
    sheet = texts.index("Answer sheet")
    options = [t for t in texts[:sheet] if t[:3] in ("A. ", "B. ", "C. ", "D. ")]
    assert len(options) == sum(len(c.options) for c in cards)
    answers = [t for t in texts[sheet:] if t.startswith("A") and ". " in t[:4]]
    assert len(answers) == len(cards)
    assert any(t.startswith("Source [1]: ") for t in texts[sheet:])
    assert not any(t.startswith("Source [") for t in texts[:sheet])


def test_json_quiz_cards_carry_the_contract_fields(quizzes):
    cards = json.loads(export(quizzes["chapter 7"], "json", "t"))
    for card in cards:
        assert {"question", "answer", "kind", "citations", "grounding", "quote", "round_trip", "options"} <= set(card)
        for option in card["options"]:
            assert set(option) == {"text", "correct", "source"}


def _html(text: str) -> str:
    import html

    return html.escape(text)
