"""Files into blocks, one loader per format.

Every loader raises :class:`UnreadableFile` with a message a user can act on;
the indexer reports it and moves on to the next file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .dates import iso_date
from .models import Block, LoadedDocument
from .text_blocks import blocks_from_text, clean_inline


class UnreadableFile(Exception):
    """The file cannot be turned into text; the message says why."""


def load_file(path: Path) -> LoadedDocument:
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise UnreadableFile(f"unsupported file type {path.suffix or '(none)'!r}; supported: {', '.join(sorted(LOADERS))}")
    if path.stat().st_size == 0:
        raise UnreadableFile("the file is empty")
    document = loader(path)
    document.blocks = [block for block in document.blocks if block.text.strip()]
    if not document.blocks:
        raise UnreadableFile("no text could be extracted (a scanned PDF needs OCR first)")
    return document


def _load_text(path: Path) -> LoadedDocument:
    text = read_text(path)
    # Markdown front matter ("---\ndate: 2025-03-01\n---") dates the file and is no content.
    front = re.match(r"\A---\n(.*?)\n---\n", text, re.DOTALL) if path.suffix.lower() in (".md", ".markdown") else None
    if front is None:
        return LoadedDocument(path.name, blocks_from_text(text))
    dated = re.search(r"^date:\s*[\"']?([^\"'\n]+)", front.group(1), re.MULTILINE)
    titled = re.search(r"^title:\s*[\"']?([^\"'\n]+)", front.group(1), re.MULTILINE)
    return LoadedDocument(
        path.name,
        blocks_from_text(text[front.end() :]),
        title_hint=titled.group(1).strip() if titled else None,
        date_hint=iso_date(dated.group(1)) if dated else None,
    )


def read_text(path: Path) -> str:
    """Decodes a text file, refusing binary content whatever its extension."""
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise UnreadableFile("binary content in a text file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile("not valid UTF-8 or Windows-1252 text")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:8192]) * 0.05:
        raise UnreadableFile("binary content in a text file")
    return text


# --- HTML -------------------------------------------------------------------

# Matched against a tag's id, classes and role. "header" is not here: an
# article's own header holds its title.
_HTML_FURNITURE = re.compile(
    r"advert|\bads?\b|banner|breadcrumb|cookie|footer|menu|\bnav|newsletter|"
    r"podcast|promo|related|share|sidebar|social|subscribe|skip",
    re.IGNORECASE,
)
_HTML_NEVER_CONTENT = ["script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "svg"]
_HTML_BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "blockquote", "pre", "dt", "dd"]


def _load_html(path: Path) -> LoadedDocument:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(read_text(path), "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    dated = soup.find(
        "meta", attrs={"name": re.compile(r"^(?:date|dc\.date|dcterms\.(?:date|issued|created))$", re.I)}
    ) or soup.find("meta", attrs={"property": re.compile(r"^article:published_time$", re.I)})
    date_hint = iso_date(str(dated.get("content") or "")) if dated else None
    for tag in soup(_HTML_NEVER_CONTENT):
        tag.decompose()
    for tag in soup(["header", "footer"]):
        if not tag.find_parent(["article", "main"]):  # the site's, not the article's
            tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:  # removed with an ancestor already
            continue
        marks = " ".join([str(tag.get("id") or ""), *(tag.get("class") or []), str(tag.get("role") or "")])
        if marks.strip() and _HTML_FURNITURE.search(marks) and tag.name not in ("html", "body", "main", "article"):
            tag.decompose()
    root = soup.body or soup
    blocks: list[Block] = []
    for element in root.find_all([*_HTML_BLOCKS, "div"]):
        if element.find_parent(_HTML_BLOCKS):
            continue
        if element.name == "div" and element.find([*_HTML_BLOCKS, "div"]):
            continue
        if element.name == "tr":
            cells = [clean_inline(cell.get_text(" ", strip=True)) for cell in element.find_all(["td", "th"])]
            blocks.extend(blocks_from_text("\t".join(cells)))
            continue
        text = clean_inline(element.get_text(" ", strip=True))
        if not text:
            continue
        if element.name[0] == "h" and element.name[1:].isdigit():
            blocks.append(Block(text, "heading", int(element.name[1])))
        elif element.name == "li":
            blocks.append(Block(text, "list_item"))
        else:
            blocks.append(Block(text, "paragraph"))
    return LoadedDocument(path.name, blocks, title_hint=title, date_hint=date_hint)


# --- PDF --------------------------------------------------------------------


def _load_pdf(path: Path) -> LoadedDocument:
    from .pdf_layout import PdfError, read_pdf

    try:
        return read_pdf(path)
    except PdfError as error:
        raise UnreadableFile(str(error)) from error


# --- Word -------------------------------------------------------------------


def _load_docx(path: Path) -> LoadedDocument:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as error:  # a damaged file raises zipfile, lxml or python-docx errors alike
        raise UnreadableFile(f"unreadable Word file: {error}") from error
    blocks: list[Block] = []
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            for row in part.rows:
                blocks.extend(blocks_from_text("\t".join(cell.text for cell in row.cells)))
            continue
        text = clean_inline(part.text)
        if not text:
            continue
        style = (part.style.name if part.style is not None else "") or ""
        heading = re.match(r"Heading (\d)", style)
        if heading:
            blocks.append(Block(text, "heading", int(heading.group(1))))
        elif style == "Title":
            blocks.append(Block(text, "heading", 1))
        elif style.startswith("List") or (part._p.pPr is not None and part._p.pPr.numPr is not None):
            blocks.append(Block(text, "list_item"))
        else:
            blocks.append(Block(text, "paragraph"))
    title = document.core_properties.title or None
    created = document.core_properties.created
    return LoadedDocument(path.name, blocks, title_hint=title, date_hint=iso_date(created) if created else None)


LOADERS: dict[str, Callable[[Path], LoadedDocument]] = {
    ".txt": _load_text,
    ".md": _load_text,
    ".markdown": _load_text,
    ".html": _load_html,
    ".htm": _load_html,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
}
