"""Words that name the same change ("cut" / "reducing", "raise" / "improve"),
or the same act ("find" / "identified", "depend" / "relies"), or the same
office ("who heads …" / "chief executive").

Questions about figures ask how far something rose, fell, started,
stopped or was found, usually in other words than the text's. Single-word embeddings put
these pairs below the similarity that counts as a match (and put antonyms
such as "rise" / "fall" above it), so the answerability check reads them
from this small table instead.
"""

from __future__ import annotations

from functools import lru_cache

from vectorstore.keyword import tokens

_CLASSES = (
    "cut cuts reduce reduces reduced reducing reduction lower lowers lowered lowering decrease decreased decreasing "
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
    "publish publishes published publishing publication release releases released",
    "celebrate celebrates celebrated celebrating mark marks marked marking",
    "anniversary anniversaries birthday birthdays",
    "centre centres center centers heart",  # "at the heart of" / "at the centre of"
    "faster quicker sooner speedier earlier rapid rapidly quickly quick fast",
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
def _class_of() -> dict[str, int]:
    classes: dict[str, int] = {}
    for number, words in enumerate(_CLASSES):
        for word in words.split():
            classes[word] = number
            for term in tokens(word):
                classes.setdefault(term, number)
    return classes


def same_change(word: str, others: set[str]) -> bool:
    """Whether ``others`` has a word for the change ``word`` names."""
    number = _class_of().get(word.lower())
    return number is not None and any(_class_of().get(other) == number for other in others)


def names_rise_or_fall(word: str) -> bool:
    """Whether ``word`` names a rise or a fall ("improved", "cut"): it says
    how something changed, not what."""
    return _class_of().get(word.lower(), -1) in (0, 1)
