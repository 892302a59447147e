"""Web-page and print furniture that must never become citable content.

Two kinds: single lines (navigation, social links, image file names and
alt text) which
are dropped wherever they are, and end-of-article markers ("Our Latest
Tweets", "More articles...", an image credit) after which a page carries
only adverts, feeds and teasers, so everything from the marker on is dropped.
"""

from __future__ import annotations

import re

from .models import Block

_FURNITURE_LINE = re.compile(
    r"^(?:hide this section|show accessibility tools|skip to (?:main )?content|back to top|"
    r"print this page|share this(?: page| article)?|view all|more articles\W*|"
    r"our latest tweets|view on twitter\W*|image credit:.*|(?:photo|picture) credit:.*|"
    r"(?:find out more:.*\|\s*)?join the conversation:.*|"
    r"[^.]{1,100}\.(?:jpe?g|png|gif|svg|webp|bmp)|"
    r"[^.!?]{0,120}\b(?:depicting|pictured)\b[^.!?]{0,120})$",  # image alt text
    re.IGNORECASE,
)
_END_OF_ARTICLE = re.compile(
    r"^(?:our latest tweets|view on twitter|more articles|related (?:articles|stories|content)|"
    r"you (?:may|might) also like|image credit:|(?:photo|picture) credit:)",
    re.IGNORECASE,
)
# An end marker near the top (a credit under the lead image) is not the end.
_MIN_SHARE_BEFORE_END = 0.4


def remove_furniture(blocks: list[Block]) -> list[Block]:
    total = sum(len(block.text) for block in blocks) or 1
    kept: list[Block] = []
    seen = 0
    for block in blocks:
        text = block.text.strip()
        if _END_OF_ARTICLE.match(text) and seen / total >= _MIN_SHARE_BEFORE_END:
            break
        seen += len(text)
        if _FURNITURE_LINE.match(text):
            continue
        if kept and kept[-1].text == text and kept[-1].kind == block.kind:
            continue  # a heading or byline printed twice in a row
        kept.append(block)
    return kept
