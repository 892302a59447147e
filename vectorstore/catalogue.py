"""One row per document, and the corpus version, beside the chunks.

Listing documents from the chunk rows reads every chunk's metadata: at a
large library that is seconds at every start and every ``/api/documents``.
The catalogue is a sibling Chroma collection holding one row per document
(title, publisher, date, counts, fingerprint), so it is shared wherever the
chunks are: on one disk, or through a ``chroma run`` server.

The corpus version is a digest of every document's fingerprint, kept in a
row of its own. Reading it is one lookup by id, cheap enough for every
process to check before it answers whether another process changed the
corpus; the keyword index is saved under the version it was built for.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import chromadb
import numpy as np

_VERSION_ID = "corpus-version"
_DOCUMENT = "document:"  # the prefix of a document's row id: no file name can be taken for the version row


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
    # The frameworks whose items the document's passages belong to, by name: the
    # Oxfordshire paper quotes the "NHS Long Term Plan"'s chapters, so a question
    # about "chapter 6 of the NHS Long Term Plan" is answered from it too.
    frameworks: tuple[str, ...] = ()
    edition: str | None = None
    sha256: str | None = None  # of the file's bytes; None in catalogues written before it was kept


class Catalogue:
    def __init__(self, client: chromadb.ClientAPI, collection: str):
        self.collection = client.get_or_create_collection(f"{collection}-documents", embedding_function=None)

    def put(self, summaries: list[DocumentSummary]) -> None:
        """Records documents, replacing their earlier rows; :meth:`renew_version` follows."""
        if not summaries:
            return
        metadatas: list[Mapping] = [
            {
                key: json.dumps(value) if isinstance(value, (list, tuple)) else value
                for key, value in asdict(s).items()
                if value is not None
            }
            for s in summaries
        ]
        vectors = np.zeros((len(summaries), 1), dtype=np.float32)
        self.collection.upsert(ids=[_DOCUMENT + s.source for s in summaries], embeddings=vectors, metadatas=metadatas)

    def remove(self, source: str) -> None:
        """Forgets a document; :meth:`renew_version` follows."""
        self.collection.delete(ids=[_DOCUMENT + source])

    def get(self, source: str) -> DocumentSummary | None:
        rows = self.collection.get(ids=[_DOCUMENT + source], include=["metadatas"])
        return _summary(rows["metadatas"][0]) if rows["ids"] and rows["metadatas"] else None

    def documents(self) -> list[DocumentSummary]:
        rows = self.collection.get(include=["metadatas"])
        summaries = [
            _summary(meta)
            for row_id, meta in zip(rows["ids"], rows["metadatas"] or [], strict=True)
            if row_id.startswith(_DOCUMENT)
        ]
        return sorted(summaries, key=lambda s: s.document.lower())

    def lacks_frameworks(self) -> bool:
        """Whether rows were written before documents recorded their frameworks."""
        rows = self.collection.get(include=["metadatas"])
        return any(
            row_id.startswith(_DOCUMENT) and "frameworks" not in (meta or {})
            for row_id, meta in zip(rows["ids"], rows["metadatas"] or [], strict=True)
        )

    def version(self) -> str:
        """The version of the corpus as last recorded; "" for a store with no catalogue yet."""
        rows = self.collection.get(ids=[_VERSION_ID], include=["metadatas"])
        return str(rows["metadatas"][0]["version"]) if rows["ids"] and rows["metadatas"] else ""

    def is_empty(self) -> bool:
        return self.collection.count() == 0

    def renew_version(self) -> None:
        """Records the version of the catalogue as it now stands: what tells
        other processes that the corpus changed."""
        version = version_of(self.documents())
        # Chroma keeps a vector with every row; catalogue rows are looked up by id only.
        self.collection.upsert(ids=[_VERSION_ID], embeddings=np.zeros((1, 1), dtype=np.float32), metadatas=[{"version": version}])


def _summary(meta: Mapping) -> DocumentSummary:
    def text(key: str) -> str | None:
        return None if meta.get(key) is None else str(meta[key])

    return DocumentSummary(
        source=str(meta["source"]),
        document=str(meta["document"]),
        publisher=text("publisher"),
        date=text("date"),
        kind=text("kind"),
        chunks=int(meta["chunks"]),
        fingerprint=str(meta["fingerprint"]),
        quarantined=int(meta.get("quarantined") or 0),
        frameworks=tuple(json.loads(str(meta["frameworks"]))) if meta.get("frameworks") else (),
        edition=text("edition"),
        sha256=text("sha256"),
    )


def version_of(documents: list[DocumentSummary]) -> str:
    """The version of a corpus of these documents: changes with any fingerprint."""
    prints = sorted((d.source, d.fingerprint, d.chunks) for d in documents)
    return hashlib.sha256(json.dumps(prints).encode()).hexdigest()[:24]
