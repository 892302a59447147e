"""The BM25 keyword index: an artefact of ingest, saved on disk, built by bm25s.

Embeddings blur exact tokens ("£12bn", "2.18", "RAAC"); BM25 finds them.
Rebuilding it from every chunk's text at each start costs minutes and the
whole corpus in each worker's memory at a large library, so ingest keeps it:

- ``segments/``: one file per document, written when the document is
  ingested: its chunk ids and their tokens (from the project's own
  tokeniser, which keeps figures and acronyms whole). Adding, replacing or
  removing a document writes or deletes its segment only.
- ``builds/<version>/``: the bm25s index of all segments, named by the
  corpus version it was built for (see ``catalogue``). Its score arrays are
  memory-mapped at load, so workers on one machine share their pages.

BM25 scores depend on the whole corpus (document frequencies, mean length),
so a build is made from all segments; that reads tokens only, never chunk
text, and takes well under a second per ten thousand chunks.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import bm25s
import numpy as np

from ingest import Chunk

from .keyword import tokens

FORMAT = "1"  # the layout and the tokeniser: a change makes every saved segment and build stale
_K1, _B = 1.5, 0.75  # Okapi BM25's usual defaults

logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Segment:
    """What the index keeps of one document."""

    source: str
    fingerprint: str
    ids: list[str]
    tokens: list[list[str]]  # per chunk, of its text under its headings
    words: list[str]  # every word as written (lower-cased, unstemmed)
    text_tokens: list[str]  # the tokens of the passages' own text, for words shared between documents

    @classmethod
    def of(cls, source: str, fingerprint: str, retrievable: list[Chunk]) -> Segment:
        """``retrievable``: the document's chunks, less those held back."""
        return cls(
            source=source,
            fingerprint=fingerprint,
            ids=[chunk.id for chunk in retrievable],
            tokens=[tokens(chunk.embedding_text) for chunk in retrievable],
            words=sorted({w for chunk in retrievable for w in re.findall(r"[a-z0-9]+", chunk.embedding_text.lower())}),
            text_tokens=sorted({t for chunk in retrievable for t in tokens(chunk.text)}),
        )


class KeywordIndex:
    """Okapi BM25 (Lucene's variant, k1=1.5, b=0.75) over chunk text and headings."""

    def __init__(self, version: str, model: bm25s.BM25 | None, ids: list[str], words: frozenset[str], shared: frozenset[str]):
        self.version = version
        self._model = model
        self._ids = ids
        self._position = {chunk_id: i for i, chunk_id in enumerate(ids)}
        # Every word as written: "commission" is not "commissioning", so a
        # name the documents never use is told apart.
        self.words = words
        # Words the text of two or more documents uses: a word only one
        # document has ("Oxfordshire") names that document.
        self.shared_words = shared
        self.idf: dict[str, float] = {}
        if model is not None:
            frequency = np.diff(np.asarray(model.scores["indptr"]))
            total = len(ids)
            self.idf = {
                term: float(np.log(1 + (total - frequency[i] + 0.5) / (frequency[i] + 0.5)))
                for term, i in model.vocab_dict.items()
                if term
            }

    def __len__(self) -> int:
        return len(self._ids)

    def mask(self, allowed: Iterable[str]) -> np.ndarray:
        """A search limit to the chunk ids ``allowed`` (ids it does not hold are passed over)."""
        mask = np.zeros(len(self._ids), dtype=np.float32)
        mask[[self._position[i] for i in allowed if i in self._position]] = 1.0
        return mask

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """The ids and scores of the ``k`` best chunks for ``query``, within ``mask`` when given."""
        terms = sorted(set(tokens(query)) & self.idf.keys())
        if not terms or self._model is None:
            return []
        scores = self._model.get_scores(terms, weight_mask=mask)
        found = np.flatnonzero(scores > 0)
        best = found[np.argsort(-scores[found], kind="stable")][:k]
        return [(self._ids[i], float(scores[i])) for i in best]


class KeywordIndexFolder:
    """The saved segments and builds of one collection's keyword index."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.segments = folder / "segments"
        self.builds = folder / "builds"

    # --- segments, kept by ingest --------------------------------------------

    def write_segment(self, segment: Segment) -> None:
        self.remove_segment(segment.source)
        self.segments.mkdir(parents=True, exist_ok=True)
        _write_atomically(self._segment_path(segment.source, segment.fingerprint), json.dumps(asdict(segment)))

    def remove_segment(self, source: str) -> None:
        for path in self.segments.glob(f"{_key(source)}-*.json"):
            path.unlink(missing_ok=True)

    def has_segment(self, source: str, fingerprint: str) -> bool:
        return self._segment_path(source, fingerprint).is_file()

    # --- builds ---------------------------------------------------------------

    def load(self, version: str, documents: dict[str, str], chunks_of: Callable[[str], list[Chunk]]) -> KeywordIndex:
        """The index of the corpus at ``version`` (``documents``: source to
        fingerprint). The saved build when there is one; otherwise segments
        are brought in line with ``documents`` (reading from the store, with
        ``chunks_of``, only documents that have none, as after an upgrade or
        on a new machine serving a shared store) and a build is made."""
        build = self.builds / f"{FORMAT}-{version}"
        if (build / "ids.json").is_file():
            try:
                return _read_build(version, build)
            except FileNotFoundError:  # replaced by a newer build while being read
                pass
        self._align_segments(documents, chunks_of)
        self._build(build, documents)
        return _read_build(version, build)

    def _align_segments(self, documents: dict[str, str], chunks_of: Callable[[str], list[Chunk]]) -> None:
        wanted = {self._segment_path(source, fingerprint).name for source, fingerprint in documents.items()}
        for path in self.segments.glob("*.json") if self.segments.is_dir() else []:
            if path.name not in wanted:
                path.unlink(missing_ok=True)
        for source, fingerprint in documents.items():
            if not self.has_segment(source, fingerprint):
                self.write_segment(Segment.of(source, fingerprint, chunks_of(source)))

    def _build(self, build: Path, documents: dict[str, str]) -> None:
        ids: list[str] = []
        corpus: list[list[str]] = []
        words: set[str] = set()
        sources_by_token: dict[str, int] = {}
        for source in sorted(documents):
            segment = json.loads(self._segment_path(source, documents[source]).read_text(encoding="utf-8"))
            ids += segment["ids"]
            corpus += segment["tokens"]
            words.update(segment["words"])
            for token in segment["text_tokens"]:
                sources_by_token[token] = sources_by_token.get(token, 0) + 1
        self.builds.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=".build-", dir=self.builds))
        if corpus:
            model = bm25s.BM25(k1=_K1, b=_B, method="lucene")
            model.index(corpus, show_progress=False)
            model.save(str(staged))
        extras = {"words": sorted(words), "shared": sorted(t for t, n in sources_by_token.items() if n > 1)}
        (staged / "extras.json").write_text(json.dumps(extras), encoding="utf-8")
        (staged / "ids.json").write_text(json.dumps(ids), encoding="utf-8")  # written last: marks the build complete
        try:
            staged.rename(build)
        except OSError:  # another process saved the same build first
            shutil.rmtree(staged, ignore_errors=True)
        for old in self.builds.iterdir():
            if old != build and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)  # readers keep pages they have mapped

    def _segment_path(self, source: str, fingerprint: str) -> Path:
        return self.segments / f"{_key(source)}-{hashlib.sha1(f'{FORMAT}:{fingerprint}'.encode()).hexdigest()[:16]}.json"


def _read_build(version: str, build: Path) -> KeywordIndex:
    ids = json.loads((build / "ids.json").read_text(encoding="utf-8"))
    extras = json.loads((build / "extras.json").read_text(encoding="utf-8"))
    model = bm25s.BM25.load(str(build), mmap=True) if ids else None
    return KeywordIndex(version, model, ids, frozenset(extras["words"]), frozenset(extras["shared"]))


def _key(source: str) -> str:
    return hashlib.sha1(source.encode()).hexdigest()[:20]


def _write_atomically(path: Path, text: str) -> None:
    staged = path.with_name(f".{path.name}.part")
    staged.write_text(text, encoding="utf-8")
    staged.replace(path)
