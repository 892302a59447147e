"""A document's date as ISO 8601, to the precision it is known.

Citations carry the date of the document they come from: "2019-01" for the
Long Term Plan (published January 2019), "2024-02" for *A picture of
health*, "2019-02-14" for a board paper. Dates come from the manifest, a
sidecar or the upload form ("January 2019", "14/02/2019", "2019-01" all
work) or, failing those, from the file itself: a PDF's creation date
("D:20190107…"), a Word file's core properties, an HTML page's
``<meta name="date">``, a Markdown file's front matter.
"""

from __future__ import annotations

import re
from datetime import date, datetime

MONTHS = "january february march april may june july august september october november december".split()
_MONTH = "|".join([*MONTHS, *(m[:3] for m in MONTHS), "sept"])


def iso_date(text: str | date | datetime | None) -> str | None:
    """``text`` as "YYYY", "YYYY-MM" or "YYYY-MM-DD", or None when it is no
    date this can read (a financial year such as "2019/20" is a span, not a date)."""
    if text is None:
        return None
    if isinstance(text, datetime | date):
        return text.strftime("%Y-%m-%d")
    value = " ".join(str(text).split()).strip().rstrip(".")
    if m := re.fullmatch(r"D:(\d{4})(\d{2})?(\d{2})?.*", value):  # a PDF date: D:20190107120000Z
        return _valid(m.group(1), m.group(2), m.group(3))
    if m := re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+\-Z]*)?", value):
        return _valid(m.group(1), m.group(2), m.group(3))
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value):  # 14/02/2019, the British order
        return _valid(m.group(3), m.group(2), m.group(1))
    if m := re.fullmatch(rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?({_MONTH}),?\s+(\d{{4}})", value, re.IGNORECASE):
        return _valid(m.group(3), str(_month(m.group(2))), m.group(1))
    if m := re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s*(\d{{4}})", value, re.IGNORECASE):
        return _valid(m.group(3), str(_month(m.group(1))), m.group(2))  # February 14, 2019
    return None


def spoken_date(iso: str | None) -> str | None:
    """ "2019-01" → "January 2019", "2019-02-14" → "14 February 2019", "2024" → "2024"."""
    if not iso or not (m := re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso)):
        return iso
    year, month, day = m.groups()
    if not month:
        return year
    named = f"{MONTHS[int(month) - 1].capitalize()} {year}"
    return f"{int(day)} {named}" if day else named


def years_between(iso: str, today: date) -> float:
    """How old a document of date ``iso`` is on ``today``, in years (from the middle of its period)."""
    year, month, day = (int(p) for p in [*iso.split("-"), "0", "0"][:3])
    start = date(year, month or 7, day or (15 if month else 1))
    return (today - start).days / 365.25


def _month(name: str) -> int:
    lowered = name.lower()[:3]
    return next(index for index, month in enumerate(MONTHS, start=1) if month.startswith(lowered))


def _valid(year: str, month: str | None, day: str | None) -> str | None:
    y = int(year)
    if not 1900 <= y <= 2100:
        return None
    if not month:
        return f"{y:04d}"
    mo = int(month)
    if not 1 <= mo <= 12:
        return None
    if not day:
        return f"{y:04d}-{mo:02d}"
    try:
        return date(y, mo, int(day)).isoformat()
    except ValueError:
        return None
