"""Chunks in Chroma, through langchain-chroma: write, replace, list, search.

Every chunk carries its full citation (document, section, commitment,
chapter, paragraph, page) as Chroma metadata, plus the fingerprint of the
file it came from, so that re-ingesting an unchanged file does nothing.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import chromadb
import numpy as np
from chromadb.api.models.Collection import Collection
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from pydantic import BaseModel

from ingest import Chunk, DocumentInfo
from ingest.dates import spoken_date
from ingest.models import ItemReference

from .catalogue import Catalogue, DocumentSummary, version_of
from .keyword_index import KeywordIndex, KeywordIndexFolder, Segment
from .word_vectors import WordVectors, vocabulary

_WRITE_BATCH = 1000  # rows per Chroma write (or sources per lookup): one large call costs half of many small ones
_PAGE = 1000  # rows per Chroma ``get`` when reading a whole collection
_NO_VECTOR = [0.0]  # what a held-back passage is stored with: it is listed, never searched
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
    date: str | None = None  # the document's publication date, ISO: a 2019 figure must not read as today's
    edition: str | None = None  # which version of the document

    @property
    def dated(self) -> str | None:
        """The document's date and edition as people write them: "January 2019", "February 2024, summary"."""
        parts = [part for part in (spoken_date(self.date), self.edition) if part]
        return ", ".join(parts) or None

    @property
    def document_dated(self) -> str:
        """ "The NHS Long Term Plan – a summary (January 2019)": the document with its date, when known."""
        return f"{self.document} ({self.dated})" if self.dated else self.document

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
            return f"{self.document_dated} · {self.location}"
        where = " · ".join([self.framework_item.label, *self._pinpoint()])
        heading = f", ‘{self.heading}’" if self.heading else ""
        return f"{where} — in {self.document_dated}{heading}"

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
    # A new Settings each time: chromadb's client constructors write the
    # server's address or the store's path into the object they are given, so
    # a shared one would send a later embedded client to an earlier server.
    settings = chromadb.config.Settings(anonymized_telemetry=False)
    try:
        if server:
            host, _, port = server.rpartition(":")
            client = chromadb.HttpClient(host=host, port=int(port), settings=settings)
            client.heartbeat()
            return client
        return chromadb.PersistentClient(path=str(directory), settings=settings)
    except Exception as error:  # chromadb raises bare ValueError/ConnectionError/RuntimeError alike
        where = f"Chroma server at {server}" if server else f"Chroma store in {directory}"
        raise StoreUnavailable(f"cannot open the {where}: {error}") from error


@dataclass(frozen=True)
class DocumentWrite:
    """A document to be written: what ingest read from one file."""

    info: DocumentInfo
    chunks: list[Chunk]
    fingerprint: str


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
        self.held = client.get_or_create_collection(f"{collection}-held", embedding_function=None)
        self.embeddings = embeddings
        self.catalogue = Catalogue(client, collection)
        self.keyword_folder = KeywordIndexFolder(keyword_folder)
        self.words = WordVectors(client, collection, embeddings)

    # --- writing ------------------------------------------------------------

    def current(self, source: str, fingerprint: str) -> DocumentSummary | None:
        """The catalogue row of ``source`` when every chunk of it was written
        from this very file; None when it must be written (again). The row is
        written last, so an interrupted write leaves none, or a stale one."""
        summary = self.catalogue.get(source)
        if summary is None or summary.fingerprint != fingerprint:
            return None
        rows, held = self._rows({"source": source}), self._rows({"source": source}, self.held)
        complete = len(rows) == summary.chunks and len(held) == summary.quarantined
        return summary if complete and all(meta.get("fingerprint") == fingerprint for meta in [*rows, *held]) else None

    def stored_vectors(self, source: str) -> dict[str, Sequence[float]]:
        """The vectors of ``source``'s stored chunks, by the text they embed:
        a re-ingest reuses them for passages that did not change."""
        rows = self.rows.get(where={"source": source}, include=["documents", "embeddings"])
        embedded = rows["embeddings"] if rows["embeddings"] is not None else []
        return dict(zip(rows["documents"] or [], embedded, strict=True))

    def replace_documents(
        self,
        documents: list[DocumentWrite],
        vectors: Mapping[str, Sequence[float]],
        on_progress: Callable[[int], None] = lambda rows: None,
    ) -> None:
        """Writes the documents' chunks (``vectors``: by embedded text) in
        large batches across documents, then removes their chunks that are
        gone; then, per document, its keyword segment and, last, its
        catalogue row, which is what makes it count; then the new words'
        vectors and the corpus version. A failure half-way never leaves a
        document with fewer chunks, and one whose row was not written is
        written again by the next ingest. Passages held back as instructions
        go to their own collection, with no vector: nothing that searches the
        chunks can meet them."""
        rows = [(d, chunk) for d in documents for chunk in d.chunks if not chunk.quarantine_reason]
        held = [(d, chunk) for d in documents for chunk in d.chunks if chunk.quarantine_reason]
        sources = [d.info.source for d in documents]
        self._write(self.rows, sources, rows, [vectors[chunk.embedding_text] for _, chunk in rows], on_progress)
        self._write(self.held, sources, held, [_NO_VECTOR] * len(held), on_progress)
        summaries = []
        for d in documents:
            kept = [chunk for chunk in d.chunks if not chunk.quarantine_reason]
            self.keyword_folder.write_segment(Segment.of(d.info.source, d.fingerprint, kept))
            info = d.info
            summaries.append(
                DocumentSummary(
                    info.source,
                    info.title,
                    info.publisher,
                    info.date,
                    info.kind,
                    len(kept),
                    d.fingerprint,
                    len(d.chunks) - len(kept),
                    _frameworks_of(c.framework_item.framework for c in kept if c.framework_item),
                    info.edition,
                    info.sha256,
                )
            )
        self.catalogue.put(summaries)
        self.words.add(vocabulary(" ".join(chunk.embedding_text for _, chunk in rows)))
        self.catalogue.renew_version()

    def _write(
        self,
        collection: Collection,
        sources: list[str],
        rows: list[tuple[DocumentWrite, Chunk]],
        vectors: list[Sequence[float]],
        on_progress: Callable[[int], None],
    ) -> None:
        stale: set[str] = set()
        for start in range(0, len(sources), _WRITE_BATCH):
            these: dict = {"source": {"$in": sources[start : start + _WRITE_BATCH]}}
            stale.update(collection.get(where=these, include=[])["ids"])
        for start in range(0, len(rows), _WRITE_BATCH):
            batch = rows[start : start + _WRITE_BATCH]
            collection.upsert(
                ids=[chunk.id for _, chunk in batch],
                embeddings=np.asarray(vectors[start : start + _WRITE_BATCH], dtype=np.float32),
                metadatas=[_metadata(chunk, d.info, d.fingerprint) for d, chunk in batch],
                documents=[chunk.embedding_text for _, chunk in batch],
            )
            on_progress(len(batch))
        stale -= {chunk.id for _, chunk in rows}
        if stale:
            collection.delete(ids=sorted(stale))

    def complete(self) -> None:
        """Fills in what a store written by an earlier version lacks: its
        catalogue, and held-back passages moved out of the searched
        collection (both once, from the chunk rows); and its word vectors. A
        store that has some word vectors is left alone: a word found missing
        later is embedded when a question first meets it."""
        if self.catalogue.is_empty() and self.rows.count():
            old = self.rows.get(where={"quarantined": True}, include=["metadatas", "documents"])
            if old["ids"]:
                self.held.upsert(
                    ids=old["ids"],
                    embeddings=np.asarray([_NO_VECTOR] * len(old["ids"]), dtype=np.float32),
                    metadatas=old["metadatas"],
                    documents=old["documents"],
                )
                self.rows.delete(ids=old["ids"])
            self.catalogue.put(self._summaries_from_rows())
        elif self.catalogue.lacks_frameworks():
            found = {d.source: d.frameworks for d in self._summaries_from_rows()}
            self.catalogue.put([replace(d, frameworks=found.get(d.source, ())) for d in self.catalogue.documents()])
        if self.catalogue.version() != version_of(self.catalogue.documents()):  # an ingest stopped before its end
            self.catalogue.renew_version()
        if not self.words.count():
            self.words.add(vocabulary(" ".join(chunk.embedding_text for chunk in self.chunks())))

    def remove_document(self, source: str) -> int:
        removed = 0
        for collection in (self.rows, self.held):
            ids = collection.get(where={"source": source}, include=[])["ids"]
            if ids:
                collection.delete(ids=ids)
            removed += len(ids)
        self.keyword_folder.remove_segment(source)
        self.catalogue.remove(source)
        self.catalogue.renew_version()
        self.keyword_index()  # the saved build of the corpus without it
        return removed

    # --- reading ------------------------------------------------------------

    def documents(self) -> list[DocumentSummary]:
        return self.catalogue.documents()

    def version(self) -> str:
        """The corpus version: one lookup, for a process to see whether another changed the corpus."""
        return self.catalogue.version()

    def keyword_index(self, documents: list[DocumentSummary] | None = None) -> KeywordIndex:
        """The keyword index of the corpus as it is now (of ``documents``,
        when the caller has just read them): the saved build, or one made
        from the saved segments (see ``keyword_index``)."""
        documents = self.documents() if documents is None else documents
        return self.keyword_folder.load(version_of(documents), {d.source: d.fingerprint for d in documents}, self.chunks)

    def chunks_by_id(self, ids: list[str]) -> list[Chunk]:
        """These chunks, in the order asked for (ids no longer stored are left out)."""
        if not ids:
            return []
        rows = self.rows.get(ids=ids, include=["metadatas"])
        found = {row_id: _chunk(meta) for row_id, meta in zip(rows["ids"], rows["metadatas"] or [], strict=True)}
        return [found[i] for i in ids if i in found]

    def chunks_where(self, where: dict | None) -> tuple[list[Chunk], np.ndarray]:
        """The chunks matching a Chroma filter (None: all), with their vectors (one row each)."""
        rows = self.rows.get(where=where, include=["metadatas", "embeddings"])
        embedded = rows["embeddings"] if rows["embeddings"] is not None else np.zeros((0, 0))
        return [_chunk(meta) for meta in rows["metadatas"] or []], np.asarray(embedded, dtype=np.float32)

    def _summaries_from_rows(self) -> list[DocumentSummary]:
        """Documents as their chunk rows describe them: how a catalogue is recovered."""
        firsts: dict[str, Mapping] = {}
        counts: dict[tuple[str, bool], int] = {}
        frameworks: dict[str, list[str | None]] = defaultdict(list)
        for held, rows in ((False, self._rows()), (True, self._rows(collection=self.held))):
            for meta in rows:
                firsts.setdefault(meta["source"], meta)
                counts[meta["source"], held] = counts.get((meta["source"], held), 0) + 1
                if meta.get("framework_item") and not held:
                    frameworks[meta["source"]].append(json.loads(str(meta["framework_item"])).get("framework"))
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
                frameworks=_frameworks_of(frameworks[source]),
                edition=meta.get("edition"),
                sha256=meta.get("sha256"),
            )
            for source, meta in firsts.items()
        ]

    def chunks(self, source: str | None = None) -> list[Chunk]:
        """All chunks that may be retrieved (of one document), in document order."""
        return _in_order(self._rows({"source": source} if source else None))

    def quarantined(self, source: str | None = None) -> list[Chunk]:
        """The passages held back as text addressed to an AI system, for an administrator."""
        return _in_order(self._rows({"source": source} if source else None, self.held))

    def search(self, query: str, k: int = 5, where: dict | None = None) -> list[Passage]:
        return [passage for _, passage in self.search_with_ids(query, k, where)]

    def search_with_ids(self, query: str, k: int = 5, where: dict | None = None) -> list[tuple[str, Passage]]:
        """Dense search, best first, each passage with its chunk id."""
        # Chroma returns cosine distance; similarity is 1 - distance (-1..1).
        results = self.vectors.similarity_search_with_score(query, k=k, filter=where)
        return [
            (str(doc.id), Passage.of(_chunk(doc.metadata), 1 - distance, round(1 - distance, 4))) for doc, distance in results
        ]

    def _rows(self, where: dict | None = None, collection: Collection | None = None) -> list[Mapping]:
        rows: list[Mapping] = []
        offset = 0
        while True:
            page = (collection or self.rows).get(where=where, include=["metadatas"], limit=_PAGE, offset=offset)
            rows.extend(page["metadatas"] or [])
            if len(page["ids"]) < _PAGE:
                return rows
            offset += _PAGE


# Chroma metadata holds only str/int/float/bool and no None: leave missing
# values out and keep lists as JSON.
def _metadata(chunk: Chunk, info: DocumentInfo, fingerprint: str) -> dict:
    values = chunk.model_dump()
    values["section_path"] = json.dumps(values["section_path"], ensure_ascii=False)
    item = values.pop("framework_item")
    if item:  # as JSON for the citation, and flat so that a scope can filter on it
        values.update(
            framework_item=json.dumps(item, ensure_ascii=False), framework_kind=item["kind"], framework_number=item["number"]
        )
    values.update(
        publisher=info.publisher,
        date=info.date,
        edition=info.edition,
        kind=info.kind,
        fingerprint=fingerprint,
        sha256=info.sha256,
    )
    return {key: value for key, value in values.items() if value is not None}


def _in_order(rows: list[Mapping]) -> list[Chunk]:
    return sorted((_chunk(meta) for meta in rows), key=lambda chunk: (chunk.document.lower(), chunk.position))


def _chunk(meta: Mapping) -> Chunk:
    fields = {name: meta.get(name) for name in Chunk.model_fields}
    fields["section_path"] = json.loads(meta.get("section_path") or "[]")
    fields["framework_item"] = json.loads(meta["framework_item"]) if meta.get("framework_item") else None
    return Chunk.model_validate(fields)


def _frameworks_of(names: Iterable[str | None]) -> tuple[str, ...]:
    """The distinct framework names a document's passages carry, sorted."""
    return tuple(sorted({name for name in names if name}))
