"""Chunks in Chroma, through langchain-chroma: write, replace, list, search.

Every chunk carries its full citation (document, section, commitment,
chapter, paragraph, page) as Chroma metadata, plus the fingerprint of the
file it came from, so that re-ingesting an unchanged file does nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import chromadb
import numpy as np
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from pydantic import BaseModel

from ingest import Chunk, DocumentInfo
from ingest.models import ItemReference

from .catalogue import Catalogue, DocumentSummary, version_of
from .keyword_index import KeywordIndex, KeywordIndexFolder, Segment
from .word_vectors import WordVectors, vocabulary

_WRITE_BATCH = 500  # rows per Chroma write
_CLIENT_SETTINGS = chromadb.config.Settings(anonymized_telemetry=False)
_PAGE = 1000  # rows per Chroma ``get`` when reading a whole collection
# Quarantined passages are never retrieved; stores written before quarantine have no such key.
_RETRIEVABLE: dict = {"quarantined": {"$ne": True}}
# A section label the outline gave a framework item: "Priority 2: Connect records".
_ITEM_LABEL = re.compile(r"^[A-Z][a-z]+ \d{1,2}: ")


class StoreUnavailable(RuntimeError):
    """Chroma cannot be reached or opened; the message says which and where."""


class Passage(BaseModel):
    """A retrieved chunk as every citation in the project serialises it:
    ``search --json``, and later answers, the API and reports."""

    document: str
    source: str
    section: str
    commitment: int | None
    chapter: int | None
    paragraph: str | None
    page: int | None
    text: str
    score: float  # relevance, 0..1: fused rank for hybrid retrieval, cosine similarity for dense search
    similarity: float | None = None  # cosine similarity of query and passage, when dense search found it
    commitment_title: str | None = None
    chapter_title: str | None = None
    subsection: str | None = None
    section_path: list[str] = []
    position: int = 0
    framework_item: ItemReference | None = None  # the commitment, chapter, priority… the passage belongs to
    publisher: str | None = None  # who speaks in the passage: "what do NHS Providers expect …" is about theirs

    @property
    def location(self) -> str:
        """Where the passage is, for people. It leads with the framework item
        when the passage has one, whatever its own heading says: "NHS Long
        Term Plan chapter 2: Prevention… · para 2.18 · p. 37 — under 'Enable
        people to eat healthily'"."""
        if not self.framework_item:
            return " · ".join([self.section, *self._pinpoint()])
        where = " · ".join([self.framework_item.label, *self._pinpoint()])
        return f"{where} — under ‘{self.heading}’" if self.heading else where

    @property
    def reference(self) -> str:
        """The document and where in it: how sources are written out in text."""
        if not self.framework_item:
            return f"{self.document} · {self.location}"
        where = " · ".join([self.framework_item.label, *self._pinpoint()])
        heading = f", ‘{self.heading}’" if self.heading else ""
        return f"{where} — in {self.document}{heading}"

    @property
    def heading(self) -> str | None:
        """The passage's own nearest heading, when that is not the framework item."""
        own = [label for label in self.section_path if not _ITEM_LABEL.match(label)]
        return own[-1] if own and self.section_path[-1] == own[-1] else None

    def _pinpoint(self) -> list[str]:
        return ([f"para {self.paragraph}"] if self.paragraph else []) + ([f"p. {self.page}"] if self.page is not None else [])

    @classmethod
    def of(cls, chunk: Chunk, score: float, similarity: float | None) -> Passage:
        return cls(**chunk.model_dump(exclude={"id", "quarantine_reason"}), score=round(score, 4), similarity=similarity)


def chroma_client(directory: str | None = None, server: str | None = None) -> chromadb.ClientAPI:
    """The embedded client for ``directory``, or an HTTP client for ``host:port``."""
    try:
        if server:
            host, _, port = server.rpartition(":")
            client = chromadb.HttpClient(host=host, port=int(port), settings=_CLIENT_SETTINGS)
            client.heartbeat()
            return client
        return chromadb.PersistentClient(path=str(directory), settings=_CLIENT_SETTINGS)
    except Exception as error:  # chromadb raises bare ValueError/ConnectionError/RuntimeError alike
        where = f"Chroma server at {server}" if server else f"Chroma store in {directory}"
        raise StoreUnavailable(f"cannot open the {where}: {error}") from error


class ChunkStore:
    """The chunks (searched through langchain-chroma, written directly with
    their vectors), the document catalogue, the word vectors and the keyword
    index, kept in step: every write goes through this class."""

    def __init__(self, client: chromadb.ClientAPI, collection: str, embeddings: Embeddings, keyword_folder: Path):
        self.vectors = Chroma(
            collection_name=collection,
            embedding_function=embeddings,
            client=client,
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
        self.rows = client.get_or_create_collection(
            collection, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self.embeddings = embeddings
        self.catalogue = Catalogue(client, collection)
        self.keyword_folder = KeywordIndexFolder(keyword_folder)
        self.words = WordVectors(client, collection, embeddings)

    # --- writing ------------------------------------------------------------

    def is_current(self, source: str, fingerprint: str) -> bool:
        """True when every chunk of ``source`` was written from this very file
        and none is missing (an interrupted write leaves a mismatch)."""
        rows = self._rows({"source": source})
        return bool(rows) and all(
            meta.get("fingerprint") == fingerprint and meta.get("chunk_count") == len(rows) for meta in rows
        )

    def stored_vectors(self, source: str) -> dict[str, Sequence[float]]:
        """The vectors of ``source``'s stored chunks, by the text they embed:
        a re-ingest reuses them for passages that did not change."""
        rows = self.rows.get(where={"source": source}, include=["documents", "embeddings"])
        embedded = rows["embeddings"] if rows["embeddings"] is not None else []
        return dict(zip(rows["documents"] or [], embedded, strict=True))

    def replace_document(
        self, info: DocumentInfo, chunks: list[Chunk], fingerprint: str, vectors: Mapping[str, Sequence[float]]
    ) -> None:
        """Writes the chunks with their vectors (``vectors``: by embedded
        text), then removes the document's chunks that are gone, so a failure
        half-way never leaves a document with fewer chunks; then its keyword
        segment and its catalogue row, which is what makes it count."""
        stale = set(self.rows.get(where={"source": info.source}, include=[])["ids"])
        for start in range(0, len(chunks), _WRITE_BATCH):
            batch = chunks[start : start + _WRITE_BATCH]
            self.rows.upsert(
                ids=[chunk.id for chunk in batch],
                embeddings=np.asarray([vectors[chunk.embedding_text] for chunk in batch], dtype=np.float32),
                metadatas=[_metadata(chunk, info, fingerprint, len(chunks)) for chunk in batch],
                documents=[chunk.embedding_text for chunk in batch],
            )
        stale -= {chunk.id for chunk in chunks}
        if stale:
            self.rows.delete(ids=sorted(stale))
        self.words.add(vocabulary(" ".join(chunk.embedding_text for chunk in chunks if not chunk.quarantine_reason)))
        self.keyword_folder.write_segment(Segment.of(info.source, fingerprint, chunks))
        held = sum(1 for chunk in chunks if chunk.quarantine_reason)
        self.catalogue.put(
            DocumentSummary(info.source, info.title, info.publisher, info.date, info.kind, len(chunks) - held, fingerprint, held)
        )

    def catalogued(self, source: str, fingerprint: str) -> DocumentSummary:
        """The catalogue row of a stored document, written from its chunk
        rows if an interrupted ingest stored the chunks but not the row."""
        summary = self.catalogue.get(source)
        if summary is None or summary.fingerprint != fingerprint:
            summary = self._summaries_from_rows({"source": source})[0]
            self.catalogue.put(summary)
        return summary

    def complete(self) -> None:
        """Fills in what a store written by an earlier version lacks: its
        catalogue (from the chunk rows, once) and its word vectors. A store
        that has some word vectors is left alone: a word found missing later
        is embedded when a question first meets it."""
        if self.catalogue.is_empty() and self.rows.count():
            for summary in self._summaries_from_rows():
                self.catalogue.put(summary)
        if not self.words.count():
            self.words.add(vocabulary(" ".join(chunk.embedding_text for chunk in self.chunks())))

    def remove_document(self, source: str) -> int:
        ids = self.rows.get(where={"source": source}, include=[])["ids"]
        if ids:
            self.rows.delete(ids=ids)
        self.keyword_folder.remove_segment(source)
        self.catalogue.remove(source)
        return len(ids)

    # --- reading ------------------------------------------------------------

    def documents(self) -> list[DocumentSummary]:
        return self.catalogue.documents()

    def version(self) -> str:
        """The corpus version: one lookup, for a process to see whether another changed the corpus."""
        return self.catalogue.version()

    def keyword_index(self) -> KeywordIndex:
        """The keyword index of the corpus as it is now: the saved build, or
        one made from the saved segments (see ``keyword_index``)."""
        documents = self.documents()
        return self.keyword_folder.load(version_of(documents), {d.source: d.fingerprint for d in documents}, self.chunks)

    def chunks_by_id(self, ids: list[str]) -> list[Chunk]:
        """These chunks, in the order asked for (ids no longer stored are left out)."""
        if not ids:
            return []
        rows = self.rows.get(ids=ids, include=["metadatas"])
        found = {row_id: _chunk(meta) for row_id, meta in zip(rows["ids"], rows["metadatas"] or [], strict=True)}
        return [found[i] for i in ids if i in found]

    def ids_where(self, where: dict) -> list[str]:
        """The ids of the chunks matching a Chroma filter."""
        return self.rows.get(where=where, include=[])["ids"]

    def _summaries_from_rows(self, where: dict | None = None) -> list[DocumentSummary]:
        """Documents as their chunk rows describe them: how a catalogue is recovered."""
        firsts: dict[str, Mapping] = {}
        counts: dict[tuple[str, bool], int] = {}
        for meta in self._rows(where):
            firsts.setdefault(meta["source"], meta)
            key = (meta["source"], bool(meta.get("quarantined")))
            counts[key] = counts.get(key, 0) + 1
        return [
            DocumentSummary(
                source=source,
                document=meta["document"],
                publisher=meta.get("publisher"),
                date=meta.get("date"),
                kind=meta.get("kind"),
                chunks=counts.get((source, False), 0),
                fingerprint=meta.get("fingerprint", ""),
                quarantined=counts.get((source, True), 0),
            )
            for source, meta in firsts.items()
        ]

    def chunks(self, source: str | None = None) -> list[Chunk]:
        """All chunks that may be retrieved (of one document), in document order."""
        return [chunk for chunk in self._all_chunks(source) if not chunk.quarantine_reason]

    def quarantined(self, source: str | None = None) -> list[Chunk]:
        """The passages held back as text addressed to an AI system, for an administrator."""
        return [chunk for chunk in self._all_chunks(source) if chunk.quarantine_reason]

    def _all_chunks(self, source: str | None) -> list[Chunk]:
        where = {"source": source} if source else None
        chunks = [_chunk(meta) for meta in self._rows(where)]
        return sorted(chunks, key=lambda chunk: (chunk.document.lower(), chunk.position))

    def search(self, query: str, k: int = 5, where: dict | None = None) -> list[Passage]:
        return [passage for _, passage in self.search_with_ids(query, k, where)]

    def search_with_ids(self, query: str, k: int = 5, where: dict | None = None) -> list[tuple[str, Passage]]:
        """Dense search, best first, each passage with its chunk id."""
        # Chroma returns cosine distance; similarity is 1 - distance (-1..1).
        allowed: dict = {"$and": [where, _RETRIEVABLE]} if where else _RETRIEVABLE
        results = self.vectors.similarity_search_with_score(query, k=k, filter=allowed)
        return [
            (str(doc.id), Passage.of(_chunk(doc.metadata), 1 - distance, round(1 - distance, 4))) for doc, distance in results
        ]

    def _rows(self, where: dict | None = None) -> list[Mapping]:
        rows: list[Mapping] = []
        offset = 0
        while True:
            page = self.rows.get(where=where, include=["metadatas"], limit=_PAGE, offset=offset)
            rows.extend(page["metadatas"] or [])
            if len(page["ids"]) < _PAGE:
                return rows
            offset += _PAGE


# Chroma metadata holds only str/int/float/bool and no None: leave missing
# values out and keep lists as JSON.
def _metadata(chunk: Chunk, info: DocumentInfo, fingerprint: str, chunk_count: int) -> dict:
    values = chunk.model_dump()
    values["section_path"] = json.dumps(values["section_path"], ensure_ascii=False)
    item = values.pop("framework_item")
    if item:  # as JSON for the citation, and flat so that a scope can filter on it
        values.update(
            framework_item=json.dumps(item, ensure_ascii=False), framework_kind=item["kind"], framework_number=item["number"]
        )
    values.update(
        quarantined=True if chunk.quarantine_reason else None,
        publisher=info.publisher,
        date=info.date,
        kind=info.kind,
        fingerprint=fingerprint,
        chunk_count=chunk_count,
    )
    return {key: value for key, value in values.items() if value is not None}


def _chunk(meta: Mapping) -> Chunk:
    fields = {name: meta.get(name) for name in Chunk.model_fields}
    fields["section_path"] = json.loads(meta.get("section_path") or "[]")
    fields["framework_item"] = json.loads(meta["framework_item"]) if meta.get("framework_item") else None
    return Chunk.model_validate(fields)
