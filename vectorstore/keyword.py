"""A BM25 keyword index over the same chunks as the vector store.

Embeddings blur exact tokens: "£12bn", "2.18", "Messenger", "RAAC". BM25
finds them. The tokeniser keeps figures whole ("£12bn", "3.4%", "2023/24",
"2.18") so that a figure in a question matches the same figure in a passage.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ingest import Chunk

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


@dataclass(frozen=True)
class KeywordHit:
    chunk: Chunk
    score: float


class KeywordIndex:
    """Okapi BM25 (k1=1.5, b=0.75, the usual defaults) over chunk text and headings."""

    K1 = 1.5
    B = 0.75

    def __init__(self, chunks: list[Chunk]):
        self.chunks = chunks
        self._terms = [Counter(tokens(chunk.embedding_text)) for chunk in chunks]
        self._lengths = [sum(terms.values()) for terms in self._terms]
        self._average = (sum(self._lengths) / len(self._lengths)) if chunks else 0.0
        frequency = Counter(term for terms in self._terms for term in terms)
        total = len(chunks)
        self.idf = {term: math.log(1 + (total - n + 0.5) / (n + 0.5)) for term, n in frequency.items()}
        # Every word as written (lower-cased, unstemmed): "commission" is not
        # "commissioning", so a name the documents never use is told apart.
        self.words = frozenset(word for chunk in chunks for word in re.findall(r"[a-z0-9]+", chunk.embedding_text.lower()))

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[KeywordHit]:
        """The ``k`` best chunks for ``query``; ``allowed`` limits them to chunk ids."""
        query_terms = set(tokens(query)) & self.idf.keys()
        if not query_terms:
            return []
        scored = []
        for index, terms in enumerate(self._terms):
            if allowed is not None and self.chunks[index].id not in allowed:
                continue
            score = 0.0
            norm = self.K1 * (1 - self.B + self.B * self._lengths[index] / self._average)
            for term in query_terms:
                count = terms.get(term, 0)
                if count:
                    score += self.idf[term] * count * (self.K1 + 1) / (count + norm)
            if score > 0:
                scored.append((score, index))
        scored.sort(reverse=True)
        return [KeywordHit(self.chunks[index], score) for score, index in scored[:k]]
