"""Hybrid retrieval: dense search in Chroma and BM25 over the same chunks,
fused by reciprocal rank, and steered to the place a question names.

Reciprocal rank fusion (Cormack et al., 2009) adds 1/(60 + rank) from each
list; it needs no score calibration between cosine similarities and BM25,
which live on different scales. The fused score is reported on 0..1 (1 means
first in both lists).
"""

from __future__ import annotations

from dataclasses import dataclass

from .keyword import KeywordIndex, tokens
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
    def __init__(self, store: ChunkStore):
        self.store = store
        chunks = store.chunks()
        self.keywords = KeywordIndex(chunks)
        self.documents: list[DocumentSummary] = store.documents()
        sources_by_word: dict[str, set[str]] = {}
        for chunk in chunks:
            for word in set(tokens(chunk.text)):
                sources_by_word.setdefault(word, set()).add(chunk.source)
        self.shared_words = {word for word, sources in sources_by_word.items() if len(sources) > 1}
        self._ids_by_scope: dict[Scope, set[str]] = {}
        self._chunks = chunks

    def retrieve(self, question: str, k: int = 6) -> Retrieval:
        scope = scope_of(question, self.documents, self.shared_words)
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
        dense = self.store.search(question, CANDIDATES, where=where)
        allowed = self._allowed(scope) if scope else None
        keyword = self.keywords.search(question, CANDIDATES, allowed)
        fused: dict[tuple[str, int], float] = {}
        passages: dict[tuple[str, int], Passage] = {}
        for rank, passage in enumerate(dense):
            key = (passage.source, passage.position)
            fused[key] = fused.get(key, 0.0) + 1 / (RRF_K + rank + 1)
            passages[key] = passage
        for rank, hit in enumerate(keyword):
            key = (hit.chunk.source, hit.chunk.position)
            fused[key] = fused.get(key, 0.0) + 1 / (RRF_K + rank + 1)
            passages.setdefault(key, Passage.of(hit.chunk, 0.0, similarity=None))
        best = 2 / (RRF_K + 1)
        ranked = sorted(fused, key=lambda key: fused[key], reverse=True)[:k]
        return [passages[key].model_copy(update={"score": round(fused[key] / best, 4)}) for key in ranked]

    def _allowed(self, scope: Scope) -> set[str]:
        if scope not in self._ids_by_scope:
            self._ids_by_scope[scope] = {
                chunk.id
                for chunk in self._chunks
                if (not scope.sources or chunk.source in scope.sources)
                and (not scope.commitment or chunk.commitment == scope.commitment)
                and (not scope.chapter or chunk.chapter == scope.chapter)
                and (
                    not scope.item
                    or (
                        chunk.framework_item is not None
                        and (chunk.framework_item.kind, chunk.framework_item.number) == scope.item
                    )
                )
                and (not scope.paragraph or chunk.paragraph == scope.paragraph)
            }
        return self._ids_by_scope[scope]
