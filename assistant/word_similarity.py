"""How close in meaning two words, or a question and a sentence, are, by the
embedding model.

A paraphrased question uses words the documents never do ("quitting" for
"leaving", "unsafe" for "dangerous"); the answerability check must not take
such a word for a subject the documents lack, nor a sentence that says the
same thing in other words for one that does not answer. A store's own
vocabulary comes embedded from ingest (``vectorstore.word_vectors``); other
words and whole sentences are embedded when first met and cached for the
life of the process.
"""

from __future__ import annotations

import threading

import numpy as np
from langchain_core.embeddings import Embeddings

_CACHE_LIMIT = 200_000


class WordSimilarity:
    def __init__(self, embeddings: Embeddings, known: dict[str, np.ndarray] | None = None):
        """``known``: vectors already embedded, such as a store's vocabulary (by the same model)."""
        self.embeddings = embeddings
        self._vectors: dict[str, np.ndarray] = dict(known or {})
        self._lock = threading.Lock()

    def prepare(self, words: set[str]) -> None:
        """Embeds the words not yet seen, once per question rather than once per sentence."""
        self._embed(sorted(words))

    def closest(self, word: str, candidates: set[str]) -> float:
        """The highest cosine similarity between ``word`` and any candidate."""
        if not candidates:
            return 0.0
        vectors = self._embed([word, *candidates])
        return float(max(vectors[word] @ vectors[c] for c in candidates))

    def closeness(self, text: str, others: list[str]) -> list[float]:
        """The cosine similarity of ``text`` to each of ``others``, whole
        sentences included."""
        vectors = self._embed([text, *others])
        return [float(vectors[text] @ vectors[other]) for other in others]

    def _embed(self, words: list[str]) -> dict[str, np.ndarray]:
        """The vectors of ``words``, embedding those not cached."""
        known = {w: self._vectors[w] for w in words if w in self._vectors}
        new = sorted(set(words) - known.keys())
        if new:
            # One text at a time: a text's vector must not depend on what it was batched with
            # (padding to the batch's longest changes the last digits), or answers would depend
            # on the questions asked before them.
            vectors = [self.embeddings.embed_documents([text])[0] for text in new]
            fresh = dict(zip(new, (np.asarray(v, dtype=np.float32) for v in vectors), strict=True))
            with self._lock:
                if len(self._vectors) > _CACHE_LIMIT:
                    self._vectors.clear()
                self._vectors.update(fresh)
            known |= fresh
        return known
