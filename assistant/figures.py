"""How figures and dates look in these documents, for the answerers and the
briefing builder: "£12bn", "3.4%", "50,000", "£2.3bn"; "2023/24",
"April 2021", "over the next five years"."""

from __future__ import annotations

import re

FIGURE = re.compile(
    r"£\d[\d,.]*(?:bn|m)?|\b\d[\d,]*(?:\.\d+)?\s?%|\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s?(?:bn|billion|million)\b"
)
YEAR = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:19|20)\d{2}(?:/\d{2}|-\d{2})?"
DATE = re.compile(
    rf"\b{YEAR}\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|\b(?:next|over the|within)\s+(?:\w+\s+)?(?:years?|months?|decade)\b|\bby the end of\b",
    re.IGNORECASE,
)
