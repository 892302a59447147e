"""How close in meaning two single words are, by the embedding model.

A paraphrased question uses words the documents never do ("quitting" for
"leaving", "unsafe" for "dangerous"); the answerability check must not take
such a word for a subject the documents lack. Word vectors are cached for the
life of the process: a corpus has a bounded vocabulary, so after a few
questions nearly every lookup is a dictionary hit.
"""

from __future__ import annotations

import threading

import numpy as np
from langchain_core.embeddings import Embeddings

_CACHE_LIMIT = 200_000


class WordSimilarity:
    def __init__(self, embeddings: Embeddings):
        self.embeddings = embeddings
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def prepare(self, words: set[str]) -> None:
        """Embeds in one batch the words not yet seen: one call per question,
        not one per sentence."""
        self._embed(sorted(w for w in words if w not in self._vectors))

    def closest(self, word: str, candidates: set[str]) -> float:
        """The highest cosine similarity between ``word`` and any candidate."""
        if not candidates:
            return 0.0
        wanted = [word, *sorted(candidates)]
        self._embed([w for w in wanted if w not in self._vectors])
        target = self._vectors[word]
        return float(max(target @ self._vectors[c] for c in candidates))

    def _embed(self, words: list[str]) -> None:
        if not words:
            return
        vectors = self.embeddings.embed_documents(words)  # normalised, so a dot product is the cosine
        with self._lock:
            if len(self._vectors) > _CACHE_LIMIT:
                self._vectors.clear()
            self._vectors.update(zip(words, (np.asarray(v, dtype=np.float32) for v in vectors), strict=True))
