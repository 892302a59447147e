"""A document's date, as ISO, from wherever it is given: the manifest, a
sidecar or form ("January 2019"), or the file's own properties."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from ingest import read_document
from ingest.dates import iso_date, spoken_date
from ingest.sidecar import DocumentMetadata


@pytest.mark.parametrize(
    "given, iso",
    [
        ("2019", "2019"),
        ("2019-01", "2019-01"),
        ("2019-1", "2019-01"),
        ("2019-02-14", "2019-02-14"),
        ("2019-02-14T09:30:00Z", "2019-02-14"),
        ("January 2019", "2019-01"),
        ("Jan 2019", "2019-01"),
        ("14 February 2019", "2019-02-14"),
        ("14th Feb, 2019", "2019-02-14"),
        ("February 14, 2019", "2019-02-14"),
        ("14/02/2019", "2019-02-14"),  # day first, as written in the UK
        ("D:20190107120000Z", "2019-01-07"),  # a PDF's CreationDate
        (date(2024, 3, 1), "2024-03-01"),
        (datetime(2024, 3, 1, 12, 0), "2024-03-01"),
        ("2019/20", None),  # a financial year is a span, not a date
        ("Spring 2024", None),
        ("2019-13", None),
        ("2019-02-30", None),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_read_to_the_precision_given(given, iso):
    assert iso_date(given) == iso


def test_dates_are_spoken_as_people_write_them():
    assert [spoken_date(d) for d in ("2019", "2019-01", "2019-02-14", None)] == ["2019", "January 2019", "14 February 2019", None]


def test_a_date_no_one_can_read_is_refused_with_what_to_write():
    assert DocumentMetadata(date="March 2025").date == "2025-03"
    with pytest.raises(ValueError, match="is no date: use 2019, 2019-01"):
        DocumentMetadata(date="next spring")


def test_each_format_gives_its_own_date(tmp_path: Path):
    import docx
    from pypdf import PdfWriter
    from reportlab.pdfgen import canvas

    (tmp_path / "note.md").write_text("---\ntitle: Ward note\ndate: 2025-03-14\n---\n# Ward note\n\nThe ward reopens in June.\n")
    (tmp_path / "page.html").write_text(
        '<html><head><title>Clinic news</title><meta name="date" content="2024-11-02"></head>'
        "<body><h1>Clinic news</h1><p>The clinic opens at eight every weekday from next month.</p></body></html>"
    )
    document = docx.Document()
    document.add_paragraph("The hub will open three new clinics for older people this winter.")
    document.core_properties.created = datetime(2023, 5, 9, 10, 0)
    document.save(str(tmp_path / "plan.docx"))
    pdf = canvas.Canvas(str(tmp_path / "draft.pdf"))
    pdf.drawString(72, 720, "The trust will recruit forty more nurses for its community teams next year.")
    pdf.save()
    writer = PdfWriter(clone_from=str(tmp_path / "draft.pdf"))
    writer.add_metadata({"/CreationDate": "D:20220817090000Z"})  # reportlab writes its own "now"
    writer.write(str(tmp_path / "report.pdf"))

    dates = {
        name: read_document(tmp_path / name, 1200, 2000)[0].date for name in ("note.md", "page.html", "plan.docx", "report.pdf")
    }
    assert dates == {"note.md": "2025-03-14", "page.html": "2024-11-02", "plan.docx": "2023-05-09", "report.pdf": "2022-08-17"}
    info, chunks = read_document(tmp_path / "note.md", 1200, 2000)
    assert info.title == "Ward note" and all("date:" not in chunk.text for chunk in chunks)  # front matter is no content


def test_a_sidecar_date_and_edition_win_over_the_files_own(tmp_path: Path):
    (tmp_path / "note.md").write_text("---\ndate: 2025-03-14\n---\n# Ward note\n\nThe ward reopens in June.\n")
    (tmp_path / "note.md.meta.toml").write_text('date = "April 2025"\nedition = "Second edition"\n')
    info, _ = read_document(tmp_path / "note.md", 1200, 2000)
    assert (info.date, info.edition) == ("2025-04", "Second edition")
