"""PDF structure from the layout: headings from type size and weight,
running headers and footers dropped, printed page labels kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import read_document

HEADER = "Greenvale ICB | Joint Forward Plan 2025/26"


def write_plan(path: Path, *, page_labels_from: int | None = None) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Microsoft Word - JFP_final_v3.docx")  # the kind of title a converter leaves behind
    if page_labels_from is not None:
        from reportlab.pdfbase.pdfdoc import PDFPageLabel

        pdf.addPageLabel(0, style=PDFPageLabel.ARABIC, start=page_labels_from)
    body = "Greenvale will open three new community diagnostic centres and extend their hours to twelve a day."
    pages = [
        [("Helvetica-Bold", 22, "Joint Forward Plan"), ("Helvetica-Bold", 15, "1 Urgent care")] + [("Helvetica", 10, body)] * 24,
        [
            ("Helvetica", 10, "Ambulance handovers will take no longer than 45 minutes by March."),
            ("Helvetica-Bold", 11, "Discharge"),
            ("Helvetica", 10, "Every hospital will run a discharge lounge seven days a week."),
        ],
        [
            ("Helvetica-Bold", 15, "2 Workforce"),
            ("Helvetica", 10, "The ICB will recruit 300 nurses from its own school leavers."),
        ],
    ]
    for number, lines in enumerate(pages, start=1):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(56, 810, HEADER)
        pdf.drawString(270, 28, f"Page {number} of {len(pages)}")
        y = 770
        for font, size, text in lines:
            y -= size * 1.6 if size > 10 else 13
            pdf.setFont(font, size)
            pdf.drawString(56, y, text)
        pdf.showPage()
    pdf.save()


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "greenvale-jfp.pdf"
    write_plan(path)
    return read_document(path, chunk_size=800, chunk_max=1200)


def by_phrase(chunks, phrase):
    return next(chunk for chunk in chunks if phrase in chunk.text)


def test_headings_come_from_type_size_and_weight(plan):
    info, chunks = plan
    assert info.title == "Joint Forward Plan"  # the largest type, not the converter's file name
    assert by_phrase(chunks, "community diagnostic centres").section == "1 Urgent care"
    assert by_phrase(chunks, "discharge lounge").section == "1 Urgent care › Discharge"
    assert by_phrase(chunks, "300 nurses").section == "2 Workforce"


def test_running_headers_footers_and_page_numbers_are_not_text_or_structure(plan):
    _, chunks = plan
    for chunk in chunks:
        assert "Greenvale ICB |" not in chunk.text and "Page " not in chunk.text
        assert not any("Greenvale ICB" in heading for heading in chunk.section_path)


def test_a_section_runs_over_the_page_break_and_keeps_each_page(plan):
    _, chunks = plan
    first, second = by_phrase(chunks, "community diagnostic centres"), by_phrase(chunks, "45 minutes")
    assert (first.section, first.page) == ("1 Urgent care", 1)
    assert (second.section, second.page) == ("1 Urgent care", 2)


def test_printed_page_labels_are_the_pages_cited(tmp_path):
    path = tmp_path / "labelled.pdf"
    write_plan(path, page_labels_from=12)
    _, chunks = read_document(path, chunk_size=800, chunk_max=1200)
    assert by_phrase(chunks, "45 minutes").page == 13
    assert by_phrase(chunks, "300 nurses").page == 14


def test_a_page_labelled_in_roman_numerals_is_cited_without_a_page_number(tmp_path):
    from pypdf import PdfReader, PdfWriter

    path = tmp_path / "front-matter.pdf"
    write_plan(path)

    writer = PdfWriter(clone_from=PdfReader(path))
    writer.set_page_label(0, 0, style="/r")  # the first page is "i"
    writer.set_page_label(1, 2, style="/D", start=1)  # then 1, 2
    writer.write(path)
    _, chunks = read_document(path, chunk_size=800, chunk_max=1200)
    assert by_phrase(chunks, "community diagnostic centres").page is None
    assert by_phrase(chunks, "45 minutes").page == 1
