"""Recognising a document's commitments and chapters.

A framework (see :class:`~ingest.models.Framework`) is a numbered outline:
the five shared commitments, the seven Long Term Plan chapters. Documents
show it in three ways, each handled here:

* a heading that names an item ("Nurture a thriving health and care
  workforce"), in any order and at any markup level;
* an explicit mention leading a block ("4. Chapter Four sets out…");
* a lead phrase naming an item by another name ("3. Backing our workforce: …").

A framework can also be declared by the document itself: a heading such as
"Five shared commitments" followed by a numbered list.
"""

from __future__ import annotations

import re

from .models import Block, Framework, FrameworkItem, FrameworkKind

NUMBER_WORDS = {word: n for n, word in enumerate("one two three four five six seven eight nine ten".split(), start=1)}
_CHAPTER_MENTION = re.compile(r"^(?:\d{1,2}\.?\s+)?chapter\s+(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
_LEAD_PHRASE = re.compile(r"^(?:\d{1,2}\.?\s+)?([^:.;]{3,90}):\s")
_NUMBERED_ITEM = re.compile(r"^(\d{1,2})\.?\s+(\S.*)$")
_KIND_NOUNS: dict[FrameworkKind, re.Pattern[str]] = {
    "commitment": re.compile(r"\b(?:commitments|pledges|priorities|objectives|ambitions|goals|principles)$", re.IGNORECASE),
    "chapter": re.compile(r"\bchapters$", re.IGNORECASE),
}
_STOPWORDS = frozenset("a an and for in of on our the to with".split())


def normalise(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _words(text: str) -> set[str]:
    return {word for word in normalise(text).split() if word not in _STOPWORDS}


def match_heading(text: str, framework: Framework) -> FrameworkItem | None:
    """The item a heading names: the same words as its title or an alias."""
    words = _words(text)
    if not words:
        return None
    best, best_score = None, 0.0
    for item in framework.items:
        for name in (item.title, *item.aliases):
            name_words = _words(name)
            score = len(words & name_words) / len(words | name_words)
            if score > best_score:
                best, best_score = item, score
    return best if best_score >= 0.8 else None


def mentioned_chapter(text: str) -> int | None:
    """ "4. Chapter Four sets out…" -> 4; only at the start of a block."""
    match = _CHAPTER_MENTION.match(text)
    if not match:
        return None
    word = match.group(1).lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def match_lead_phrase(text: str, framework: Framework) -> FrameworkItem | None:
    """ "3. Backing our workforce: we will…" names the workforce chapter."""
    match = _LEAD_PHRASE.match(text)
    return match_heading(match.group(1), framework) if match else None


def declared_framework(blocks: list[Block]) -> Framework | None:
    """A framework the document states itself: a heading such as "Five
    shared commitments" followed by a list numbered 1, 2, 3…"""
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        kind = next((kind for kind, noun in _KIND_NOUNS.items() if noun.search(block.text)), None)
        if kind is None:
            continue
        items: list[FrameworkItem] = []
        for following in blocks[index + 1 :]:
            match = _NUMBERED_ITEM.match(following.text) if following.kind == "list_item" else None
            if not match or int(match.group(1)) != len(items) + 1:
                break
            items.append(FrameworkItem(number=len(items) + 1, title=match.group(2).rstrip(". ")))
        if len(items) >= 2:
            return Framework(name=normalise(block.text).replace(" ", "-"), kind=kind, items=items)
    return None
