"""Handing a pack out: Markdown and Word laid out for printing (cards grouped
by commitment or chapter, sources as numbered footnotes; the Word handout as
a question sheet and a separate answer sheet), CSV, JSON (the citation
contract of ``ask``), the evaluation test-set JSONL so that a pack can become
a regression set, and the quiz formats learning platforms import (``quiz_formats``)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from typing import Literal

from ..figures import FIGURE, YEAR
from ..sentences import CITATION_MARK, split_sentences, without_marks
from .builder import BriefingCard

Format = Literal["md", "docx", "csv", "jsonl", "json", "moodle", "gift", "apkg"]
FORMATS: tuple[Format, ...] = ("md", "docx", "csv", "jsonl", "json", "moodle", "gift", "apkg")
SUFFIXES: dict[str, str] = {"moodle": "xml", "gift": "gift.txt", "apkg": "apkg"}
MEDIA_TYPES: dict[str, str] = {
    "md": "text/markdown",
    "csv": "text/csv",
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "moodle": "application/xml",
    "gift": "text/plain",
    "apkg": "application/octet-stream",
}
_KEY_FACT = re.compile(rf"{FIGURE.pattern}|\b{YEAR}\b")  # figures and dates a correct answer must repeat


def export(cards: list[BriefingCard], fmt: Format, title: str) -> bytes:
    from .quiz_formats import anki, gift, moodle

    cards = [card for card in cards if card.status != "dropped"]
    writers = {
        "md": _markdown,
        "docx": _docx,
        "csv": _csv,
        "jsonl": _jsonl,
        "json": _json,
        "moodle": moodle,
        "gift": gift,
        "apkg": anki,
    }
    return writers[fmt](cards, title)


def file_name(fmt: Format) -> str:
    return f"briefing.{SUFFIXES.get(fmt, fmt)}"


def letter(index: int) -> str:
    return chr(ord("A") + index)


def answer_line(card: BriefingCard) -> str:
    """The answer as an answer sheet gives it: a multiple-choice card's right
    option with its letter, else the answer without its [n] markers."""
    right = [f"{letter(i)}. {o.text}" for i, o in enumerate(card.options) if o.correct]
    return right[0] if right and card.kind == "multiple_choice" else without_marks(card.answer)


# Characters XML cannot hold (controls other than tab and line breaks, lone
# surrogates, U+FFFE/U+FFFF); a card edited by hand or text from an odd PDF
# may carry them, and a handout or quiz file should still come out.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def _grouped(cards: list[BriefingCard]) -> dict[str, list[BriefingCard]]:
    groups: dict[str, list[BriefingCard]] = defaultdict(list)
    for card in cards:
        groups[card.group].append(card)
    return groups


def _footnoted(card: BriefingCard, first: int) -> tuple[str, list[str]]:
    """The answer with its [n] markers turned into pack-wide footnote numbers."""
    numbers = {c.n: first + i for i, c in enumerate(card.citations)}
    text = CITATION_MARK.sub(lambda m: f"[^{numbers.get(int(m.group(1)), m.group(1))}]", card.answer)
    return text, [c.reference for c in card.citations]


def _markdown(cards: list[BriefingCard], title: str) -> bytes:
    lines = [f"# {title}", "", f"{len(cards)} questions and answers, each grounded in the cited source.", ""]
    notes: list[str] = []
    number = 1
    for group, group_cards in _grouped(cards).items():
        lines += [f"## {group}", ""]
        for card in group_cards:
            text, sources = _footnoted(card, len(notes) + 1)
            notes += sources
            lines += [f"**Q{number}. {card.question}**", ""]
            lines += [f"- {letter(i)}. {o.text}" + (" ✓" if o.correct else "") for i, o in enumerate(card.options)]
            lines += ["", text, ""] if card.options else [text, ""]
            if card.quote:
                lines += [f"> {card.quote}", ""]
            lines += [f"*{card.kind.replace('_', ' ')}*", ""]
            number += 1
    lines += ["---", ""] + [f"[^{i}]: {note}" for i, note in enumerate(notes, start=1)]
    return ("\n".join(lines) + "\n").encode()


def _docx(cards: list[BriefingCard], title: str) -> bytes:
    import docx
    from docx.shared import Cm, Pt

    title = xml_safe(title)
    document = docx.Document()
    for section in document.sections:  # A4 with print margins
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2)
    document.core_properties.title = title
    document.add_heading(title, level=0)
    document.add_paragraph(f"{len(cards)} questions. The answers, each with its source, are on the answer sheet.")
    number = 1
    for group, group_cards in _grouped(cards).items():
        document.add_heading(xml_safe(group), level=1)
        for card in group_cards:
            question = document.add_paragraph()
            question.add_run(xml_safe(f"Q{number}. {card.question}")).bold = True
            question.paragraph_format.keep_with_next = bool(card.options)
            for i, option in enumerate(card.options):
                document.add_paragraph(xml_safe(f"{letter(i)}. {option.text}"), style="List Bullet")
            number += 1
    document.add_page_break()
    document.add_heading("Answer sheet", level=1)
    for number, card in enumerate((c for group in _grouped(cards).values() for c in group), start=1):
        answer = document.add_paragraph()
        answer.add_run(f"A{number}. ").bold = True
        answer.add_run(xml_safe(answer_line(card)))
        answer.paragraph_format.keep_with_next = True
        if card.quote:
            quote = document.add_paragraph(xml_safe(f"“{card.quote}”"))
            quote.runs[0].font.size = Pt(9)
        for citation in card.citations:
            source = document.add_paragraph()
            run = source.add_run(xml_safe(f"Source [{citation.n}]: {citation.reference}"))
            run.italic, run.font.size = True, Pt(9)
        for i, option in enumerate(card.options):
            if not option.correct and option.source:
                note = document.add_paragraph()
                run = note.add_run(xml_safe(f"{letter(i)} ({option.text}) comes from: {option.source}"))
                run.font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _csv(cards: list[BriefingCard], title: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "question",
            "answer",
            "kind",
            "group",
            "document",
            "section",
            "framework_item",
            "commitment",
            "chapter",
            "paragraph",
            "page",
            "grounded",
            "quote",
            "round_trip",
            "options",
        ]
    )
    for card in cards:
        first = card.citations[0]
        writer.writerow(
            [
                card.question,
                card.answer,
                card.kind,
                card.group,
                first.document,
                first.section,
                first.framework_item.label if first.framework_item else "",
                first.commitment or "",
                first.chapter or "",
                first.paragraph or "",
                first.page or "",
                f"{card.grounding.supported}/{card.grounding.total}",
                card.quote,
                str(card.round_trip).lower(),
                " | ".join(("* " if o.correct else "") + o.text for o in card.options),
            ]
        )
    return buffer.getvalue().encode()


def _json(cards: list[BriefingCard], title: str) -> bytes:
    return json.dumps(
        [
            card.model_dump(
                include={
                    "question",
                    "answer",
                    "kind",
                    "fact_kind",
                    "citations",
                    "grounding",
                    "group",
                    "status",
                    "quote",
                    "round_trip",
                    "options",
                }
            )
            for card in cards
        ],
        indent=2,
        ensure_ascii=False,
    ).encode()


def _jsonl(cards: list[BriefingCard], title: str) -> bytes:
    """The evaluation test-set format (evals/testset.py)."""
    prefix = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "briefing"
    rows = []
    for number, card in enumerate(cards, start=1):
        plain = without_marks(card.answer)
        rows.append(
            {
                "id": f"{prefix}-{number:02d}",
                "user_input": card.question,
                "reference": plain,
                # Sentence by sentence: a quote may join sentences that are not adjacent in the passage.
                "reference_contexts": [sentence for c in card.citations for sentence in split_sentences(c.quote)],
                "reference_sections": [
                    {
                        k: v
                        for k, v in {
                            "document": c.source,
                            "commitment": c.commitment,
                            "chapter": c.chapter,
                            "paragraph": c.paragraph,
                            "framework_item": (
                                {"kind": c.framework_item.kind, "number": c.framework_item.number} if c.framework_item else None
                            ),
                        }.items()
                        if v
                    }
                    for c in card.citations
                ],
                # The figures it gives; else the short answer itself ("Increase CDEL"), which a right answer quotes.
                "key_facts": list(dict.fromkeys(_KEY_FACT.findall(plain)))[:3] or ([plain] if len(plain.split()) <= 8 else []),
                "tags": ["briefing", card.kind],
            }
        )
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
