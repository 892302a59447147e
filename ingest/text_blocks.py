"""Plain text (with the light Markdown that text extraction leaves behind)
into blocks.

Blank lines separate blocks. Inside a block, each line is classified on its
own: a Markdown heading, a bullet, a table row (cells separated by tabs, as
extraction writes tables), or prose, which is joined back into paragraphs.
"""

from __future__ import annotations

import itertools
import re

from .models import Block

MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET = re.compile(r"^\s*(?:(?:[•·▪◦‣●○■□➢✓]|[-*–](?=\s))\s*)+(?=\S)")
INLINE_MARKUP = re.compile(r"</?(?:u|b|i|em|strong)>")
# Markdown bold around words ("**24 hours**", "__very important__"), not the underscores of a name
# such as "window.__x", which are the document's own text. "__init__" could be either; it is kept as written, and only a phrase of words is read as bold.
_STRONG = re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])|(?<![\w.])__(?=[^\s_])([^_]*?\s[^_]*?)(?<=[^\s_])__(?![\w])")
SPACES = re.compile(r"[ \u00a0]+")

# A heading does not end on a word that leads into more text ("This includes").
_LEAD_IN_WORDS = frozenset(
    "a an and are as by for from in includes include including is of on or our such that the their to which with we".split()
)
_DATE_ONLY = re.compile(
    r"^(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)(?:/\w+)?\s+\d{4}$",
    re.IGNORECASE,
)
_LIST_NUMBER = re.compile(r"^\s*(\d{1,2})[.)]\s+\S")
_NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,3})*\.?|[IVX]+\.|Annex\s+\w+|Appendix\s+\w+)\s+\S")


def clean_inline(text: str) -> str:
    """Drops emphasis markup and collapses spaces; the words stay as written."""
    text = INLINE_MARKUP.sub("", text)
    text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"(?<!\w)\*(\S[^*]*\S|\S)\*(?!\w)", r"\1", text)
    return SPACES.sub(" ", text).strip()


def looks_like_heading(text: str) -> bool:
    """A short line that names something rather than saying something."""
    text = text.strip()
    if not text or len(text) > 120 or len(text.split()) > 20 or BULLET.match(text):
        return False
    numbered = _NUMBERED.match(text)
    if text[-1] in ".,;:!…" or (text[-1] == "?" and not numbered):
        return False
    words = text[numbered.end() - 1 :] if numbered else text
    if re.search(r"[.!?]\s+\S", words) or text[0] in "\"'“‘(":
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if _DATE_ONLY.match(text):
        return False
    return text.split()[-1].lower() not in _LEAD_IN_WORDS


def blocks_from_text(text: str, page: int | None = None) -> list[Block]:
    blocks: list[Block] = []
    for raw_block in re.split(r"\n[ \t\u00a0]*\n", text.replace("\r\n", "\n")):
        blocks.extend(_blocks_of(raw_block.split("\n"), page))
    return blocks


def _numbered_list_lines(lines: list[str]) -> set[int]:
    """Lines of a numbered list written one item per line ("1. …", "2. …"):
    two or more, numbered in sequence. Numbered paragraphs separated by blank
    lines are not a list, and never reach here together."""
    numbered = [(i, int(match.group(1))) for i, line in enumerate(lines) if (match := _LIST_NUMBER.match(line))]
    in_sequence = all(b == a + 1 for (_, a), (_, b) in itertools.pairwise(numbered))
    return {i for i, _ in numbered} if len(numbered) >= 2 and in_sequence else set()


def _blocks_of(lines: list[str], page: int | None) -> list[Block]:
    blocks: list[Block] = []
    prose: list[str] = []
    list_lines = _numbered_list_lines(lines)

    def flush() -> None:
        if not prose:
            return
        first, rest = prose[0], prose[1:]
        if rest and looks_like_heading(first) and rest[0][:1].isupper():
            blocks.append(Block(first, "paragraph", page=page))
            blocks.append(Block(" ".join(rest), "paragraph", page=page))
        else:
            blocks.append(Block(" ".join(prose), "paragraph", page=page))
        prose.clear()

    for index, raw in enumerate(lines):
        if not raw.strip():
            continue
        heading = MARKDOWN_HEADING.match(raw.strip())
        bullet = BULLET.match(raw)
        if index in list_lines:
            flush()
            blocks.append(Block(clean_inline(raw), "list_item", page=page))
        elif heading:
            flush()
            blocks.append(Block(clean_inline(heading.group(2)), "heading", len(heading.group(1)), page))
        elif bullet:
            flush()
            item = raw[bullet.end() :].replace("\t", " ")
            blocks.append(Block(clean_inline(item), "list_item", page=page))
        elif "\t" in raw.strip(" "):
            flush()
            blocks.extend(_table_row(raw, page))
        elif blocks and blocks[-1].kind == "list_item" and not prose and raw.strip()[:1].islower():
            blocks[-1].text += " " + clean_inline(raw)
        else:
            prose.append(clean_inline(raw))
    flush()
    return [block for block in blocks if block.text]


def _table_row(line: str, page: int | None) -> list[Block]:
    """A row as extraction writes it: ``label<TAB>content<TAB>``.

    A leading empty cell continues the previous row; a row of short cells is
    a header row, kept out of the citable text; otherwise the first cell is a
    label (a sub-heading for the row) when it is short.
    """
    cells = [clean_inline(cell) for cell in line.split("\t")]
    filled = [cell for cell in cells if cell]
    if not filled:
        return []
    if not cells[0] or len(filled) == 1:
        return [Block(" ".join(filled), "paragraph", page=page)]
    if all(len(cell) <= 60 and looks_like_heading(cell) for cell in filled):
        return [Block(" | ".join(filled), "table_header", page=page)]
    label, content = filled[0], " ".join(filled[1:])
    if len(label) <= 100 and not re.search(r"[.!?]\s", label):
        return [Block(label, "row_label", page=page), Block(content, "paragraph", page=page)]
    return [Block(" ".join(filled), "paragraph", page=page)]
