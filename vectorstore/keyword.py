"""The project's tokeniser: for the keyword index and every word comparison.

Embeddings blur exact tokens: "£12bn", "2.18", "Messenger", "RAAC"; the
keyword index finds them only if they survive tokenising. This tokeniser
keeps figures whole ("£12bn", "3.4%", "2023/24", "2.18") so that a figure in
a question matches the same figure in a passage, and acronyms as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"£?\d+(?:[.,/]\d+)*(?:%|bn|m|k)?|[a-z][a-z'’]*[a-z]|[a-z]", re.IGNORECASE)
STOPWORDS = frozenset(
    """a about above after again all also an and any are as at be been before being below between both but by
    can could did do does doing down during each few for from further had has have having he her here hers him his
    how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them then there these they this those through
    to too under until up very was we were what when where which while who whom why will with would you your yours
    say says said tell told""".split()
)


# Suffixes folded by ``stem``, longest first: "digitisation", "digitised" ->
# "digit"; "funding", "funded" -> "fund"; "nurses", "nursing" -> "nurs".
_SUFFIXES = ("isation", "ization", "ation", "ising", "izing", "ised", "ized", "ing", "ise", "ize", "ed", "es", "e", "s")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stemmer: enough to match a question's "digitised" with
    a passage's "digitisation", without a dictionary."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if suffix in ("s", "es") and word.endswith("ss"):
            continue  # "business", "process"
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "fls":
        word = word[:-1]  # "plann" -> "plan", but "staff" stays
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed word tokens and whole figures, without stop words.

    An acronym also yields itself in capitals ("NHS IMPACT" -> "impact",
    "IMPACT"), so that it outranks the everyday word it spells."""
    found = []
    for original in _TOKEN.findall(text):
        token = original.lower().replace("’", "'").removesuffix("'s")
        if token in STOPWORDS:
            continue
        found.append(stem(token))
        if len(original) >= 3 and original.isupper() and original.isalpha():
            found.append(original)
    return found
