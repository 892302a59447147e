"""A document's outline, and every block's place in it.

``outline_of`` takes the loader's blocks and returns them placed: under which
headings, in which commitment or chapter, with which paragraph number and
page. Nothing here knows the bundled files; it reads structure that any
policy document shows:

1. which short lines are headings, and how deep (numbering, markup, and
   headings that repeat in every section, such as "The actions we must take
   together", which are sub-sections);
2. which headings name a commitment or chapter (``frameworks``);
3. where a commitment's heading was lost in extraction: each headed
   commitment ends the same way ("By … we will …"), so a section that holds
   more than one such ending holds the missing commitments too, in order;
4. numbered paragraphs (``2.18``), and the page a passage quotes, which also
   holds for the numbered paragraphs just before it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from . import frameworks as fw
from .furniture import remove_furniture
from .models import Block, DocumentInfo, Framework, ItemReference, PlacedBlock, Placement
from .paragraphs import join_broken_paragraphs, page_reference, paragraph_number, split_numbered_paragraphs
from .text_blocks import looks_like_heading

_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){0,2})\.?\s+\S")
_ANNEX_HEADING = re.compile(r"^(?:annex|appendix)\s+\w+", re.IGNORECASE)
_TITLE_LEVEL = 0
_ROW_LEVEL = 99.0


@dataclass
class _Frame:
    level: float
    label: str
    item: ItemReference | None = None  # when the frame is a framework item
    sub: bool = False  # a repeated sub-heading, a table-row label or a chapter named in a list


def outline_of(blocks: list[Block], info: DocumentInfo, headings_known: bool = False) -> list[PlacedBlock]:
    """``headings_known``: the loader read the headings from the layout; no
    other block is guessed to be one."""
    blocks = split_numbered_paragraphs(join_broken_paragraphs(remove_furniture(blocks)))
    blocks = _classify_headings(blocks, info.title, headings_known)
    frameworks: dict[str, Framework] = {framework.kind: framework for framework in info.frameworks}
    # A framework the manifest or the sidecar gives is the document's; only
    # without one is the document's own declaration read.
    declared = None if frameworks else fw.declared_framework(blocks)
    if declared:
        framework, listed = declared
        frameworks[framework.kind] = framework
        for i in listed:  # the list that declares the items is not their sections
            blocks[i].kind, blocks[i].level = "list_item", None
    after = max(declared[1], default=-1) + 1 if declared else 0
    for framework in frameworks.values():
        blocks = _recover_missing_headings(blocks, framework, after)
    placed = _place(blocks, frameworks)
    _assign_pages(placed)
    return placed


# --- 1. headings ------------------------------------------------------------


def _classify_headings(blocks: list[Block], title: str, headings_known: bool) -> list[Block]:
    """Decides which blocks are headings and gives every heading a level."""
    blocks = [replace(block) for block in blocks]
    candidates = {
        i for i, block in enumerate(blocks) if not headings_known and block.kind == "paragraph" and looks_like_heading(block.text)
    }
    numbered = sum(1 for i in candidates if re.match(r"^\d{1,2}\.?\s+[A-Z]", blocks[i].text))
    has_markup = any(block.kind == "heading" for block in blocks)
    plain_level = 2 if numbered >= 2 or has_markup else 1
    for i in candidates:
        blocks[i].kind, blocks[i].level = "heading", _heuristic_level(blocks[i].text, plain_level, numbered >= 2)
    title_index = _title_index(blocks, title)
    if title_index is not None:
        blocks[title_index].level = _TITLE_LEVEL

    def neighbour(i: int, step: int) -> Block | None:
        i += step
        while 0 <= i < len(blocks) and blocks[i].kind == "table_header":
            i += step
        return blocks[i] if 0 <= i < len(blocks) else None

    # A guessed heading with nothing under it is text, not a heading, when it is
    # sandwiched between headings ("No mention in the long term plan") or sits
    # right above a bigger heading (a signature above "Annex 1").
    for i in sorted(candidates):
        before, after = neighbour(i, -1), neighbour(i, +1)
        if i == title_index or after is None or after.kind not in ("heading", "row_label"):
            continue
        after_level = (after.level if after.kind == "heading" else None) or _ROW_LEVEL
        if (before is not None and before.kind == "heading") or after_level < (blocks[i].level or _ROW_LEVEL):
            blocks[i].kind, blocks[i].level = "paragraph", None
    return [block for i, block in enumerate(blocks) if i != title_index]


def _heuristic_level(text: str, plain_level: int, numbered_document: bool) -> int:
    if _ANNEX_HEADING.match(text):
        return 1
    number = _NUMBERED_HEADING.match(text)
    if number and numbered_document:
        return number.group(1).count(".") + 1
    return plain_level


def _title_index(blocks: list[Block], title: str) -> int | None:
    """The heading that repeats the document's title, among the first few;
    else an opening heading set above every other one (a Markdown "#", a
    PDF's largest type), which is the title whatever the file's properties say."""
    wanted = fw.normalise(title)
    for i, block in enumerate(blocks[:6]):
        if block.kind != "heading":
            continue
        text = fw.normalise(block.text)
        if text and (text == wanted or (wanted.startswith(text) and len(text) >= 0.6 * len(wanted))):
            return i
    first = next((i for i, block in enumerate(blocks[:3]) if block.kind == "heading"), None)
    if first is None or blocks[first].level is None:
        return None
    others = [block.level or 1 for i, block in enumerate(blocks) if block.kind == "heading" and i != first]
    return first if others and all(level > (blocks[first].level or 1) for level in others) else None


def _repeated_headings(blocks: list[Block]) -> set[str]:
    counts = Counter(fw.normalise(b.text) for b in blocks if b.kind == "heading")
    return {text for text, n in counts.items() if n >= 2}


# --- 3. commitments whose heading was lost --------------------------------------------


def _recover_missing_headings(blocks: list[Block], framework: Framework, after: int = 0) -> list[Block]:
    """Inserts the headings of items that have none, first from the way
    headed sections end, then from the text that echoes the item. Headings
    that name the framework's items are first brought to one level, whatever
    their markup said. ``after`` is where the document's own list of the
    items ends: nothing before it is an item's section."""
    matched = _matched_headings(blocks, framework)
    if not matched:
        return blocks
    level = min(blocks[i].level or 1 for i, _ in matched)
    for i, _ in matched:
        blocks[i].level = level
    if len(matched) >= 2:
        blocks = _recover_by_closings(blocks, framework, matched, level)
    return _recover_by_echo(blocks, framework, level, after)


def _matched_headings(blocks: list[Block], framework: Framework) -> list[tuple[int, int]]:
    return [
        (i, item.number)
        for i, block in enumerate(blocks)
        if block.kind == "heading" and (item := fw.match_heading(block.text, framework))
    ]


def _recover_by_echo(blocks: list[Block], framework: Framework, level: int, after: int) -> list[Block]:
    """A section whose heading is missing still talks about its item: the
    first paragraph, between the items before and after it, that repeats
    most of the item's words (and more of them than of the item it would
    otherwise be filed under) opens the missing item's section."""
    repeated = _repeated_headings(blocks)
    for item in framework.items:
        matched = {number: i for i, number in _matched_headings(blocks, framework)}  # again: a heading may have been added
        if item.number in matched:
            continue
        before = [n for n in matched if n < item.number]
        later = [matched[n] for n in matched if n > item.number]
        start = matched[max(before)] + 1 if before else after
        end = min(later) if later else len(blocks)
        if before:  # the missing section lies inside the one before it, which ends at the next heading of its level
            for j in range(start, end):
                b = blocks[j]
                if b.kind == "heading" and fw.normalise(b.text) not in repeated and (b.level or 1) <= level:
                    end = j
                    break
        previous = framework.item(max(before)) if before else None
        for j in range(start + (1 if before else 0), end):
            block = blocks[j]
            if block.kind != "paragraph":
                continue
            share = fw.echo(block.text, item)
            if share >= fw.ECHO_SHARE and (previous is None or share > fw.echo(block.text, previous)):
                blocks.insert(j, Block(item.title, "heading", level, block.page))
                break
    return blocks


def _recover_by_closings(blocks: list[Block], framework: Framework, matched: list[tuple[int, int]], level: int) -> list[Block]:
    """Marks each section's closing statement and inserts the headings
    extraction lost: each headed section ends the same way ("By … we will
    …"), so a section holding more than one such ending holds the missing
    items too, in order."""
    repeated = _repeated_headings(blocks)
    extents = []
    for k, (start, number) in enumerate(matched):
        end = matched[k + 1][0] if k + 1 < len(matched) else len(blocks)
        for j in range(start + 1, end):
            b = blocks[j]
            if b.kind == "heading" and fw.normalise(b.text) not in repeated and (b.level or 1) <= level:
                end = j
                break
        extents.append((start, end, number))
    last_words = {_first_word(_last_text_block(blocks, start, end)) for start, end, _ in extents}
    if len(last_words) != 1 or None in last_words:
        return blocks
    signature = last_words.pop()
    closers = {
        j
        for start, end, _ in extents
        for j in range(start + 1, end)
        if blocks[j].kind == "paragraph" and _first_word(blocks[j]) == signature
    }
    for j in closers:
        blocks[j].kind = "closing"
    present = {number for _, number in matched}
    insertions: dict[int, int] = {}
    numbers = [item.number for item in framework.items]
    titles = {item.number: item.title for item in framework.items}
    for k, (start, end, number) in enumerate(extents):
        next_number = extents[k + 1][2] if k + 1 < len(extents) else max(numbers) + 1
        missing = [n for n in numbers if number < n < next_number and n not in present]
        inner_closers = sorted(j for j in closers if start < j < end)
        if missing and len(inner_closers) - 1 == len(missing):
            for closer, recovered in zip(inner_closers, missing, strict=False):
                insertions[closer + 1] = recovered
    rebuilt: list[Block] = []
    for i, block in enumerate(blocks):
        if i in insertions:
            rebuilt.append(Block(titles[insertions[i]], "heading", level, block.page))
        rebuilt.append(block)
    return rebuilt


def _last_text_block(blocks: list[Block], start: int, end: int) -> Block | None:
    return next((blocks[j] for j in range(end - 1, start, -1) if blocks[j].kind in ("paragraph", "closing")), None)


def _first_word(block: Block | None) -> str | None:
    if block is None:
        return None
    words = fw.normalise(block.text).split()
    return words[0] if words else None


# --- 2 and 4. placing every block -----------------------------------------------------


def _place(blocks: list[Block], frameworks: dict[str, Framework]) -> list[PlacedBlock]:
    repeated = _repeated_headings(blocks)
    chapters = frameworks.get("chapter")
    stack: list[_Frame] = []
    placed: list[PlacedBlock] = []

    def push(frame: _Frame) -> None:
        while stack and stack[-1].level >= frame.level:
            stack.pop()
        stack.append(frame)

    def base_level() -> float:
        return max((frame.level for frame in stack if not frame.sub), default=0)

    for block in blocks:
        if block.kind == "table_header":
            continue
        if block.kind == "row_label":
            push(_Frame(_ROW_LEVEL, block.text, sub=True))
            continue
        if block.kind == "heading":
            if fw.normalise(block.text) in repeated:
                push(_Frame(base_level() + 0.5, block.text, sub=True))
            else:
                push(_heading_frame(block, frameworks))
            continue
        if block.kind == "closing":  # "By … we will …" ends the sub-section above it
            while stack and stack[-1].sub:
                stack.pop()
        number = fw.mentioned_chapter(block.text)
        if number is not None:  # "4. Chapter Four sets out…" opens that chapter's part of a list
            push(_chapter_frame(number, chapters, base_level() + 0.25, sub=True))
        placed.append(PlacedBlock(block, _placement(block, stack, frameworks)))
    return placed


def _heading_frame(block: Block, frameworks: dict[str, Framework]) -> _Frame:
    level = float(block.level or 1)
    for kind, framework in frameworks.items():
        item = fw.match_heading(block.text, framework)
        if item:
            return _Frame(level, f"{kind.capitalize()} {item.number}: {item.title}", framework.reference(item))
    number = fw.mentioned_chapter(block.text)
    if number is not None:
        return _chapter_frame(number, frameworks.get("chapter"), level, fallback_title=block.text)
    return _Frame(level, block.text)


def _chapter_frame(
    number: int, chapters: Framework | None, level: float, sub: bool = False, fallback_title: str | None = None
) -> _Frame:
    """A chapter named by number: titled from the framework when it has one."""
    item = chapters.item(number) if chapters else None
    if chapters and item:
        return _Frame(level, f"Chapter {number}: {item.title}", chapters.reference(item), sub=sub)
    label = fallback_title or f"Chapter {number}"
    return _Frame(level, label, ItemReference(kind="chapter", number=number, title=label), sub=sub)


def _placement(block: Block, stack: list[_Frame], frameworks: dict[str, Framework]) -> Placement:
    place = Placement(path=tuple(frame.label for frame in stack))
    if len(stack) >= 2:
        place.subsection = stack[-1].label
    for frame in stack:
        if frame.item:
            _file_under(place, frame.item)
    place.paragraph = paragraph_number(block.text)
    for kind, framework in frameworks.items():
        item = None
        if kind == "chapter" and framework.numbered_paragraphs and place.paragraph:
            item = framework.item(int(place.paragraph.split(".")[0]))
        item = item or fw.match_lead_phrase(block.text, framework)
        if item:
            _file_under(place, framework.reference(item))
    return place


def _file_under(place: Placement, item: ItemReference) -> None:
    """Files a block under a framework item; the bundled kinds keep their own
    fields, which the corpus's questions and reports use."""
    place.framework_item = item
    if item.kind == "commitment":
        place.commitment, place.commitment_title = item.number, item.title
    elif item.kind == "chapter":
        place.chapter, place.chapter_title = item.number, item.title


def _assign_pages(placed: list[PlacedBlock]) -> None:
    """A quoted page ("(NHS LTP p. 35)") closes a run of numbered paragraphs
    from one chapter (2.9, 2.10, 2.11) and holds for all of them; otherwise a
    block keeps the page of the file it was read from (PDF)."""
    carried: int | None = None
    carried_key: tuple | None = None
    for item in reversed(placed):
        place, key = item.place, (item.place.path, item.place.chapter)
        quoted = page_reference(item.block.text)
        if quoted is not None:
            carried, carried_key = quoted, key
            place.page = quoted
        elif carried is not None and key == carried_key and place.paragraph:
            place.page = carried
        else:
            carried = None
            place.page = item.block.page
