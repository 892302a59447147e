"""Word vectors: the store's vocabulary comes embedded from ingest, so a
question embeds only the words it brings itself. The counting wrapper below
passes every call through to the real model; it only records what was asked."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from assistant.word_similarity import WordSimilarity


class CountingEmbeddings(Embeddings):
    def __init__(self, model: Embeddings):
        self.model = model
        self.embedded: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return self.model.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        self.embedded.append(text)
        return self.model.embed_query(text)


def test_only_words_the_store_has_not_embedded_are_embedded(corpus_library, embeddings):
    counting = CountingEmbeddings(embeddings)
    similarity = WordSimilarity(counting, corpus_library.store.words.load())
    similarity.prepare({"backlog", "maintenance", "workforce"})
    assert counting.embedded == []
    assert similarity.closest("quitting", {"leaving", "backlog"}) > similarity.closest("quitting", {"backlog"})
    assert counting.embedded == ["quitting"]
