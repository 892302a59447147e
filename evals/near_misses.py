"""Proposed cases the documents cannot answer, beside the answerable ones
``eval generate`` makes from briefing cards.

A *near miss* asks about something the scope names — a programme, a
service, a board, a strategy — for what no passage of the corpus gives
about it: its cost, when it was set up or published, who chairs it, how
many members it has. Or it asks an answerable question of a year or a
nation no document mentions ("… by 2020/21?" → "… by 2035/36?", "… in
Wales?"). A *partial* case
adds to an answerable question a second part the documents do not answer
("How large is the maintenance backlog …, and by when?").

A question is proposed only when the corpus itself shows it cannot be
answered: no indexed passage that names the thing holds the kind of value
asked for (a money figure, a date, a chair, a number), or no document
mentions the year or the nation at all. That is evidence about the
documents, not about the assistant, so the cases test the
assistant instead of echoing what it already does. Each proposal says why
it was made, and an evaluator reads it before ``eval accept`` adds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, zip_longest

from assistant.figures import MONTH, YEAR
from assistant.passage_context import terms_of
from ingest import Chunk
from vectorstore.keyword import tokens

# The last word of a name says what kind of thing it names, and so what can be asked about it.
_HEADS = {
    "body": "Board|Boards|Team|Teams|Network|Networks|Partnership|Partnerships|Commission|Agency|Council|Committee|Alliance",
    "scheme": "Programme|Programmes|Scheme|Schemes|Service|Services|Initiative|Pathway|Fund|App|Hub|Hubs|Centre|Centres"
    "|Unit|Units|Register|Offer|Check|Checks|Test",
    "document": "Strategy|Framework|Standard|Standards|Review|Charter|Compact",
}
_WORD = r"[A-Z][A-Za-z'-]+"
_NAME = re.compile(
    rf"\b((?:{_WORD}|NHS|GP)(?: (?:(?:of|for|and|in|on) )?(?:{_WORD}|NHS|GP)){{0,5}} (?:{'|'.join(_HEADS.values())}))\b"
)
_FIRST_WORDS_NOT_NAMES = frozenset("The This These Our A An Each Every All New Their Its".split())

_MONEY = re.compile(r"[£$€]\s?\d|\b\d[\d,.]*\s?(?:bn|billion|m|million)\b|\b(?:cost|costs|budget|funded|funding|spend)\b", re.I)
_DATE = re.compile(
    rf"\b{YEAR}\b|\b{MONTH}\b|(?i:\b(?:since|set up|founded|agreed|(?:establish|launch|introduc|publish)\w*"
    r"|(?:next|last|past|coming) (?:\w+ )?(?:years?|months?)|this year)\b)"
)
_PERSON = re.compile(
    r"(?i:\b(?:chair|chairs|chaired|chairman|chairwoman|chairperson|led by|leads|leader|head|director|chief)\b)"
    r"|\b(?:Sir|Dame|Dr|Professor|Cllr|Councillor|Lord|Baroness|Mr|Mrs|Ms)\.? [A-Z]"
)
_COUNT = re.compile(r"\b(?!(?:19|20)\d\d\b)\d[\d,]*\b|(?i:\bmembers?\b|\bmembership\b)")
_YEAR_IN_QUESTION = re.compile(r"\b((?:19|20)\d\d)(/\d\d)?\b")
_PLACE = re.compile(r"(?i:according to )?(?i:chapter|commitment|section|paragraph) [\w.]+(?: of the(?: [A-Z][\w'-]*)+)?")
_ASKING_WORDS = frozenset(tokens("say says give gives example examples done propose achieve include explain"))
_ELSEWHERE = ("Wales", "Scotland", "Northern Ireland")  # nations a document about England's health service may never name
_QUESTION_WORDS = frozenset("What Which Who Whom Whose When Where Why How By According Is Are Does Do Will Can".split())
_FUTURE = re.compile(r"\b(?:will|should|propose|proposes|plan|plans|aim|aims)\b", re.I)


@dataclass(frozen=True)
class Ask:
    """One thing to ask about a named thing, and what in a passage would answer it."""

    kind: str
    wording: str  # with {name} and {be}
    answered_by: re.Pattern[str]
    what: str  # the kind of value, for the reviewer's note


ASKS = {
    "body": (
        Ask("person", "Who chairs the {name}?", _PERSON, "a chair, leader or named person"),
        Ask("date", "When {be} the {name} set up?", _DATE, "a date or word of starting"),
        Ask("count", "How many members does the {name} have?", _COUNT, "a number or word of membership"),
    ),
    "scheme": (
        Ask("cost", "How much will the {name} cost?", _MONEY, "a money figure or word of cost"),
        Ask("date", "When {be} the {name} introduced?", _DATE, "a date or word of starting"),
    ),
    "document": (
        Ask("date", "When {be} the {name} published?", _DATE, "a date or word of publishing"),
        Ask("cost", "How much will delivering the {name} cost?", _MONEY, "a money figure or word of cost"),
    ),
}

_FOLLOW_ONS = (
    Ask("date", "and by when?", _DATE, "a date or time"),
    Ask("cost", "and how much will it cost?", _MONEY, "a money figure or word of cost"),
)


@dataclass(frozen=True)
class NearMiss:
    question: str
    name: str
    kind: str
    why: str


def named_things(texts: Iterable[str]) -> list[str]:
    """The programmes, services and bodies the texts name, most named first."""
    counts: dict[str, int] = {}
    for text in texts:
        for match in _NAME.finditer(text):
            name = match.group(1)
            words = name.split()
            while words and words[0] in _FIRST_WORDS_NOT_NAMES:
                words = words[1:]
            if len(words) >= 2:
                counts[" ".join(words)] = counts.get(" ".join(words), 0) + 1
    return sorted(counts, key=lambda name: (-counts[name], name))


def naming(name: str, chunks: Sequence[Chunk]) -> list[Chunk]:
    """The passages that name ``name``, or the acronym the corpus gives it."""
    acronyms = {m.group(1) for chunk in chunks for m in re.finditer(rf"{re.escape(name)}\s+\(([A-Z]{{2,8}}s?)\)", chunk.text)}
    patterns = [re.compile(rf"\b{re.escape(name)}\b", re.I), *(re.compile(rf"\b{re.escape(a)}\b") for a in acronyms)]
    return [chunk for chunk in chunks if any(p.search(chunk.text) for p in patterns)]


def unanswered(name: str, corpus: Sequence[Chunk], turn: int = 0) -> NearMiss | None:
    """A question about ``name`` that no passage of ``corpus`` naming it
    answers; ``turn`` rotates the kinds of ask, so a set does not ask the same
    thing of everything."""
    passages = naming(name, corpus)
    plural = name.endswith("s") and not name.endswith(("ss", "us"))
    head = next(kind for kind, heads in _HEADS.items() if re.search(rf"(?:{heads})$", name))
    asks = ASKS[head]
    for ask in asks[turn % len(asks) :] + asks[: turn % len(asks)]:
        if plural and ask.kind in ("person", "count"):
            continue  # "Who chairs the Alcohol Care Teams?" asks of many what is said of one
        if any(ask.answered_by.search(p.text) for p in passages):
            continue
        question = ask.wording.format(name=name, be="were" if plural else "was")
        return NearMiss(question, name, ask.kind, f"none of the {len(passages)} passage(s) naming the {name} has {ask.what}")
    return None


def moved_year(question: str, corpus: Sequence[Chunk]) -> NearMiss | None:
    """An answerable question about a year, asked of a year no document
    mentions: "… by 2020/21?" → "… by 2035/36?"."""
    found = _YEAR_IN_QUESTION.search(question)
    if not found:
        return None
    years = [int(y) for chunk in corpus for y in re.findall(r"\b((?:19|20)\d\d)\b", chunk.text)]
    later = max(years, default=int(found.group(1))) + 7
    if any(str(later) in chunk.text for chunk in corpus):
        return None
    moved = f"{later}/{(later + 1) % 100:02d}" if found.group(2) else str(later)
    return NearMiss(
        question[: found.start()] + moved + question[found.end() :],
        found.group(0),
        "moved-date",
        f"the question is answered for {found.group(0)}, and no document mentions {later} at all",
    )


def moved_place(question: str, corpus: Sequence[Chunk], turn: int = 0) -> NearMiss | None:
    """An answerable question asked of a nation no document mentions: "How
    large is the maintenance backlog …?" → "In Wales, how large is the
    maintenance backlog …?"; ``turn`` varies the nation."""
    absent = [p for p in _ELSEWHERE if not any(p in chunk.text for chunk in corpus)]
    if not absent or "stand for" in question or " in England" in question:
        return None
    place = absent[turn % len(absent)]
    first, _, rest = question.partition(" ")
    opening = first.lower() if first in _QUESTION_WORDS else first
    moved = f"In {place}, {opening} {rest}"
    return NearMiss(
        moved, place, "moved-place", f"the question is answered for the documents' own area; no document mentions {place}"
    )


def near_misses(
    scope_chunks: Sequence[Chunk],
    corpus: Sequence[Chunk],
    limit: int,
    answerable: Sequence[str] = (),
    avoid: Sequence[str] = (),
) -> list[NearMiss]:
    """Up to ``limit`` questions that no passage of ``corpus`` answers: about
    the things the scope names, and the ``answerable`` questions moved to a
    year or a nation no document mentions, taken in turn; none that ``avoid`` asks."""
    named = (unanswered(name, corpus, turn) for turn, name in enumerate(named_things(c.text for c in scope_chunks)))
    moved = (moved_year(question, corpus) for question in answerable)
    elsewhere = (moved_place(question, corpus, turn) for turn, question in enumerate(answerable))
    asked = {question.lower() for question in avoid}
    found: list[NearMiss] = []
    for miss in chain.from_iterable(zip_longest(named, moved, elsewhere)):
        if len(found) >= limit:
            break
        if miss and miss.kind == "moved-place" and sum(f.kind == "moved-place" for f in found) >= (limit + 1) // 2:
            continue  # half at most: one kind of near miss should not make a set
        if miss and miss.question.lower() not in asked:
            asked.add(miss.question.lower())
            found.append(miss)
    return found


def decline_rows(misses: Sequence[NearMiss], prefix: str) -> list[dict]:
    """Near misses as proposed test-set rows; ``why`` is for the reviewer and
    is not kept when the case is accepted."""
    return [
        {
            "id": f"{prefix}-nm-{number:02d}",
            "user_input": miss.question,
            "answerable": False,
            "tags": ["proposed", "near-miss", miss.kind],
            "why": miss.why,
        }
        for number, miss in enumerate(misses, start=1)
    ]


def follow_on(question: str, kind: str, rests_on: Sequence[str], corpus: Sequence[Chunk]) -> NearMiss | None:
    """The answerable ``question`` with a second part the documents do not
    answer: "…, and by when?" or "…, and how much will it cost?", when
    neither the passages it rests on nor any passage about the same thing
    (most of its words) gives a date or a sum (a date asked first)."""
    if kind == "body" or "stand for" in question or not _FUTURE.search(question):
        return None  # "What does CDEL stand for, and by when?" asks nothing; nor does it of what already is
    topic = set(tokens(_PLACE.sub(" ", question))) - _ASKING_WORDS
    if len(topic) < 2:
        return None
    about = [*rests_on, *(c.text for c in corpus if len(topic & terms_of(c.text)) >= 0.6 * len(topic))]
    asked = question.lower()
    for ask in _FOLLOW_ONS:
        if (ask.kind == "date" and (kind == "date" or "when" in asked)) or (ask.kind == "cost" and "how much" in asked):
            continue
        if not any(ask.answered_by.search(text) for text in about):
            joined = f"{question.rstrip('?').rstrip()}, {ask.wording}"
            return NearMiss(joined, question, ask.kind, f"none of the {len(about)} passage(s) about it has {ask.what}")
    return None


def partial_rows(
    answerable: Sequence[tuple[dict, str, list[str]]], corpus: Sequence[Chunk], limit: int, prefix: str
) -> list[dict]:
    """Up to ``limit`` partly answerable rows from answerable ones (each with
    its card's kind and the passages it rests on): the documents answer the
    first part, and nothing in them the second."""
    rows: list[dict] = []
    for row, kind, rests_on in answerable:
        if len(rows) >= limit:
            break
        if miss := follow_on(row["user_input"], kind, rests_on, corpus):
            rows.append(
                row
                | {
                    "id": f"{prefix}-partial-{len(rows) + 1:02d}",
                    "user_input": miss.question,
                    "answerability": "partial",
                    "tags": ["proposed", "partial", miss.kind],
                    "why": f"the first part is the answerable case {row['id']}; for the second, {miss.why}",
                }
            )
    return rows
