"""Questions a scope really answers, derived from the text's own statements.

No model is needed: each sentence of each passage in scope is read for what
it offers a trainer —

* a **date** ("By 2023/24, all people … will be offered …") becomes "By when
  will all people … be offered …?";
* a **figure** ("Over 1,000 trained social prescribing link workers") becomes
  "What figure does chapter 1 give for trained social prescribing link workers?";
* an **action** in a list ("Fund and deliver the NHS long-term workforce
  plan.") becomes "What does commitment 3 call for on the NHS long-term
  workforce plan?";
* a closing **rationale** ("By investing in … we will improve …") becomes
  "What does commitment 2 say investing in … will achieve?";
* a named body or programme (**fact**: "the Messenger report") becomes
  "What does commitment 3 say about the Messenger report?".

Each proposal names the place it comes from ("commitment 3", "chapter 2"),
which steers retrieval there, and the figure, date or name its answer must
contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ingest import Chunk

from ..figures import FIGURE, YEAR
from ..sentences import readable, split_sentences

Kind = Literal["date", "figure", "action", "rationale", "fact"]

_BY_DATE_FIRST = re.compile(rf"^By (?:the end of )?({YEAR}),?\s+(.+?)\s+will\s+(.+?)[.;]?$")
_WILL_BY_DATE = re.compile(rf"^(.+?)\s+will\s+(.+?)\s+by (?:the end of )?({YEAR})\b")
_CLOSING = re.compile(r"^By ((?:\w+ing)\b[^.…]{5,}?)(?:\.\.\.|…)\s*we will (.+?)\.?$", re.IGNORECASE)
_NAME = re.compile(r"(?<=[a-z,] )((?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:for|of|on)?\s*(?:[A-Z][a-z]+|[A-Z]{2,}))+)")
_FILLER = frozenset(
    "which that now stands stand is are was were be been at around about of the a an to in on for by with from over "
    "up and or as its their our this these those will would could should also has have had".split()
)
_GENERIC_NAMES = frozenset({"The NHS", "NHS England", "The Government", "NHS Providers"})


@dataclass(frozen=True)
class Proposal:
    question: str
    kind: Kind
    chunk: Chunk
    must_contain: str | None  # a figure, date or name the answer has to hold


def place_of(chunk: Chunk) -> str:
    if chunk.commitment:
        return f"commitment {chunk.commitment}"
    if chunk.paragraph:
        return f"paragraph {chunk.paragraph}"
    if chunk.chapter:
        return f"chapter {chunk.chapter}"
    return f"“{chunk.document}”"


def propose(chunks: list[Chunk]) -> list[Proposal]:
    proposals: list[Proposal] = []
    for chunk in chunks:
        place = place_of(chunk)
        # Only a bullet's first sentence states an action ("Fund and deliver …").
        bullet_starts = {
            first for line in chunk.text.splitlines() if line.startswith("- ") for first in split_sentences(line)[:1]
        }
        for sentence in split_sentences(chunk.text):
            text = readable(sentence)
            if len(text.split()) < 5:
                continue
            proposals.extend(_from_sentence(text, place, chunk, sentence in bullet_starts))
    return proposals


def _from_sentence(text: str, place: str, chunk: Chunk, is_bullet: bool) -> list[Proposal]:
    found: list[Proposal] = []
    if m := _BY_DATE_FIRST.match(text):
        date, subject, rest = m.groups()
        found.append(Proposal(f"By when will {_subject(subject)} {_clause(rest)}?", "date", chunk, date))
    elif (m := _WILL_BY_DATE.match(text)) and not re.search(r"[\d,]", m.group(1)):
        subject, verb_phrase, date = m.groups()
        found.append(Proposal(f"By when will {_subject(subject)} {_clause(verb_phrase)}?", "date", chunk, date))
    if m := _CLOSING.match(text):
        found.append(Proposal(f"What does {place} say {_words(m.group(1), 8)} will achieve?", "rationale", chunk, None))
    if (figure := FIGURE.search(text)) and not found:
        topic = _topic_near(text, figure.start(), figure.end())
        if topic:
            found.append(Proposal(f"What figure does {place} give for {topic}?", "figure", chunk, figure.group(0)))
    if is_bullet and not found and text[0].isupper() and text.split()[0].lower() not in _FILLER | {"chapter"}:
        first = text.split()[0].lower()
        if ":" in text[:90]:  # "Backing our workforce: we will …"
            found.append(Proposal(f"What does {place} say about {_lower_first(text.split(':')[0])}?", "action", chunk, None))
        elif first.endswith(("ing", "ed")):  # "Improving NHS provision …", "Increased drive …"
            found.append(
                Proposal(f"What does {place} say about {_lower_first(_words(text.split(',')[0], 9))}?", "action", chunk, None)
            )
        elif target := _action_object(text):  # "Fund and deliver the NHS long-term workforce plan."
            found.append(Proposal(f"What does {place} call for on {target}?", "action", chunk, None))
    for name in dict.fromkeys(_NAME.findall(text)):
        name = name.strip()
        if re.search(rf"{re.escape(name)} and [A-Z]", text):
            continue  # cut short at "and": "Longitudinal Health" of "… Health and Care Records"
        if name not in _GENERIC_NAMES and len(name) > 6:
            found.append(Proposal(f"What does {place} say about the {name}?", "fact", chunk, name))
    return found


def _subject(subject: str) -> str:
    subject = subject.strip()
    if subject.lower() in ("we", "the nhs"):
        return "the NHS"
    return subject[0].lower() + subject[1:] if subject.split()[0] in ("All", "The", "Every") else subject


def _clause(text: str) -> str:
    """The verb phrase up to its first comma or "and will"."""
    return re.split(r",| and will | and then ", text, maxsplit=1)[0].strip().rstrip(".")


def _words(text: str, limit: int) -> str:
    """At most ``limit`` words, never ending on "and", "of" or "the"."""
    words = text.replace(",", "").split()[:limit]
    while len(words) > 1 and words[-1].lower() in _FILLER:
        words.pop()
    return " ".join(words)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _topic_near(text: str, start: int, end: int) -> str | None:
    """The noun words next to a figure: after it ("1,000 trained … workers"),
    else before it ("maintenance backlog which now stands at around £12bn")."""
    after = []
    for word in text[end:].split():
        clean = word.strip(".,;:()").lower()
        if not clean or clean in _FILLER or not clean.isalpha():
            break
        after.append(word.strip(".,;:()"))
    if len(after) >= 2:
        return " ".join(after[:6])
    before: list[str] = []
    for word in reversed(text[:start].split()):
        clean = word.strip(".,;:()").lower()
        if clean in _FILLER and not before:
            continue
        if not clean.isalpha() or clean in _FILLER:
            break
        before.insert(0, word.strip(".,;:()"))
    return f"the {' '.join(before[-5:])}" if len(before) >= 2 else None


_PARTICLES = frozenset("out up down beyond in on into over".split())


def _action_object(text: str) -> str | None:
    """What an action is about: the words after its verbs.

    "Fund and deliver the NHS long-term workforce plan" -> "the NHS long-term
    workforce plan"; "Continue to invest in data sharing" -> "data sharing";
    "Set out a clear strategy …" -> "a clear strategy …"."""
    words = text.rstrip(".").split(",")[0].split()
    index = 1
    while index < len(words):
        if words[index] in ("and", "or", "to") and index + 1 < len(words):
            index += 2  # "and deliver", "to invest"
        elif words[index] in _PARTICLES:
            index += 1
        else:
            break
    target = words[index : index + 9]
    while target and target[-1].lower() in _FILLER:  # never end on "of" or "the"
        target.pop()
    return " ".join(target) if len(target) >= 2 else None
