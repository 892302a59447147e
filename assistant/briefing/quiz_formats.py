"""The formats trainers' tools import: Moodle XML and GIFT for learning
platforms, and an Anki deck (``.apkg``, written by genanki).

Multiple-choice cards become single-answer multiple-choice questions whose
wrong options carry, as feedback, where they really come from; true/false
cards become true/false questions; a card without options becomes an essay
question whose grader information is the answer and its source. Every
question's general feedback quotes the sentence the answer rests on.
"""

from __future__ import annotations

import hashlib
import html
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from ..sentences import without_marks
from .builder import BriefingCard
from .export import answer_line, letter, xml_safe

_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def _explained(card: BriefingCard) -> str:
    sources = "; ".join(f"[{c.n}] {c.reference}" for c in card.citations)
    quote = f"“{card.quote}” " if card.quote else ""
    return f"{quote}Source: {sources}"


def moodle(cards: list[BriefingCard], title: str) -> bytes:
    quiz = ET.Element("quiz")
    category = ET.SubElement(ET.SubElement(quiz, "question", type="category"), "category")
    ET.SubElement(category, "text").text = xml_safe(f"$course$/top/{title}")

    def text_in(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, tag, {"format": "html", **attributes})
        ET.SubElement(element, "text").text = f"<p>{html.escape(xml_safe(text))}</p>"
        return element

    for number, card in enumerate(cards, start=1):
        kind = {"multiple_choice": "multichoice", "true_false": "truefalse"}.get(card.kind, "essay")
        question = ET.SubElement(quiz, "question", type=kind)
        ET.SubElement(ET.SubElement(question, "name"), "text").text = xml_safe(f"Q{number:02d} {card.question}")[:250]
        text_in(question, "questiontext", card.question)
        text_in(question, "generalfeedback", _explained(card))
        ET.SubElement(question, "defaultgrade").text = "1"
        if kind == "multichoice":
            ET.SubElement(question, "single").text = "true"
            ET.SubElement(question, "shuffleanswers").text = "true"
            ET.SubElement(question, "answernumbering").text = "ABCD"
            for option in card.options:
                answer = text_in(question, "answer", option.text, fraction="100" if option.correct else "0")
                text_in(answer, "feedback", f"From: {option.source}" if option.source else "")
        elif kind == "truefalse":
            for option in card.options:
                answer = ET.SubElement(question, "answer", fraction="100" if option.correct else "0", format="moodle_auto_format")
                ET.SubElement(answer, "text").text = option.text.lower()
                feedback = ET.SubElement(ET.SubElement(answer, "feedback"), "text")
                feedback.text = xml_safe(without_marks(card.answer))
        else:
            ET.SubElement(question, "responseformat").text = "editor"
            text_in(question, "graderinfo", f"{without_marks(card.answer)} — {_explained(card)}")
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n"


def _gift(text: str) -> str:
    return _GIFT_SPECIAL.sub(r"\\\1", " ".join(xml_safe(text).split()))


def gift(cards: list[BriefingCard], title: str) -> bytes:
    lines = [f"// {' '.join(title.split())}", f"$CATEGORY: {_gift(title)}", ""]
    for number, card in enumerate(cards, start=1):
        head = f"::Q{number:02d}:: {_gift(card.question)}"
        general = f"####{_gift(_explained(card))}"
        if card.kind == "multiple_choice":
            options = [
                f"\t{'=' if o.correct else '~'}{_gift(o.text)}#{_gift('Right.' if o.correct else f'From: {o.source}')}"
                for o in card.options
            ]
            lines += [head + " {", *options, f"\t{general}", "}", ""]
        elif card.kind == "true_false":
            truth = next((o.text for o in card.options if o.correct), "True")
            lines += [f"{head} {{{'TRUE' if truth == 'True' else 'FALSE'}#{_gift(without_marks(card.answer))}{general}}}", ""]
        else:
            lines += [f"{head} {{{general}}}", ""]
    return "\n".join(lines).encode()


def anki(cards: list[BriefingCard], title: str) -> bytes:
    import genanki

    def stable_id(text: str) -> int:
        return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) + (1 << 30)

    model = genanki.Model(
        stable_id("policy-assistant briefing card v1"),
        "Policy Assistant briefing card",
        fields=[{"name": name} for name in ("Question", "Options", "Answer", "Quote", "Source")],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Question}}<br>{{Options}}",
                "afmt": "{{FrontSide}}<hr id=answer><b>{{Answer}}</b><br><i>{{Quote}}</i><br><small>{{Source}}</small>",
            }
        ],
    )
    deck = genanki.Deck(stable_id(f"deck {title}"), xml_safe(title))
    for card in cards:
        options = "<br>".join(html.escape(f"{letter(i)}. {o.text}") for i, o in enumerate(card.options))
        fields = [card.question, "", answer_line(card), card.quote, "; ".join(c.reference for c in card.citations)]
        fields = [html.escape(xml_safe(f)) for f in fields]
        fields[1] = xml_safe(options)
        deck.add_note(genanki.Note(model=model, fields=fields, guid=genanki.guid_for(title, card.question)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()
