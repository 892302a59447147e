"""The sentence-transformers model, loaded from disk only, and only when
something needs embedding.

Nothing is fetched from a model hub: ``HF_HUB_OFFLINE`` is set before the
libraries load, and a model path that does not exist is reported as such
instead of turning into a download attempt. Loading takes seconds, so
commands that only read the store (``documents``, ``sections``, an ingest of
unchanged files) never load it.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path

from langchain_core.embeddings import Embeddings

_QUERY_CACHE = 512


class EmbeddingModelError(RuntimeError):
    """The configured embedding model cannot be loaded; the message says why."""


class LocalEmbeddings(Embeddings):
    """The model's embeddings, created on first use: on transformers alone
    for the common layout (``mean_pooling``), else langchain-huggingface's
    sentence-transformers embeddings."""

    def __init__(self, model_path: str, batch_size: int):
        if not (Path(model_path) / "modules.json").is_file() and not (Path(model_path) / "config.json").is_file():
            raise EmbeddingModelError(
                f"no sentence-transformers model at {model_path!r}; set POLICY_ASSISTANT_EMBEDDING_MODEL "
                "to a model folder (model hubs are not reachable here)"
            )
        self.model_path = model_path
        self.batch_size = batch_size
        self._model: Embeddings | None = None
        self._lock = threading.Lock()
        self._queries: OrderedDict[str, list[float]] = OrderedDict()

    @property
    def model(self) -> Embeddings:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                import transformers

                from .mean_pooling import MeanPoolingEmbeddings, fits

                transformers.logging.disable_progress_bar()
                if fits(Path(self.model_path)):
                    self._model = MeanPoolingEmbeddings(Path(self.model_path), self.batch_size)
                    return self._model
                from langchain_huggingface import HuggingFaceEmbeddings

                self._model = HuggingFaceEmbeddings(
                    model_name=self.model_path,
                    model_kwargs={"device": "cpu", "local_files_only": True},
                    # Normalised vectors make Chroma's cosine distance a plain dot product.
                    encode_kwargs={"normalize_embeddings": True, "batch_size": self.batch_size},
                )
            return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.model.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        """Cached: one question is embedded for scoped and unscoped search,
        and again for each follow-up that repeats it."""
        vector = self._queries.get(text)
        if vector is None:
            vector = self.model.embed_query(text)
            with self._lock:
                self._queries[text] = vector
                if len(self._queries) > _QUERY_CACHE:
                    self._queries.popitem(last=False)
        return vector


def load_embeddings(model_path: str, batch_size: int) -> Embeddings:
    return LocalEmbeddings(model_path, batch_size)
