"""What counts as an answer of each kind, in a sentence: the slots that
``answerability`` looks for ("a date", "a sum of money", "a number" …).

A figure the question itself gives never counts, and neither does a place
in a document ("(see Chapter One)", "paragraph 2.18").
"""

from __future__ import annotations

import re

from .change_words import CHANGES_MADE
from .figures import DATE, NUMBER_WORDS

SPECIFIC_SLOTS = frozenset({"date", "money", "percent", "count", "amount", "duration", "frequency"})
# A reference to a place in a document is no figure: "(see Chapter One)", "paragraph 2.18".
PLACE_REFERENCE = re.compile(
    r"\b(?:chapter|paragraph|para|page|p\.|commitment|priority|annex|section|episode|ep\.|type|stage|level|grade|band"
    r"|tier|phase|wave)\s+[\w.]+",
    re.I,
)

_TIME_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b"
_FRACTION = r"\b(?:half|a third|two thirds|a quarter|three quarters|one in \w+|majority|minority|a fifth|a tenth)\b"
SLOTS: dict[str, re.Pattern[str]] = {
    "date": re.compile(
        rf"{DATE.pattern}|\b\d{{2}}/\d{{2}}\b|\b(?:spring|summer|autumn|winter)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b"
        r"|\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)\b|\bat (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight)\b"
        # a time set by an event: "two years after the birth", "within six weeks of referral"
        rf"|\b(?:\d+|{NUMBER_WORDS})[\s-]+{_TIME_UNIT}\s+(?:after|before|from)\b|\bwithin\s+(?:\d+|{NUMBER_WORDS})[\s-]+{_TIME_UNIT}",
        re.IGNORECASE,
    ),
    "money": re.compile(r"£\s?\d|\b\d[\d,.]*\s?(?:bn|billion|million|m)\b\s*(?:pounds|of funding|investment)", re.IGNORECASE),
    "percent": re.compile(rf"\d\s?(?:%|per ?cent)|{_FRACTION}", re.IGNORECASE),
    # A number of things, not a year ("2019") nor a length of time ("the next five years").
    "count": re.compile(
        rf"(?:(?<![\d/£])\b(?!(?:19|20)\d\d\b)\d[\d,]*(?:\.\d+)?\b(?![/%]|\.\d)|\b(?:{NUMBER_WORDS}|a single)\b|{_FRACTION})"
        # nor an age or length written as one word: "a five- or six-year degree"
        rf"(?!(?:-?\s*(?:or|to|and)\s+[\w-]+?)?[\s-]+{_TIME_UNIT}|\s?per ?cent)",
        re.IGNORECASE,
    ),
    "frequency": re.compile(
        r"\b(?:every|each|per|a) (?:day|week|month|quarter|year)\b|\b(?:daily|weekly|fortnightly|monthly|quarterly|annually"
        r"|yearly|once|twice|round the clock|around the clock)\b|\b\w+ times a\b|\b24/7\b|\b24 hours a day\b",
        re.IGNORECASE,
    ),
    "duration": re.compile(
        rf"\b(?:\d+|{NUMBER_WORDS}|many|few|multiple|several)[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b|\bdecade\b|\b24/7\b",
        re.IGNORECASE,
    ),
    # A place word after a preposition: "in hospital settings", "close to home", "across the country".
    "place": re.compile(
        r"\b(?:in|at|across|near|throughout|around|to|into|within)\s+(?:the\s+|local\s+|their\s+|all\s+|every\s+)?"
        r"(?:right\s+|same\s+|wrong\s+|best\s+|most\s+appropriate\s+)?(?:hospitals?|areas?|regions?|places?|sites?|settings?|communit(?:y|ies)|homes?|countr(?:y|ies)|England|London)\b"
        # a setting of care, which ends its phrase: "within primary and community care", not "in primary care networks"
        r"|\b(?:in|within|into|to)\s+(?:\w+\s+(?:and\s+)?)?(?:primary|community|social|secondary|acute|urgent|hospital|home)\s+care"
        r"(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|so|for|with|rather|instead|as|where|while|through)\b)"
        # where someone is sent: "refer callers to the right care pathways", "signposted to local services"
        r"|\b(?:refer|send|sent|direct|signpost|transfer)(?:s|red|ring|ed|ing)?\b(?:\s+[\w'’-]+){0,3}?\s+(?:on\s+)?to\s+"
        r"(?:the\s+|a\s+|an\s+|their\s+|local\s+)?[\w'’-]{3,}"
        # where something is offered: "will also be available as part of specialist mental health services"
        r"|\b(?:available|offered|provided|delivered)\b(?:\s+[\w'’-]+){0,2}?\s+(?:in|within|through|as part of)\s+"
        r"(?:[\w'’-]+\s+){0,4}?services\b"
        # where something is written: "as set out in its constitution"
        r"|\b(?:set out|written(?: down)?|laid down|enshrined|recorded)\s+in\s+(?:the|its|their|a|an)\s+[\w'’-]{3,}",
        re.IGNORECASE,
    ),
    "agent": re.compile(
        r"\b(?:government|departments?|trusts?|systems|boards?|teams?|leaders|staff|partners|unions|colleges|charit(?:y|ies)"
        r"|organisations?|bodies|authorit(?:y|ies)|councils?|commissioners|providers|practices|networks|groups|workers"
        r"|doctors|nurses|clinicians|professionals|pharmacists|midwives|gps|volunteers|employers|universities|schools"
        r"|experts|researchers|managers|politicians|ministers|police"
        # people an answer can be about: "among whom …" -> "children and young people"
        r"|people|patients|children|women|men|families|carers|adults|mothers|residents|communities|services)\b"
        # a body by its name: "NHS England", "Public Health England", "the Care Quality Commission"
        r"|(?-i:\bNHS(?:\s+[A-Z][a-z]+)+\b|\b(?:[A-Z][\w&'-]*\s+){1,4}(?:England|Improvement|Providers|Confederation|Trust"
        r"|Council|Board|Agency|Commission|Institute|College|Foundation|Office|Department|Society|Association)\b)",
        re.IGNORECASE,
    ),
}
# A sentence that spells an acronym out: "Familial Hypercholesterolaemia (FH)", "CDEL (capital …)".
SLOTS["expansion"] = re.compile(r"\([A-Z][A-Za-z&]{1,7}\)|\b[A-Z]{2,8}s?\s+\([a-zA-Z]")
SLOTS["section"] = re.compile(rf"{PLACE_REFERENCE.pattern}|\bannex\b", re.IGNORECASE)
# A figure of any kind, or a multiple said in words ("fund a doubling of the programme"), or time
# spent ("how much nutrition teaching": "just eight hours").
SLOTS["amount"] = re.compile(
    "|".join(
        [
            *(SLOTS[s].pattern for s in ("money", "percent", "count")),
            r"\b(?:doubl|tripl|trebl|halv)(?:e|es|ed|ing)\b",
            rf"\b(?:\d+|{NUMBER_WORDS})\s+(?:hours?|minutes?|days?|weeks?)\b",
        ]
    ),
    re.IGNORECASE,
)
# What came of something: a figure, a change ("reduced", "improved"), or a result said as one.
SLOTS["outcome"] = re.compile(
    rf"(?<![\w./])(?!(?:19|20)\d\d\b)\d[\d,.]*\b|{SLOTS['percent'].pattern}|\b(?:{'|'.join(CHANGES_MADE)})\b"
    r"|\b(?:benefit(?:ed|ted)|succe(?:ss|eded|ssful)\w*|led to|resulted|found that|show(?:ed|n)|concluded|outcomes?|achieved)\b",
    re.IGNORECASE,
)
