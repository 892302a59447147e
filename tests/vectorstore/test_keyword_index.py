"""The keyword index: saved at ingest, changed one document at a time, loaded
without reading chunk text, rebuilt when lost, and followed across processes
through the corpus version. Real Chroma (embedded, and a `chroma run`
server), the real embedding model, bm25s."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from assistant import Assistant, Library, Settings
from vectorstore.hybrid import HybridRetriever
from vectorstore.keyword import tokens
from vectorstore.store import ChunkStore

NOTE = (
    "Quayside wellbeing note\n\n"
    "Zephyrine clinics\n\n"
    "The Quayside board will open three Zephyrine clinics for long covid by March 2027.\n"
)


def _segments(library: Library) -> dict[str, int]:
    folder = library.store.keyword_folder.segments
    return {path.name: path.stat().st_mtime_ns for path in folder.glob("*.json")}


def _builds(library: Library) -> list[str]:
    return sorted(path.name for path in library.store.keyword_folder.builds.iterdir() if not path.name.startswith("."))


def test_bm25_scores_match_an_independent_okapi_bm25(corpus_library, corpus_chunks):
    """The bm25s index scores exactly as Okapi BM25 (Lucene's variant) written
    out by hand over the same tokens: the library is used as intended."""
    index = HybridRetriever(corpus_library.store).keywords
    documents = [Counter(tokens(chunk.embedding_text)) for chunk in corpus_chunks]
    lengths = [sum(terms.values()) for terms in documents]
    average = sum(lengths) / len(lengths)
    frequency = Counter(term for terms in documents for term in terms)

    def reference(query: str) -> dict[str, float]:
        scores = {}
        for chunk, terms, length in zip(corpus_chunks, documents, lengths, strict=True):
            score = 0.0
            for term in set(tokens(query)) & frequency.keys():
                idf = math.log(1 + (len(documents) - frequency[term] + 0.5) / (frequency[term] + 0.5))
                tf = terms.get(term, 0)
                score += idf * tf / (tf + 1.5 * (1 - 0.75 + 0.75 * length / average))
            if score > 0:
                scores[chunk.id] = score
        return scores

    for query in ("£12bn maintenance backlog", "2.18 hospital food", "RAAC", "social prescribing link workers", "Messenger"):
        expected = reference(query)
        found = dict(index.search(query, k=len(corpus_chunks)))
        assert found.keys() == expected.keys(), query
        for chunk_id, score in expected.items():
            assert found[chunk_id] == pytest.approx(score, rel=1e-4), (query, chunk_id)
    assert index.idf == pytest.approx(
        {t: math.log(1 + (len(documents) - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}, rel=1e-5
    )


def test_the_index_is_loaded_at_start_without_reading_any_chunk(make_library, corpus_copy, monkeypatch):
    make_library().ingest([corpus_copy], progress=False)

    def refuse(*args, **kwargs):
        raise AssertionError("read every chunk at start-up")

    monkeypatch.setattr(ChunkStore, "chunks", refuse)
    monkeypatch.setattr(ChunkStore, "_rows", refuse)
    assistant = Assistant(library=make_library())
    answer = assistant.ask("How big is the NHS maintenance backlog?")
    assert "£12bn" in answer.answer and answer.citations
    assert len(assistant.retriever.keywords) == sum(d.chunks for d in assistant.library.documents())


def test_adding_and_removing_a_document_rewrites_only_its_own_segment(make_library, corpus_copy, tmp_path):
    library = make_library()
    library.ingest([corpus_copy], progress=False)
    before, build_before = _segments(library), _builds(library)
    note = tmp_path / "quayside.txt"
    note.write_text(NOTE)

    library.ingest([note], progress=False)
    after = _segments(library)
    assert {name: after[name] for name in before} == before  # the other documents' segments were not touched
    assert len(after) == len(before) + 1
    assert _builds(library) != build_before and len(_builds(library)) == 1
    hits = HybridRetriever(library.store).keywords.search("Zephyrine clinics", k=3)
    assert hits and hits[0][0].startswith("quayside.txt#")

    library.remove("quayside.txt")
    assert _segments(library) == before
    assert HybridRetriever(library.store).keywords.search("Zephyrine", k=3) == []


def test_a_lost_or_stale_index_is_rebuilt_from_the_store(make_library, corpus_copy):
    library = make_library()
    library.ingest([corpus_copy], progress=False)
    question = "What does the plan say about social prescribing link workers?"
    expected = HybridRetriever(library.store).retrieve(question).passages
    folder = library.store.keyword_folder.folder
    for path in sorted(folder.rglob("*"), reverse=True):  # as on a new machine serving a shared store
        path.unlink() if path.is_file() else path.rmdir()

    rebuilt = HybridRetriever(make_library().store)
    assert rebuilt.retrieve(question).passages == expected
    assert len(_segments(library)) == len(library.documents())


def test_a_worker_follows_a_corpus_changed_by_another_process(chroma_server, embeddings, tmp_path: Path):
    """Two machines' worth of state (separate data folders, so separate
    keyword indexes) over one Chroma server: the reader notices the writer's
    upload through the corpus version and answers from it."""
    shared = {"chroma_server": chroma_server, "collection": "followed", "corpus_check_seconds": 0}
    writer = Library(Settings(data_dir=tmp_path / "writer", **shared), embeddings=embeddings)
    base = tmp_path / "base.txt"
    base.write_text("Base plan\n\nStaffing\n\nThe trust will recruit 40 more nurses in 2026.\n")
    writer.ingest([base], progress=False)
    reader = Assistant(library=Library(Settings(data_dir=tmp_path / "reader", **shared), embeddings=embeddings))
    question = "How many Zephyrine clinics will the Quayside board open?"
    assert not any(c.source == "quayside.txt" for c in reader.ask(question).citations)

    note = tmp_path / "quayside.txt"
    note.write_text(NOTE)
    writer.ingest([note], progress=False)
    answer = reader.ask(question)
    assert "three" in answer.answer and answer.citations[0].source == "quayside.txt"

    writer.remove("quayside.txt")
    assert not any(c.source == "quayside.txt" for c in reader.ask(question).citations)
