"""Chunks in Chroma, through langchain-chroma: write, replace, list, search.

Every chunk carries its full citation (document, section, commitment,
chapter, paragraph, page) as Chroma metadata, plus the fingerprint of the
file it came from, so that re-ingesting an unchanged file does nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import chromadb
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from pydantic import BaseModel

from ingest import Chunk, DocumentInfo
from ingest.models import ItemReference

from .word_vectors import WordVectors, vocabulary

_WRITE_BATCH = 64
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


@dataclass(frozen=True)
class DocumentSummary:
    source: str
    document: str
    publisher: str | None
    date: str | None
    kind: str | None
    chunks: int
    fingerprint: str
    quarantined: int = 0  # passages held back as text addressed to an AI system


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
    def __init__(self, client: chromadb.ClientAPI, collection: str, embeddings: Embeddings):
        self.vectors = Chroma(
            collection_name=collection,
            embedding_function=embeddings,
            client=client,
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
        self.words = WordVectors(client, collection, embeddings)

    # --- writing ------------------------------------------------------------

    def is_current(self, source: str, fingerprint: str) -> bool:
        """True when every chunk of ``source`` was written from this very file
        and none is missing (an interrupted write leaves a mismatch)."""
        rows = self._rows({"source": source})
        return bool(rows) and all(
            meta.get("fingerprint") == fingerprint and meta.get("chunk_count") == len(rows) for meta in rows
        )

    def replace_document(
        self,
        info: DocumentInfo,
        chunks: list[Chunk],
        fingerprint: str,
        on_progress: Callable[[int], None] = lambda n: None,
    ) -> None:
        """Writes the new chunks first and only then removes the old ones, so
        a failure half-way never leaves a document with fewer chunks."""
        stale = set(self.vectors.get(where={"source": info.source}, include=[])["ids"])
        for start in range(0, len(chunks), _WRITE_BATCH):
            batch = chunks[start : start + _WRITE_BATCH]
            self.vectors.add_texts(
                texts=[chunk.embedding_text for chunk in batch],
                metadatas=[_metadata(chunk, info, fingerprint, len(chunks)) for chunk in batch],
                ids=[chunk.id for chunk in batch],
            )
            on_progress(len(batch))
        stale -= {chunk.id for chunk in chunks}
        if stale:
            self.vectors.delete(ids=sorted(stale))
        self.words.add(vocabulary(" ".join(chunk.embedding_text for chunk in chunks if not chunk.quarantine_reason)))

    def complete_vocabulary(self) -> None:
        """Stores the word vectors of a store written before they were kept.
        A store that has some is left alone: a word found missing later is
        embedded when a question first meets it."""
        if not self.words.count():
            self.words.add(vocabulary(" ".join(chunk.embedding_text for chunk in self.chunks())))

    def remove_document(self, source: str) -> int:
        ids = self.vectors.get(where={"source": source}, include=[])["ids"]
        if ids:
            self.vectors.delete(ids=ids)
        return len(ids)

    # --- reading ------------------------------------------------------------

    def documents(self) -> list[DocumentSummary]:
        summaries: dict[str, DocumentSummary] = {}
        counts: dict[str, int] = {}
        held: dict[str, int] = {}
        for meta in self._rows():
            source = meta["source"]
            if meta.get("quarantined"):
                held[source] = held.get(source, 0) + 1
                continue
            counts[source] = counts.get(source, 0) + 1
            summaries.setdefault(
                source,
                DocumentSummary(
                    source=source,
                    document=meta["document"],
                    publisher=meta.get("publisher"),
                    date=meta.get("date"),
                    kind=meta.get("kind"),
                    chunks=0,
                    fingerprint=meta.get("fingerprint", ""),
                ),
            )
        return sorted(
            (
                DocumentSummary(**{**s.__dict__, "chunks": counts.get(s.source, 0), "quarantined": held.get(s.source, 0)})
                for s in summaries.values()
            ),
            key=lambda s: s.document.lower(),
        )

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
        # Chroma returns cosine distance; similarity is 1 - distance (-1..1).
        allowed: dict = {"$and": [where, _RETRIEVABLE]} if where else _RETRIEVABLE
        results = self.vectors.similarity_search_with_score(query, k=k, filter=allowed)
        return [Passage.of(_chunk(doc.metadata), 1 - distance, round(1 - distance, 4)) for doc, distance in results]

    def _rows(self, where: dict | None = None) -> list[dict]:
        rows: list[dict] = []
        offset = 0
        while True:
            page = self.vectors.get(where=where, include=["metadatas"], limit=_PAGE, offset=offset)
            rows.extend(page["metadatas"])
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


def _chunk(meta: dict) -> Chunk:
    fields = {name: meta.get(name) for name in Chunk.model_fields}
    fields["section_path"] = json.loads(meta.get("section_path") or "[]")
    fields["framework_item"] = json.loads(meta["framework_item"]) if meta.get("framework_item") else None
    return Chunk.model_validate(fields)
