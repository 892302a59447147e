"""The transformers-only encoder gives sentence-transformers' vectors: over
every chunk of the bundled corpus and every word of its vocabulary, with
the real model; a model of another layout goes through sentence-transformers."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from sentence_transformers import SentenceTransformer

from assistant import Settings
from vectorstore.embeddings import LocalEmbeddings
from vectorstore.mean_pooling import MeanPoolingEmbeddings, fits
from vectorstore.word_vectors import vocabulary


@pytest.fixture(scope="module")
def model_path():
    from pathlib import Path

    return Path(Settings().embedding_model_path)


def test_every_chunk_and_word_gets_the_vector_sentence_transformers_gives(model_path, corpus_chunks):
    texts = [chunk.embedding_text for chunk in corpus_chunks]
    texts += sorted(vocabulary(" ".join(texts)))
    texts += ["  How big is the NHS maintenance backlog?  ", "£12bn", "x" * 5000]  # stripped; truncated at 256 tokens
    reference = SentenceTransformer(str(model_path), device="cpu").encode(texts, batch_size=32, normalize_embeddings=True)
    ours = np.asarray(MeanPoolingEmbeddings(model_path, 32).embed_documents(texts))
    assert ours.shape == reference.shape
    assert float(np.abs(ours - reference).max()) < 1e-5
    query = MeanPoolingEmbeddings(model_path, 32).embed_query(texts[0])
    assert np.allclose(query, reference[0], atol=1e-5)


def test_a_model_of_another_layout_goes_through_sentence_transformers(model_path, tmp_path):
    assert fits(model_path)
    other = tmp_path / "cls-model"
    shutil.copytree(model_path, other)
    pooling = other / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    pooling.write_text(json.dumps({**config, "pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}))
    assert not fits(other)
    embeddings = LocalEmbeddings(str(other), 32)
    assert type(embeddings.model).__name__ == "HuggingFaceEmbeddings"
    assert len(embeddings.embed_query("backlog")) == 384
