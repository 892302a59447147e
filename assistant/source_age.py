"""How old an answer's sources are, said when a question asks about the present.

The documents span 2019 (the Long Term Plan) to 2024 (*A picture of
health*); a figure quoted from 2019 reads as current unless the answer says
when its source was written. A question about "now", "currently", "the
latest" or "this year" gets a note naming each cited document's date; so
does an answer quoting figures from documents of different years.
"""

from __future__ import annotations

import re
from datetime import date

from ingest.dates import spoken_date, years_between

from .models import Citation

_ASKS_NOW = re.compile(
    r"\b(?:now|nowadays|currently|current|latest|today|at present|presently|this year|these days|most recent|up to date"
    r"|as things stand|so far)\b",
    re.IGNORECASE,
)


def asks_about_now(question: str) -> bool:
    return bool(_ASKS_NOW.search(question))


def age_note(question: str, citations: list[Citation], today: date, answer: str = "") -> str | None:
    """ "You asked about the present; these sources were written at the dates
    shown: … (January 2019, 7 years ago)", for a question about now; "The
    sources give figures of different dates: …", for figures quoted from
    documents of different years; else None."""
    if not citations:
        return None
    written = {c.date[:4] for c in citations if c.date}
    if not asks_about_now(question):
        if len(written) < 2 or not re.search(r"\d", re.sub(r"\[\d+\]", "", answer)):
            return None
        dated = sorted({(c.date or "", c.document) for c in citations}, reverse=True)
        listed = "; ".join(f"{document} ({spoken_date(iso) or 'undated'})" for iso, document in dated)
        return f"The sources give figures of different dates: {listed}. Each figure holds as of its own source's date."
    seen: dict[str, str | None] = {}
    for citation in citations:
        seen.setdefault(citation.document, citation.date)
    described = []
    for document, iso in sorted(seen.items(), key=lambda item: item[1] or "", reverse=True):
        if iso:
            years = int(years_between(iso, today))
            ago = "this year" if years < 1 else f"{years} year{'s' if years != 1 else ''} ago"
            described.append(f"{document} ({spoken_date(iso)}, {ago})")
        else:
            described.append(f"{document} (undated)")
    return (
        "You asked about the present; these sources were written at the dates shown: "
        + "; ".join(described)
        + ". What they say may have changed since."
    )
