"""Chunks -> embeddings -> Chroma, and back out as cited passages.

``embeddings`` loads the model from disk, ``store`` wraps the Chroma
collection (embedded or a ``chroma run`` server), ``indexer`` ingests files
into it idempotently.
"""

from .catalogue import DocumentSummary
from .embeddings import EmbeddingModelError, load_embeddings
from .indexer import FileOutcome, IngestReport, ingest
from .store import ChunkStore, Passage, StoreUnavailable, chroma_client

__all__ = [
    "ChunkStore",
    "DocumentSummary",
    "EmbeddingModelError",
    "FileOutcome",
    "IngestReport",
    "Passage",
    "StoreUnavailable",
    "chroma_client",
    "ingest",
    "load_embeddings",
]
