"""PDF pages into blocks, from the layout: fonts, positions and page labels.

Plain text extraction loses what a reader sees at a glance, so this reads
each line with its font (through pdfplumber, MIT licensed):

* **headings** are lines set larger than the body text, or in bold at body
  size; their level follows the size (largest first), not the line length;
* **running headers and footers** are lines in the top or bottom margin that
  repeat, digits aside, on many pages ("Northfield Trust | Annual plan",
  "Page 7 of 30"), and bare page numbers; they are furniture, not structure;
* **paragraphs** end where the gap between lines widens, not where a line
  happens to be short;
* **pages** are the page labels the PDF prints ("37"), when it has them, else
  the page's position in the file; a page labelled "iv" is cited without a
  page number rather than with a wrong one.

A PDF with one font size throughout gives no such signal; its lines are then
rebuilt into paragraphs from their widths and left to the outline's text
heuristics (``_reflow``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from statistics import median

from .dates import iso_date
from .models import Block, LoadedDocument
from .text_blocks import BULLET, blocks_from_text, clean_inline, looks_like_heading

# A line this much larger than the body text is a heading.
_HEADING_RATIO = 1.12
# Lines within this share of the page height from its top or bottom edge are
# where running headers and footers live.
_MARGIN_SHARE = 0.1
_PAGE_NUMBER_LINE = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|,b\b", re.IGNORECASE)
_JUNK_TITLES = re.compile(r"^(?:\(?anonymous\)?|untitled|microsoft word\b.*|.*\.(?:docx?|pdf|indd))$", re.IGNORECASE)
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)\s*")
_NUMBERED_LINE = re.compile(r"^\(?\d{1,2}[.)]\s+\S")


class PdfError(Exception):
    """The PDF cannot be read; the message says why."""


@dataclass
class _Line:
    text: str
    size: float
    bold: bool
    top: float
    bottom: float
    right: float
    page: int | None  # the printed page label, or the page's position in the file
    in_margin: bool


def read_pdf(path: Path) -> LoadedDocument:
    pages, title, date_hint = _read_lines(path)
    running = _running_lines(pages)
    lines = [line for page in pages for line in page if _shape(line.text) not in running]
    body = _body_size(lines)
    levels = _heading_levels(lines, body)
    if levels:
        blocks = _blocks_by_layout(lines, body, levels)
    else:
        blocks = []
        for page in pages:
            kept = [line.text for line in page if _shape(line.text) not in running]
            if kept:
                blocks.extend(blocks_from_text(_reflow(kept), page=page[0].page))
    return LoadedDocument(path.name, blocks, title_hint=title, headings_known=bool(levels), date_hint=date_hint)


def _read_lines(path: Path) -> tuple[list[list[_Line]], str | None, str | None]:
    import pdfplumber
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfError("the PDF is encrypted")
        labels = list(reader.page_labels)
        title = str(reader.metadata.title).strip() if reader.metadata and reader.metadata.title else None
        created = reader.metadata.get("/CreationDate") if reader.metadata else None
        date_hint = iso_date(str(created)) if created else None
        pages: list[list[_Line]] = []
        with pdfplumber.open(path) as pdf:
            for index, page in enumerate(pdf.pages):
                number = _page_number(labels[index] if index < len(labels) else "", index)
                pages.append([_line(raw, number, float(page.height)) for raw in page.extract_text_lines(return_chars=True)])
    except PdfError:
        raise
    except Exception as error:  # a damaged PDF raises pypdf, pdfminer, struct and zlib errors alike
        raise PdfError(f"unreadable PDF: {error}") from error
    pages = [[line for line in page if line.text] for page in pages]
    return [page for page in pages if page], (title if title and not _JUNK_TITLES.match(title) else None), date_hint


def _page_number(label: str, index: int) -> int | None:
    """The printed page label when it is a number; none for a label such as
    "iv" or "A-3", which a page number cannot show; the page's position in the
    file when the PDF labels nothing."""
    if label.isdigit():
        return int(label)
    return None if label.strip() else index + 1


def _text_of(raw: str) -> str:
    """Glyphs the font could not map come out as "(cid:127)"; at the start of
    a line that is a bullet, anywhere else nothing a reader sees as text."""
    text = _UNMAPPED_GLYPH.sub("• ", raw, count=1) if _UNMAPPED_GLYPH.match(raw) else raw
    return clean_inline(_UNMAPPED_GLYPH.sub("", text))


def _line(raw: dict, page: int | None, height: float) -> _Line:
    chars = [c for c in raw["chars"] if c["text"].strip()]
    sizes = Counter(round(float(c["size"]), 1) for c in chars)
    bold = sum(1 for c in chars if _BOLD_FONT.search(str(c.get("fontname", ""))))
    top, bottom = float(raw["top"]), float(raw["bottom"])
    margin = height * _MARGIN_SHARE
    return _Line(
        text=_text_of(raw["text"]),
        size=sizes.most_common(1)[0][0] if sizes else 0.0,
        bold=bool(chars) and bold >= 0.8 * len(chars),
        top=top,
        bottom=bottom,
        right=float(raw["x1"]),
        page=page,
        in_margin=top < margin or bottom > height - margin,
    )


def _shape(text: str) -> str:
    """A line with its numbers blanked: "Page 7 of 30" and "Page 8 of 30" repeat."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _running_lines(pages: list[list[_Line]]) -> set[str]:
    """Headers, footers and page numbers: margin lines that repeat on at least
    half the pages (two at least), any line on every page of a long document,
    and bare page numbers in the margins."""
    if not pages:
        return set()
    in_margins = Counter(shape for page in pages for shape in {_shape(line.text) for line in page if line.in_margin})
    anywhere = Counter(shape for page in pages for shape in {_shape(line.text) for line in page})
    running = {shape for shape, n in in_margins.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    running |= {shape for shape, n in anywhere.items() if len(pages) >= 3 and n >= len(pages) * 0.8}
    running |= {_shape(line.text) for page in pages for line in page if line.in_margin and _PAGE_NUMBER_LINE.match(line.text)}
    return running


def _body_size(lines: list[_Line]) -> float:
    """The size most of the text is set in."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _could_be_heading(line: _Line) -> bool:
    text = line.text
    return len(text.split()) <= 20 and not BULLET.match(text) and text[-1] not in ",;"


def _heading_levels(lines: list[_Line], body: float) -> dict[tuple[float, bool], int]:
    """Heading level by style (size, bold): larger first, bold before regular."""
    styles = {(line.size, line.bold) for line in lines if _is_heading(line, body)}
    return {style: n for n, style in enumerate(sorted(styles, key=lambda s: (-s[0], not s[1])), start=1)}


def _is_heading(line: _Line, body: float) -> bool:
    """Larger than the body text, or bold at about its size and naming
    rather than saying ("Discharge", not "We will discharge sooner.")."""
    if not _could_be_heading(line):
        return False
    if line.size >= body * _HEADING_RATIO:
        return True
    return line.bold and line.size >= body - 0.5 and line.text[-1] not in ".:" and looks_like_heading(line.text)


def _level_of(line: _Line, body: float, levels: dict[tuple[float, bool], int]) -> int | None:
    return levels.get((line.size, line.bold)) if _is_heading(line, body) else None


def _blocks_by_layout(lines: list[_Line], body: float, levels: dict[tuple[float, bool], int]) -> list[Block]:
    gaps = [b.top - a.bottom for a, b in pairwise(lines) if a.page == b.page and a.size == b.size == body and b.top > a.bottom]
    paragraph_gap = (median(gaps) if gaps else body * 0.3) * 1.8 + 0.5
    rights = sorted(line.right for line in lines if line.size == body)
    full_width = rights[int(len(rights) * 0.9)] if rights else 0.0
    blocks: list[Block] = []
    current: list[_Line] = []
    current_level: int | None = None

    def flush() -> None:
        if not current:
            return
        text = _join([line.text for line in current])
        if current_level is not None:
            blocks.append(Block(text, "heading", current_level, current[0].page))
        else:
            blocks.extend(blocks_from_text(text, page=current[0].page))
        current.clear()

    for line in lines:
        level = _level_of(line, body, levels)
        previous = current[-1] if current else None
        same_run = (
            previous is not None
            and level == current_level
            and previous.page == line.page
            and line.top - previous.bottom <= (paragraph_gap if level is None else line.size * 0.5)
            and not (level is None and _starts_paragraph(line, previous, full_width))
        )
        if not same_run:
            flush()
            current_level = level
        current.append(line)
    flush()
    return blocks


def _starts_paragraph(line: _Line, previous: _Line, full_width: float) -> bool:
    """A bullet starts a paragraph, and so does any line after a short line
    that ends a sentence: paragraphs set without space between them."""
    if BULLET.match(line.text):
        return True
    ended = previous.text[-1] in ".!?:" and previous.right < full_width * 0.85
    return ended or (bool(_NUMBERED_LINE.match(line.text)) and previous.right < full_width * 0.85)


def _reflow(lines: list[str]) -> str:
    """Lines into paragraphs when the layout gives no signal: a paragraph ends
    on a line that ends a sentence and stops well short of the page's usual
    line width. A short line that looks like a heading stands alone."""
    widths = sorted(len(line) for line in lines if line.strip())
    usual = widths[int(len(widths) * 0.9)] if widths else 0
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(_join(current))
            current.clear()

    for line in (line.strip() for line in lines):
        if not line:
            flush()
            continue
        heading = looks_like_heading(line) and len(line) < usual * 0.7
        if BULLET.match(line) or heading:
            flush()
        current.append(line)
        if heading or (line[-1] in ".!?:" and len(line) < usual * 0.8):
            flush()
    flush()
    return "\n\n".join(paragraphs)


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        text = text + line if text.endswith("-") and line[:1].islower() else f"{text} {line}"
    return text
