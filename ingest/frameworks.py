"""Recognising a document's framework: its numbered commitments, chapters,
priorities, aims…

A framework (see :class:`~ingest.models.Framework`) is a numbered outline:
the five shared commitments, the seven Long Term Plan chapters, or a
document's own "Our four priorities". Documents show its items in several
ways, each handled here:

* a heading that names an item ("Nurture a thriving health and care
  workforce", "Connect records across…"), in any order and at any markup
  level, or numbers it ("Priority 2: Connect records");
* an explicit mention leading a block ("4. Chapter Four sets out…");
* a lead phrase naming an item by another name ("3. Backing our workforce: …");
* text that echoes an item whose heading is missing (``echo``).

A document declares its own framework with a heading or lead-in naming a set
("Our four priorities", "We have set three aims:") followed by a numbered
list, or with headings that number their items ("Aim 1: …", "Aim 2: …").
"""

from __future__ import annotations

import re

from .models import Block, Framework, FrameworkItem

NUMBER_WORDS = {word: n for n, word in enumerate("one two three four five six seven eight nine ten".split(), start=1)}
_CHAPTER_MENTION = re.compile(r"^(?:\d{1,2}\.?\s+)?chapter\s+(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
_LEAD_PHRASE = re.compile(r"^(?:\d{1,2}\.?\s+)?([^:.;]{3,90}):\s")
# The nouns a document uses for the items of its framework, plural: singular.
SET_NOUNS = {
    "commitments": "commitment",
    "pledges": "pledge",
    "priorities": "priority",
    "objectives": "objective",
    "ambitions": "ambition",
    "goals": "goal",
    "principles": "principle",
    "aims": "aim",
    "themes": "theme",
    "chapters": "chapter",
    "missions": "mission",
    "pillars": "pillar",
    "shifts": "shift",
}
_SET = "|".join(SET_NOUNS)
_ITEM = "|".join(SET_NOUNS.values())
# "Our four strategic priorities", "Five shared commitments", "Priorities for 2025/26".
_SET_HEADING = re.compile(rf"\b({_SET})\b(?:\s+(?:for|to|in|of)\b[^.:]{{0,50}})?$", re.IGNORECASE)
# "We have set four aims:", "Our strategy rests on three priorities, which are:".
_SET_LEAD_IN = re.compile(rf"\b({_SET})\b[^.:]{{0,60}}:$", re.IGNORECASE)
_NUMBERED_ITEM = re.compile(r"^(\d{1,2})[.):]?\s+(\S.*)$")
# "Priority 2: Connect records", "Aim 4 – Grow our workforce", "Objective three. …"
_ITEM_HEADING = re.compile(
    rf"^(?:(?:our|strategic)\s+)?({_ITEM})\s+(\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\b\s*[:.\-–—]?\s*(.*)$", re.IGNORECASE
)
_TITLE_END = re.compile(r":\s|\s[–—-]\s|(?<=[a-z)])\.(?:\s|$)")
_STOPWORDS = frozenset("a an and are as at be by for from in into is it of on or our so the their to we will with".split())
# How much of a heading must be an item's title (and of the title the heading)
# for the heading to name the item when it does not number it.
_HEADING_SHARE, _TITLE_SHARE = 0.8, 0.6
# Of an item's distinctive words, the share a paragraph must repeat to open
# that item's section when its heading is missing.
ECHO_SHARE = 0.5


def normalise(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _words(text: str) -> set[str]:
    return {word for word in normalise(text).split() if word not in _STOPWORDS}


def _stems(text: str) -> set[str]:
    """Words without a plural or verb ending, cut to five letters:
    "recruit"/"recruitment", "opening"/"open", "beds"/"bed" meet; good
    enough to hear an echo."""
    return {_stem(word) for word in _words(text) if len(word) > 2 and not word.isdigit()}


def _stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    return word[:5]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def numbered_item(text: str, framework: Framework) -> FrameworkItem | None:
    """ "Priority 2: Connect records" -> item 2 of a framework of priorities."""
    match = _ITEM_HEADING.match(text.strip())
    if not match or match.group(1).lower() != framework.kind:
        return None
    return framework.item(_number(match.group(2)))


def match_heading(text: str, framework: Framework) -> FrameworkItem | None:
    """The item a heading names: by number ("Aim 1: …"), by the same words as
    its title or an alias, or, for a shortened heading, by words that are
    nearly all the title's and cover most of it."""
    item = numbered_item(text, framework)
    if item:
        return item
    bare = re.sub(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+", "", text)
    words = _words(bare)
    if not words:
        return None
    best, best_score = None, 0.0
    for item in framework.items:
        for name in (item.title, *item.aliases):
            name_words = _words(name)
            score = len(words & name_words) / len(words | name_words)
            if score > best_score:
                best, best_score = item, score
    if best_score >= 0.8:
        return best
    stems = _stems(bare)
    if len(stems) < 2:
        return None
    for item in framework.items:
        title = _stems(item.title)
        shared = len(stems & title)
        if shared / len(stems) >= _HEADING_SHARE and shared / max(len(title), 1) >= _TITLE_SHARE:
            return item
    return None


def echo(text: str, item: FrameworkItem) -> float:
    """The share of an item's distinctive words a passage repeats: how a
    section whose heading was lost still shows which item it discusses."""
    title = _stems(item.title)
    return len(title & _stems(text)) / len(title) if len(title) >= 2 else 0.0


def mentioned_chapter(text: str) -> int | None:
    """ "4. Chapter Four sets out…" -> 4; only at the start of a block."""
    match = _CHAPTER_MENTION.match(text)
    return _number(match.group(1)) if match else None


def match_lead_phrase(text: str, framework: Framework) -> FrameworkItem | None:
    """ "3. Backing our workforce: we will…" names the workforce chapter."""
    match = _LEAD_PHRASE.match(text)
    return match_heading(match.group(1), framework) if match else None


def declared_framework(blocks: list[Block]) -> tuple[Framework, list[int]] | None:
    """A framework the document states itself, and the indices of the blocks
    that list its items (they are a list, not sections).

    Either a heading or lead-in naming a set ("Five shared commitments",
    "We have set three aims:") followed by a list numbered 1, 2, 3… (or a
    list whose numbering is the file's, as Word's is), or headings that
    number their items ("Aim 1: …", "Aim 2: …").
    """
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            noun = _SET_HEADING.search(block.text) if len(block.text.split()) <= 12 else None
        elif block.kind == "paragraph":
            noun = _SET_LEAD_IN.search(block.text)
        else:
            noun = None
        if noun is None:
            continue
        items, listed = _items_after(blocks, index + 1)
        if len(items) >= 2:
            kind = SET_NOUNS[noun.group(1).lower()]
            return Framework(name=normalise(block.text).replace(" ", "-"), kind=kind, items=items), listed
    headed = _headed_framework(blocks)
    return (headed, []) if headed else None


def _items_after(blocks: list[Block], start: int) -> tuple[list[FrameworkItem], list[int]]:
    """The numbered list starting at ``start`` (after at most one lead-in
    paragraph), as items; a bulleted or file-numbered list counts in order."""
    items: list[FrameworkItem] = []
    listed: list[int] = []
    position = start
    if position < len(blocks) and blocks[position].kind == "paragraph" and not _NUMBERED_ITEM.match(blocks[position].text):
        position += 1  # "Over the next five years we will:"
    for j in range(position, len(blocks)):
        block = blocks[j]
        match = _NUMBERED_ITEM.match(block.text)
        if match and int(match.group(1)) == len(items) + 1:
            text = match.group(2)
        elif block.kind == "list_item" and not match and not any(_NUMBERED_ITEM.match(blocks[i].text) for i in listed):
            text = block.text
        else:
            break
        items.append(FrameworkItem(number=len(items) + 1, title=_item_title(text)))
        listed.append(j)
    return items, listed


def _item_title(text: str) -> str:
    """ "Connect records: clinicians will see…" -> "Connect records"."""
    end = _TITLE_END.search(text)
    title = text[: end.start()] if end and end.start() >= 8 else text
    return title.strip().rstrip(".;, ")


def _headed_framework(blocks: list[Block]) -> Framework | None:
    """Headings "Priority 1: …", "Priority 2: …" numbering two or more items."""
    found: dict[str, dict[int, str]] = {}
    for block in blocks:
        match = _ITEM_HEADING.match(block.text) if block.kind == "heading" else None
        if match and match.group(3):
            found.setdefault(match.group(1).lower(), {}).setdefault(_number(match.group(2)), _item_title(match.group(3)))
    for kind, titles in found.items():
        if len(titles) >= 2 and 1 in titles:
            items = [FrameworkItem(number=n, title=t) for n, t in sorted(titles.items())]
            return Framework(name=f"{kind}-headings", kind=kind, items=items)
    return None
