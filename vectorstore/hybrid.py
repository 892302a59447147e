"""Hybrid retrieval: dense search in Chroma and BM25 over the same chunks,
fused by reciprocal rank, and steered to the place a question names.

Reciprocal rank fusion (Cormack et al., 2009) adds 1/(60 + rank) from each
list; it needs no score calibration between cosine similarities and BM25,
which live on different scales. The fused score is reported on 0..1 (1 means
first in both lists).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .keyword_index import KeywordIndex
from .scope import Scope, scope_of
from .store import ChunkStore, DocumentSummary, Passage

RRF_K = 60
CANDIDATES = 20  # from each list before fusion


# Passages from outside a question's scope rank after those inside it, and
# their scores are scaled by this so that answerers weigh them less too.
OUT_OF_SCOPE_WEIGHT = 0.5


@dataclass(frozen=True)
class Retrieval:
    scope: Scope
    topic: str  # what was searched for: the question less the words naming its documents
    passages: list[Passage]
    in_scope: int = 0  # how many leading passages lie inside the scope


class HybridRetriever:
    """Built from the saved keyword index and the document catalogue: no
    chunk text is read at start. ``version`` is the corpus version it serves."""

    def __init__(self, store: ChunkStore):
        self.store = store
        self.keywords: KeywordIndex = store.keyword_index()
        self.version = self.keywords.version
        self.documents: list[DocumentSummary] = store.documents()
        self._masks: dict[Scope, np.ndarray] = {}

    def retrieve(self, question: str, k: int = 6) -> Retrieval:
        scope = scope_of(question, self.documents, self.keywords.shared_words)
        question = scope.topic_of(question)
        passages = self._fused(question, k, scope) if scope else []
        in_scope = len(passages)
        if len(passages) < k:
            seen = {(p.source, p.position) for p in passages}
            weight = OUT_OF_SCOPE_WEIGHT if scope else 1.0
            passages += [
                p.model_copy(update={"score": round(p.score * weight, 4)})
                for p in self._fused(question, k, None)
                if (p.source, p.position) not in seen
            ]
        return Retrieval(scope, question, passages[:k], min(in_scope, k))

    def _fused(self, question: str, k: int, scope: Scope | None) -> list[Passage]:
        where = scope.where() if scope else None
        dense = self.store.search_with_ids(question, CANDIDATES, where=where)
        mask = self._mask(scope, where) if scope and where else None
        keyword = self.keywords.search(question, CANDIDATES, mask)
        fused: dict[str, float] = {}
        passages: dict[str, Passage] = {}
        for rank, (chunk_id, passage) in enumerate(dense):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + 1 / (RRF_K + rank + 1)
            passages[chunk_id] = passage
        for rank, (chunk_id, _) in enumerate(keyword):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + 1 / (RRF_K + rank + 1)
        ranked = sorted(fused, key=lambda chunk_id: fused[chunk_id], reverse=True)[:k]
        missing = [chunk_id for chunk_id in ranked if chunk_id not in passages]
        for chunk in self.store.chunks_by_id(missing):  # found by keywords alone
            passages[chunk.id] = Passage.of(chunk, 0.0, similarity=None)
        best = 2 / (RRF_K + 1)
        return [
            passages[chunk_id].model_copy(update={"score": round(fused[chunk_id] / best, 4)})
            for chunk_id in ranked
            if chunk_id in passages
        ]

    def _mask(self, scope: Scope, where: dict) -> np.ndarray:
        if scope not in self._masks:
            self._masks[scope] = self.keywords.mask(self.store.ids_where(where))
        return self._masks[scope]
