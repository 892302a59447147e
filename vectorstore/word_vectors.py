"""The vectors of the words a store's documents use, kept beside their chunks.

The answerability check compares a question's words with a sentence's by
meaning ("quitting" / "leaving"), so it needs a vector for every word of the
passages it reads. Embedded on demand, those words cost a third of a
first-time question. A store's vocabulary is bounded and known at ingest, so
its vectors are embedded there, in batches, and read back at start-up: a
question then embeds only its own new words. The vectors sit in a sibling
Chroma collection, so a ``chroma run`` server shares them between processes
as it shares the chunks.

Words are never removed with a document: a vector for a word no document
uses any longer is harmless, and the vocabulary only grows slowly.
"""

from __future__ import annotations

import re

import chromadb
import numpy as np
from langchain_core.embeddings import Embeddings

from .keyword import STOPWORDS

_WORD = re.compile(r"[a-z]{3,}")
_BATCH = 512  # words embedded and written at a time
_PAGE = 5000  # vectors read at a time


def vocabulary(text: str) -> set[str]:
    """The words of ``text`` the answerability check compares by meaning."""
    return set(_WORD.findall(text.lower())) - STOPWORDS


class WordVectors:
    def __init__(self, client: chromadb.ClientAPI, collection: str, embeddings: Embeddings):
        self.embeddings = embeddings
        self.collection = client.get_or_create_collection(
            f"{collection}-words", embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )

    def add(self, words: set[str]) -> None:
        """Embeds and stores the words not stored yet."""
        stored: set[str] = set()
        wanted = sorted(words)
        for start in range(0, len(wanted), _PAGE):
            stored.update(self.collection.get(ids=wanted[start : start + _PAGE], include=[])["ids"])
        new = [word for word in wanted if word not in stored]
        for start in range(0, len(new), _BATCH):
            batch = new[start : start + _BATCH]
            self.collection.add(ids=batch, embeddings=np.asarray(self.embeddings.embed_documents(batch), dtype=np.float32))

    def count(self) -> int:
        return self.collection.count()

    def load(self) -> dict[str, np.ndarray]:
        """Every stored word with its (normalised) vector."""
        vectors: dict[str, np.ndarray] = {}
        offset = 0
        while True:
            page = self.collection.get(include=["embeddings"], limit=_PAGE, offset=offset)
            embedded = page["embeddings"] if page["embeddings"] is not None else []
            vectors.update(zip(page["ids"], (np.asarray(v, dtype=np.float32) for v in embedded), strict=True))
            if len(page["ids"]) < _PAGE:
                return vectors
            offset += _PAGE
