"""The indexed documents: the one place that turns settings into a store.

The CLI (and later the API, the UI and the answer chain) reach the documents
through a :class:`Library`; the embedding model and the Chroma client are
built once, on first use, and shared.
"""

from __future__ import annotations

from functools import cached_property
from itertools import groupby
from pathlib import Path

from langchain_core.embeddings import Embeddings
from pydantic import BaseModel, Field

from ingest.models import ItemReference
from vectorstore import ChunkStore, DocumentSummary, IngestReport, Passage, chroma_client, ingest, load_embeddings

from .settings import Settings

MAX_QUERY_CHARS = 2000
MAX_RESULTS = 50


class LibraryError(ValueError):
    """A request the library cannot serve; the message is for the user."""


class OutlineEntry(BaseModel):
    """One section of a document's outline, with what was indexed under it."""

    document: str
    source: str
    section: str
    section_path: list[str]
    commitment: int | None
    commitment_title: str | None
    chapter: int | None
    chapter_title: str | None
    framework_item: ItemReference | None = Field(
        description="The commitment, chapter, priority… the section belongs to, as recovered or declared."
    )
    paragraphs: list[str]
    pages: list[int]
    chunks: int


class Library:
    def __init__(self, settings: Settings, embeddings: Embeddings | None = None):
        """``embeddings`` lets several libraries (a server's, a test suite's)
        share one loaded model."""
        self.settings = settings
        self._embeddings = embeddings

    @cached_property
    def embeddings(self) -> Embeddings:
        return self._embeddings or load_embeddings(self.settings.embedding_model_path, self.settings.embedding_batch_size)

    @cached_property
    def store(self) -> ChunkStore:
        settings = self.settings
        if not settings.chroma_server:
            settings.chroma_directory.mkdir(parents=True, exist_ok=True)
        client = chroma_client(directory=str(settings.chroma_directory), server=settings.chroma_server)
        store = ChunkStore(client, settings.collection, self.embeddings, settings.keyword_index_directory / settings.collection)
        store.complete()
        return store

    def ingest(self, paths: list[Path] | None = None, progress: bool | None = None) -> IngestReport:
        return ingest(
            paths or [self.settings.corpus_dir],
            self.store,
            self.settings.chunk_size,
            self.settings.chunk_max,
            progress,
        )

    def documents(self) -> list[DocumentSummary]:
        return self.store.documents()

    def remove(self, name: str) -> DocumentSummary:
        """Takes a document (by file name or title) out of the index."""
        document = self.find_document(name)
        self.store.remove_document(document.source)
        return document

    def find_document(self, name: str) -> DocumentSummary:
        """A document by file name or title; a unique part of either will do."""
        documents = self.documents()
        wanted = name.strip().lower()
        exact = [d for d in documents if wanted in (d.source.lower(), d.document.lower())]
        partial = exact or [d for d in documents if wanted in d.source.lower() or wanted in d.document.lower()]
        if len(partial) == 1:
            return partial[0]
        if not partial:
            known = ", ".join(d.source for d in documents) or "none yet; run `policy-assistant ingest`"
            raise LibraryError(f"no indexed document matches {name!r}; indexed: {known}")
        raise LibraryError(f"{name!r} matches several documents: {', '.join(d.source for d in partial)}")

    def outline(self, document: str | None = None) -> list[OutlineEntry]:
        source = self.find_document(document).source if document else None
        entries: list[OutlineEntry] = []
        chunks = self.store.chunks(source)
        for (_, section), grouped in groupby(chunks, key=lambda c: (c.source, c.section)):
            group = list(grouped)
            first = group[0]
            entries.append(
                OutlineEntry(
                    document=first.document,
                    source=first.source,
                    section=section,
                    section_path=first.section_path,
                    commitment=first.commitment,
                    commitment_title=first.commitment_title,
                    chapter=first.chapter,
                    chapter_title=first.chapter_title,
                    framework_item=next((c.framework_item for c in group if c.framework_item), None),
                    paragraphs=list(dict.fromkeys(c.paragraph for c in group if c.paragraph)),
                    pages=list(dict.fromkeys(c.page for c in group if c.page is not None)),
                    chunks=len(group),
                )
            )
        return entries

    def search(self, query: str, k: int = 5) -> list[Passage]:
        query = query.strip()
        if not query:
            raise LibraryError("the query is empty")
        if len(query) > MAX_QUERY_CHARS:
            raise LibraryError(f"the query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}")
        if not 1 <= k <= MAX_RESULTS:
            raise LibraryError(f"k must be between 1 and {MAX_RESULTS}, got {k}")
        return self.store.search(query, k)
