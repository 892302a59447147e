"""Writes the suite's Word and PDF documents from their layouts in
``layouts.py``, the way an office suite or a publisher's template would:
Word heading, title and numbered-list styles; PDFs with fonts, running
headers and footers, and sections that run over several pages."""

from __future__ import annotations

from pathlib import Path

from .layouts import Layout


def render(layout: Layout, folder: Path) -> Path:
    path = folder / layout.file
    if path.suffix == ".docx":
        _docx(layout, path)
    else:
        _pdf(layout, path)
    return path


def _docx(layout: Layout, path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = layout.title
    for style, text in layout.blocks:
        if style == "title":
            document.add_paragraph(text, style="Title")
        elif style in ("h1", "h2", "h3"):
            document.add_heading(text, level=int(style[1]))
        elif style == "ol":
            document.add_paragraph(text, style="List Number")
        elif style == "li":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    document.save(str(path))


def _pdf(layout: Layout, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    sheet = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sheet["Normal"], fontSize=10, leading=13, spaceAfter=layout.paragraph_space)
    bold = layout.heading_font_sizes is None  # headings in bold at body size, as some templates set them
    sizes = layout.heading_font_sizes or (10, 10, 10)
    styles = {
        "title": ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=20, leading=24, spaceAfter=12),
        **{
            f"h{n}": ParagraphStyle(
                f"h{n}",
                parent=body,
                fontName="Helvetica-Bold" if bold or n < 3 else "Helvetica-Oblique",
                fontSize=size,
                leading=size * 1.25,
                spaceBefore=8,
                spaceAfter=4,
            )
            for n, size in enumerate(sizes, start=1)
        },
        "p": body,
        "li": ParagraphStyle("li", parent=body, leftIndent=14, spaceAfter=2),
        "ol": ParagraphStyle("ol", parent=body, leftIndent=14, spaceAfter=2),
    }

    def furniture(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if layout.running_header:
            canvas.drawString(56, A4[1] - 36, layout.running_header)
        if layout.running_footer:
            canvas.drawString(56, 30, layout.running_footer.format(page=document.page))
        canvas.restoreState()

    story = []
    numbers = 0
    for style, text in layout.blocks:
        numbers = numbers + 1 if style == "ol" else 0
        shown = f"{numbers}. {text}" if style == "ol" else f"• {text}" if style == "li" else text
        story.append(Paragraph(shown, styles[style]))
    template = SimpleDocTemplate(str(path), pagesize=A4, title=layout.title, topMargin=72, bottomMargin=72)
    template.build(story, onFirstPage=furniture, onLaterPages=furniture)
