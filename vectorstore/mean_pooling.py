"""The sentence-transformers pipeline of the common model layout (a
transformer, mean pooling, normalisation: all-MiniLM-L6-v2 and most of its
kin), run on transformers alone.

Importing sentence-transformers (and, through langchain-huggingface, what it
imports at module level: scikit-learn, scipy) costs about 1.5 s more than
transformers alone, the largest part of a cold start to first answer. The
vectors are the same to float precision: tokenised alike (stripped, lower-
cased when the model says so, truncated at its ``max_seq_length``), pooled
over the attention mask, normalised. A model of any other layout goes
through sentence-transformers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

_MEAN_ONLY = {"pooling_mode_mean_tokens"}


def fits(model_path: Path) -> bool:
    """Whether the folder holds a Transformer → mean Pooling (→ Normalize) model."""
    try:
        modules = json.loads((model_path / "modules.json").read_text(encoding="utf-8"))
        kinds = [module["type"].rsplit(".", 1)[-1] for module in modules]
        if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]) or modules[0]["path"]:
            return False
        pooling = json.loads((model_path / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return False
    return {key for key, value in pooling.items() if key.startswith("pooling_mode") and value} == _MEAN_ONLY


class MeanPoolingEmbeddings(Embeddings):
    """Normalised mean-pooled vectors, so that a dot product is the cosine."""

    def __init__(self, model_path: Path, batch_size: int):
        import torch
        from transformers import AutoModel, AutoTokenizer

        config_file = model_path / "sentence_bert_config.json"
        config = json.loads(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
        self._torch = torch
        self._tokenizer: Any = AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)
        self._model: Any = AutoModel.from_pretrained(str(model_path), local_files_only=True).eval()
        self._max_length = config.get("max_seq_length") or self._tokenizer.model_max_length
        self._lower_case = bool(config.get("do_lower_case"))
        self._batch_size = batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Longest first, as sentence-transformers does, so each batch pads little."""
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        vectors: list[list[float]] = [[] for _ in texts]
        for start in range(0, len(order), self._batch_size):
            batch = order[start : start + self._batch_size]
            for i, vector in zip(batch, self._encode([texts[i] for i in batch]), strict=True):
                vectors[i] = vector
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0]

    def _encode(self, texts: list[str]) -> list[list[float]]:
        torch = self._torch
        prepared = [text.strip().lower() if self._lower_case else text.strip() for text in texts]
        inputs = self._tokenizer(
            prepared, padding=True, truncation="longest_first", max_length=self._max_length, return_tensors="pt"
        )
        with torch.inference_mode():
            hidden = self._model(**inputs).last_hidden_state
        mask = inputs["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, p=2, dim=1).tolist()
