"""Two documents, two dates, two figures for one thing: the answer shows both.

The documents span years: a figure a 2019 plan gives and the one a 2024
briefing gives for the same thing are both true as of their dates. When the
answer to a figure question quotes one document, and a passage retrieved
from a document of another year answers the same question with a different
figure, that sentence is added with its own citation, so the reader sees
both, each with its document's date on its source.
"""

from __future__ import annotations

from collections.abc import Sequence

from vectorstore import Passage
from vectorstore.keyword import tokens

from .answerability import AnswerabilityCheck
from .asked import Asked
from .sentences import marks_of, readable, with_mark, without_marks
from .slots import SLOTS

FIGURE_SLOTS = frozenset({"money", "count", "percent", "amount"})
_SAME_THING = 0.5  # share of the other sentence's words the answer already has


def other_dated_figure(parts: Sequence[Asked], passages: Sequence[Passage], draft: str, check: AnswerabilityCheck) -> str | None:
    """The sentence to add, marked with its passage, or None."""
    cited = {n - 1 for n in marks_of(draft) if 0 < n <= len(passages)}
    years = {date[:4] for i in cited if (date := passages[i].date)}
    documents = {passages[i].source for i in cited}
    # Only passages of other documents and other years can hold the other figure: most answers have none to look at.
    others = [i for i, p in enumerate(passages) if p.source not in documents and p.date and p.date[:4] not in years]
    if not years or not others:
        return None
    quoted = set(tokens(without_marks(draft)))
    for part in parts:
        if part.slot not in FIGURE_SLOTS:
            continue
        given = _figures(part.slot, draft)
        for evidence in check.evidence(part, [passages[i] for i in others]):
            figures = _figures(part.slot, evidence.sentence)
            words = set(tokens(evidence.sentence))
            # The same thing: every word the question asks about, and much of what the answer already says.
            same_thing = set(part.terms) <= words and len(words & quoted) / (len(words) or 1) >= _SAME_THING
            if figures and not figures & given and same_thing:
                return with_mark(readable(evidence.sentence), others[evidence.passage] + 1)
    return None


def _figures(slot: str, text: str) -> set[str]:
    return {m.group(0).lower().replace(",", "").replace(" ", "") for m in SLOTS[slot].finditer(text)}
