"""Quiz cards: multiple choice and true/false, with wrong answers drawn from
the corpus itself.

A wrong option is the answer to another fact of the same type (a sum of
money for a sum of money, a date for a date, an action for an action),
preferably from a sibling section (another commitment or chapter), so it is
plausible; it is never a value the card's own passages contain, so it cannot
also be true for the question; and it carries where it really comes from, so
a trainer can explain it. A true/false card states the card's sentence with
its figure or date, or with a sibling's in its place.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from ..sentences import capitalised
from .builder import BriefingCard, Option, citation_of, plain
from .facts import DATE_PREPOSITIONS, Fact

WRONG_OPTIONS = 3
_PREPOSITION = re.compile(rf"^(?:{DATE_PREPOSITIONS})\s+", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_SWAPPABLE = frozenset({"money", "percent", "share", "count", "date"})
# Answers whose kind a wrong option can match; a subject ("What is the backbone of the NHS?") has no siblings.
_CHOOSABLE = _SWAPPABLE | {"action", "rationale", "person", "expansion", "example"}


def quizzed(cards: Sequence[BriefingCard], facts: Sequence[Fact], corpus: Sequence[Fact]) -> list[BriefingCard]:
    """Each card as a quiz card: ``facts[i]`` is the fact card ``i`` was made
    from; ``corpus`` every fact of every document, for wrong options.
    Cards with a figure or date alternate between multiple choice and
    true/false; a card with too few plausible wrong options stays a question."""
    quiz = []
    swapped = 0
    for index, (card, fact) in enumerate(zip(cards, facts, strict=True)):
        wrong = _distractors(card, fact, corpus)
        if fact.value_type in _SWAPPABLE and wrong and (index % 2 == 1 or len(wrong) < WRONG_OPTIONS):
            quiz.append(_true_false(card, fact, wrong[0], false=swapped % 2 == 0))
            swapped += 1
        elif len(wrong) >= WRONG_OPTIONS and fact.value_type in _CHOOSABLE:
            quiz.append(_multiple_choice(card, fact, wrong[:WRONG_OPTIONS]))
        else:
            quiz.append(card)
    return quiz


def _distractors(card: BriefingCard, fact: Fact, corpus: Sequence[Fact]) -> list[Fact]:
    """Answers of the same type from elsewhere, siblings first, none that
    the card's own passages state."""
    own = " ".join(c.text for c in card.citations).lower()
    own_plain = plain(own)
    right = plain(fact.answer)
    seen = {right}
    chosen: list[Fact] = []
    item = _item(fact)
    ranked = sorted(
        (f for f in corpus if f.value_type == fact.value_type),
        key=lambda f: (_item(f) == item, _item(f)[0] != item[0], _digest(f.answer + card.question)),
    )
    size = len(fact.answer.split())
    years = set(_YEAR.findall(fact.answer))
    for other in ranked:
        key = plain(other.answer)
        if key in seen or other.answer.lower() in own or key in own_plain:
            continue
        words = len(other.answer.split())
        if fact.value_type not in _SWAPPABLE and (words < 2 or not size / 2.5 <= words <= size * 2.5 + 1):
            continue  # "Continue" beside "Sustain work with the unions …" gives itself away
        if years & set(_YEAR.findall(other.answer)):
            continue  # "2019-20" is not plainly wrong for "In 2019"
        seen.add(key)
        chosen.append(other)
    return chosen


def _multiple_choice(card: BriefingCard, fact: Fact, wrong: list[Fact]) -> BriefingCard:
    options = [Option(text=capitalised(fact.answer), correct=True, source=card.citations[0].reference)]
    bare = fact.value_type == "date" and not _PREPOSITION.match(fact.answer)  # "2019-20", not "By 2020"
    options += [
        Option(text=capitalised(_PREPOSITION.sub("", f.answer) if bare else f.answer), correct=False, source=_reference(f))
        for f in wrong
    ]
    options.sort(key=lambda o: _digest(card.question + o.text))
    return card.model_copy(update={"kind": "multiple_choice", "options": options})


def _true_false(card: BriefingCard, fact: Fact, other: Fact, false: bool) -> BriefingCard:
    statement = fact.quote
    if false:
        start = statement.lower().index(fact.answer.lower())
        statement = statement[:start] + other.answer + statement[start + len(fact.answer) :]
    statement = capitalised(statement.rstrip(". ")) + "."
    marks = " ".join(f"[{c.n}]" for c in card.citations)
    answer = f"False: the source gives {fact.answer} {marks}" if false else f"True {marks}"
    options = [
        Option(text="True", correct=not false, source=_reference(other) if false else card.citations[0].reference),
        Option(text="False", correct=false, source=card.citations[0].reference if false else None),
    ]
    return card.model_copy(
        update={"kind": "true_false", "question": f"True or false: {statement}", "answer": answer, "options": options}
    )


def _item(fact: Fact) -> tuple[str, str]:
    chunk = fact.chunk
    return (chunk.source, chunk.framework_item.label if chunk.framework_item else chunk.section)


def _reference(fact: Fact) -> str:
    return citation_of(fact.chunk, 1, fact.quote).reference


def _digest(text: str) -> str:
    """A stable order that does not follow the corpus (or the right answer's place)."""
    return hashlib.sha256(text.encode()).hexdigest()
