"""Words that name the same change ("cut" / "reducing", "raise" / "improve"),
or the same act ("find" / "identified", "depend" / "relies"), the same
office ("who heads …" / "chief executive"), or the same thing in policy
writing ("law" / "legislative", "worries" / "concern").

Questions about figures ask how far something rose, fell, started,
stopped or was found, usually in other words than the text's. Single-word embeddings put
these pairs below the similarity that counts as a match (and put antonyms
such as "rise" / "fall" above it), so the answerability check reads them
from this small table instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vectorstore.keyword import tokens

_CLASSES = (
    "cut cuts reduce reduces reduced reducing reduction lower lowers lowered lowering decrease decreased decreasing less fewer "
    "drop drops dropped fall falls fell fallen halve halved halving shrink shrank decline declined",
    "raise raises raised raising rise rises rose risen increase increases increased increasing grow grows grew grown "
    "growth boost boosted expand expanded expanding expansion improve improves improved improving",
    "start starts started starting begin begins began begun launch launched launching introduce introduced "
    "introducing introduction commence commenced",
    "stop stops stopped stopping quit quits quitting end ends ended ending scrap scrapped",
    "find finds finding found identify identifies identified identifying detect detects detected detecting diagnose "
    "diagnoses diagnosed diagnosing spot spots spotted spotting",
    "depend depends depended depending rely relies relied relying",
    "head heads headed chief executive",
    "chair chairs chaired chairman chairwoman chairperson",
    "call calls called calling caller callers ring rings rang phone phones phoned dial dials dialled contact",
    "send sends sent sending refer refers referred referring referral referrals signpost signposts signposted signposting",
    "publish publishes published publishing publication release releases released launch launched launching "
    "unveil unveils unveiled unveiling",  # a document launched or unveiled is published
    "celebrate celebrates celebrated celebrating mark marks marked marking",
    "anniversary anniversaries birthday birthdays",
    "centre centres center centers heart",  # "at the heart of" / "at the centre of"
    "faster quicker sooner speedier earlier rapid rapidly quickly quick fast",
    # Words of policy writing that single-word embeddings put apart.
    "law laws legislation legislative legislate statute statutes statutory",
    "doubt doubts reservation reservations concern concerns worry worries worried",
    "pregnant pregnancy pregnancies expectant",
    "exceed exceeds exceeded exceeding outstrip outstrips outstripped outpace outpaced surpass surpassed",
    "extra additional increase increased increasing",  # "extra money": "increasing funding", and see more_than_figure
    "return returns returned payback repay repays yield yields",
    "exhausted exhaustion worn tired tiredness fatigue fatigued weary",  # "worn out at the end of their shift"
    "settlement settlements resolution resolutions deal deals agreement agreements",  # "sustainable resolution on pay"
)


# A rise or a fall that has happened ("reduced", "rose"), for finding a result in a sentence;
# "to improve" is an aim, not a result.
CHANGES_MADE = tuple(
    word
    for words in _CLASSES[:2]
    for word in words.split()
    if word.endswith("ed") or word in ("rose", "fell", "grew", "risen", "fallen", "grown")
)


@lru_cache(maxsize=1)
def _classes_of() -> dict[str, frozenset[int]]:
    """Each word's classes: a word may name two things ("increased" is a rise and something extra)."""
    classes: dict[str, set[int]] = {}
    for number, words in enumerate(_CLASSES):
        for word in words.split():
            for form in {word, *tokens(word)}:
                classes.setdefault(form, set()).add(number)
    return {word: frozenset(numbers) for word, numbers in classes.items()}


def same_change(word: str, others: set[str]) -> bool:
    """Whether ``others`` has a word for the change ``word`` names."""
    classes = _classes_of()
    wanted = classes.get(word.lower(), frozenset())
    return bool(wanted) and any(wanted & classes.get(other, frozenset()) for other in others)


def names_rise_or_fall(word: str) -> bool:
    """Whether ``word`` names a rise or a fall ("improved", "cut"): it says
    how something changed, not what."""
    return bool(_classes_of().get(word.lower(), frozenset()) & {0, 1})


# "£2.3bn more a year", "thousands more placements": "more" after a figure is an extra amount.
_MORE_AFTER_FIGURE = re.compile(r"(?:\d[\d,.]*\s?(?:bn|m|k|million|billion)?|\b(?:hundreds|thousands|millions))\s+more\b", re.I)


def extra_by_figure(word: str, sentence: str) -> bool:
    """Whether ``word`` asks for something extra ("extra", "additional") and
    the sentence gives a figure more; "more" alone is too common to say it."""
    return word.lower() in ("extra", "additional") and bool(_MORE_AFTER_FIGURE.search(sentence))
