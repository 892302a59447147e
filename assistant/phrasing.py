"""Requests and shorthand read as the questions they are.

People type "Tell me how much the backlog is", "I'd like to know who the chief
exec is", "backlog size?" or "what does commitment five say". The question
reader (``asked``) and retrieval understand questions: "How much is the
backlog?", "who the chief executive is", "How big is the backlog?",
"commitment 5". This rewrites the first kind into the second and nothing
else; a question already plain comes back unchanged.
"""

from __future__ import annotations

import re

from .word_forms import CARDINALS

# "Could you tell me when …", "I'd like to know who …", "Tell me how much …": the question is what follows.
_POLITE = re.compile(
    r"^(?:please\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|show|let)\s+me(?:\s+know)?"
    r"|i(?:'d|’d| would)\s+like\s+to\s+know|i\s+(?:want|need)\s+to\s+know|i\s+wonder|i'm\s+wondering"
    r"|(?:please\s+)?(?:tell|show)\s+me|(?:please\s+)?explain|do\s+you\s+know)\s+"
    r"(?=(?:who|whom|whose|what|when|where|which|why|how|whether|if)\b)",
    re.IGNORECASE,
)
# "Tell me the cost of …", "give me the date …": a request for a thing is a question about it.
_REQUEST = re.compile(r"^(?:please\s+)?(?:tell|give|show)\s+me\s+(?=the\b|a\b|an\b)", re.IGNORECASE)
_ABOUT = re.compile(r"^(?:please\s+)?(?:tell\s+me|explain)\s+about\s+", re.IGNORECASE)
_SUMMARISE = re.compile(r"^(?:please\s+)?(?:summari[sz]e|list|outline)\s+", re.IGNORECASE)
# A reported question: "who the chief executive is" -> "who is the chief executive".
_EMBEDDED = re.compile(
    r"^(who|what|which|how much|how many|how big|how large|when|where|why)\s+(.+?)\s+(is|are|was|were)\s*[?.!]*$", re.IGNORECASE
)
_CONTRACTED = re.compile(r"\b(who|what|where|when|how|which)['’]s\b", re.IGNORECASE)  # "Who's Val Messenger?"
# Shorthand typed in a hurry.
_SHORTHAND = {
    "ppl": "people",
    "govt": "government",
    "gov": "government",
    "exec": "executive",
    "execs": "executives",
    "ceo": "chief executive",
    "dept": "department",
    "depts": "departments",
    "mgmt": "management",
    "approx": "approximately",
    "yr": "year",
    "yrs": "years",
    "info": "information",
    "orgs": "organisations",
    "org": "organisation",
}
_SHORTHAND_WORD = re.compile(rf"\b(?:{'|'.join(_SHORTHAND)})\b", re.IGNORECASE)
# "commitment five", "chapter Four": the number a part of a document is cited by.
_PART_NUMBER = re.compile(rf"\b(commitment|chapter|priority|section|annex)\s+({'|'.join(CARDINALS)})\b", re.IGNORECASE)
_WH = re.compile(r"\b(?:who|whom|whose|what|when|where|which|why|how|is|are|does|do|did|will|can|could|should|has|have)\b", re.I)
# "backlog size?", "backlog clearance date?": a subject and the kind of answer wanted.
_NOUN_QUERIES = (
    (re.compile(r"^(.+?)\s+(?:size|amount|total|figure|value)$", re.IGNORECASE), "How big is the {}?"),
    (re.compile(r"^(.+?)\s+(?:date|deadline|timescale|timeline)$", re.IGNORECASE), "When is the {}?"),
    (re.compile(r"^(.+?)\s+(?:cost|price)$", re.IGNORECASE), "How much does the {} cost?"),
    (re.compile(r"^(?:number|no\.?)\s+of\s+(.+)$", re.IGNORECASE), "How many {} are there?"),
)


def as_question(text: str) -> str:
    """``text`` as a plain question: the request unwrapped, shorthand spelled out."""
    text = " ".join(text.split())
    text = _CONTRACTED.sub(lambda m: f"{m.group(1)} is", text)
    text = _SHORTHAND_WORD.sub(lambda m: _SHORTHAND[m.group(0).lower()], text)
    text = _PART_NUMBER.sub(lambda m: f"{m.group(1)} {CARDINALS[m.group(2).lower()]}", text)
    unwrapped = _POLITE.sub("", text)
    if unwrapped == text:
        unwrapped = _REQUEST.sub("What is ", text)
    if unwrapped == text:
        unwrapped = _ABOUT.sub("What do the documents say about ", text)
    if unwrapped == text:
        unwrapped = _SUMMARISE.sub("What are ", text)
    if unwrapped != text:
        embedded = _EMBEDDED.match(unwrapped)
        if embedded:
            unwrapped = f"{embedded.group(1)} {embedded.group(3)} {embedded.group(2)}"
        return _question(unwrapped)
    bare = text.rstrip("?.! ")
    if not _WH.search(bare) and len(bare.split()) <= 6:
        for pattern, template in _NOUN_QUERIES:
            match = pattern.match(bare)
            if match:
                return template.format(match.group(1))
    return text


def _question(text: str) -> str:
    text = text.rstrip(" .!")
    text = text[:1].upper() + text[1:]
    return text if text.endswith("?") else f"{text}?"
