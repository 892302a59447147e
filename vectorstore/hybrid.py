"""Hybrid retrieval: dense search in Chroma and BM25 over the same chunks,
fused by reciprocal rank, and steered to the place a question names.

Reciprocal rank fusion (Cormack et al., 2009) adds 1/(60 + rank) from each
list; it needs no score calibration between cosine similarities and BM25,
which live on different scales. The fused score is reported on 0..1 (1 means
first in both lists).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from ingest import Chunk

from .keyword_index import KeywordIndex
from .scope import Scope, scope_of
from .store import ChunkStore, DocumentSummary, Passage

RRF_K = 60
CANDIDATES = 20  # from each list before fusion
SCOPES_KEPT = 128  # scopes whose chunks and vectors stay in memory


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
        self.documents: list[DocumentSummary] = store.documents()
        self.keywords: KeywordIndex = store.keyword_index(self.documents)
        self.version = self.keywords.version
        self._scopes: OrderedDict[Scope, _ScopeRows] = OrderedDict()
        self._library: _ScopeRows | None = None

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
        if scope and where:
            rows = self._rows_of(scope, where)
            dense = rows.search(self.store.embeddings.embed_query(question), CANDIDATES)
            keyword = self.keywords.search(question, CANDIDATES, rows.mask)
        else:
            dense = self._library_rows().search(self.store.embeddings.embed_query(question), CANDIDATES)
            keyword = self.keywords.search(question, CANDIDATES)
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

    def _library_rows(self) -> _ScopeRows:
        """Every chunk with its vector, read once: dense search is exact
        without a scope too. Chroma builds the HNSW graph of its newest
        vectors again in each process that opens the store, not always the
        same way, so its approximate search could return other near-equal
        passages from one process to the next, and an evaluation run would
        not repeat."""
        if self._library is None:
            self._library = self._read_rows(None)
        return self._library

    def _rows_of(self, scope: Scope, where: dict) -> _ScopeRows:
        """The chunks and vectors inside ``scope``, kept for the next questions
        about it (most recently used first out when there are too many)."""
        rows = self._scopes.pop(scope, None)
        if rows is None:
            rows = self._read_rows(where)
        self._scopes[scope] = rows
        if len(self._scopes) > SCOPES_KEPT:
            self._scopes.popitem(last=False)
        return rows

    def _read_rows(self, where: dict | None) -> _ScopeRows:
        chunks, vectors = self.store.chunks_where(where)
        return _ScopeRows(chunks, vectors, self.keywords.mask(chunk.id for chunk in chunks))


@dataclass(frozen=True)
class _ScopeRows:
    """A scope's (or the library's) chunks with their vectors: dense search
    is exact, a product with the query vector. Chroma's filtered search reads
    the filter over the whole collection at each question, which grows with
    the library (9 ms at 12,500 chunks against 2.5 ms unfiltered)."""

    chunks: list[Chunk]
    vectors: np.ndarray  # one normalised row per chunk
    mask: np.ndarray  # the keyword index's limit to these chunks

    def search(self, query: list[float], k: int) -> list[tuple[str, Passage]]:
        if not self.chunks:
            return []
        similarity = self.vectors @ np.asarray(query, dtype=np.float32)
        best = np.argsort(-similarity, kind="stable")[:k]
        return [
            (self.chunks[i].id, Passage.of(self.chunks[i], float(similarity[i]), round(float(similarity[i]), 4))) for i in best
        ]
