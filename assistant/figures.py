"""How figures and dates look in these documents, for the answerers and the
briefing builder: "£12bn", "3.4%", "50,000", "£2.3bn"; "2023/24",
"April 2021", "over the next five years"; and what a number counts and which
years a text is about."""

from __future__ import annotations

import re

from ingest.dates import MONTHS

MONTH = "(?:" + "|".join(month.capitalize() for month in MONTHS) + ")"  # "January" … "December"
FIGURE = re.compile(
    r"£\d[\d,.]*(?:bn|m)?|\b\d[\d,]*(?:\.\d+)?\s?%|\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s?(?:bn|billion|million)\b"
)
YEAR = rf"(?:{MONTH}\s+)?(?:19|20)\d{{2}}(?:/\d{{2}}|-\d{{2}})?"
DATE = re.compile(
    rf"\b{YEAR}\b|\b{MONTH}\b"
    r"|\b(?:next|over the|within)\s+(?:\w+\s+)?(?:years?|months?|decade)\b|\bby the end of\b",
    re.IGNORECASE,
)

NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds"
    r"|thousand|thousands|million|millions|dozens?|several"
)
# A number and the (up to three) words after it: what it counts; "more" or
# "extra" only compares ("hundreds more medical school places" counts places).
_COUNTED = re.compile(
    rf"((?<![\w£.,/-])(?!(?:19|20)\d\d\b)\d[\d,.]*(?:\s?[-–]\s?\d[\d,.]*)?(?:\s?(?:million|bn|m|k)\b)?"
    rf"|\b(?:{NUMBER_WORDS}|a single)\b"
    # a share of a group counts that group: "half of all staff"
    r"|\b(?:half|a third|two thirds|a quarter|three quarters|a fifth|a tenth)\s+of(?:\s+(?:all|the|its|their))?)"
    r"\s+(?:(?:more|extra|additional|fewer)\s+)?((?:[A-Za-z'-]+\s+){0,2}[A-Za-z'-]+)",
    re.IGNORECASE,
)
_NUMBER = re.compile(rf"\d[\d,.]*|\b(?:{NUMBER_WORDS})\b", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(?<![\d/£.,])(?:19|20)\d\d(?!\d)")


def counted_phrases(text: str, question: str) -> list[str]:
    """What each number of ``text`` counts, as the words right after it
    ("200 hospitals", "80,000 stays in hospital"); numbers the question
    itself gives are left out."""
    return [match.group(2) for match in _COUNTED.finditer(text) if match.group(1).lower() not in question.lower()]


def same_years(question: str, text: str) -> bool:
    """A question about one year ("road travel in 2023") is not answered by
    a text about another ("In 2017, 3.5% …"); a text naming no year may
    still be."""
    asked = set(_YEAR_ONLY.findall(question))
    said = set(_YEAR_ONLY.findall(text))
    return not asked or not said or bool(asked & said)


def restates(figure: str, question: str) -> bool:
    """Whether every number of a figure is one the question gives: "the next
    five years" only restates "five-year strategies"; it does not say by when."""

    def numbers(text: str) -> set[str]:
        return {n.lower().replace(",", "").strip(".") for n in _NUMBER.findall(text)}

    said = numbers(figure)
    return bool(said) and said <= numbers(question)
