"""all-MiniLM-L6-v2 on onnxruntime against vectors made once by sentence-transformers on PyTorch."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from beatwire.analysis.embedding import MiniLMEmbedder
from beatwire.analysis.embedding.minilm import MAX_TOKENS

REFERENCE = Path(__file__).resolve().parent / "data" / "minilm_reference.json"


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@pytest.fixture(scope="module")
def reference() -> dict[str, list]:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def test_every_reference_text_matches_sentence_transformers(minilm, reference):
    ours = minilm.embed(reference["texts"])
    theirs = np.array(reference["vectors"], dtype=np.float32)
    cosines = (ours * theirs).sum(axis=1) / np.linalg.norm(theirs, axis=1)
    worst = int(cosines.argmin())
    assert cosines.min() >= 0.999, f"text {worst} {reference['texts'][worst][:40]!r}"


def test_reference_covers_texts_longer_than_the_token_limit(minilm, reference):
    tokenizer, _ = minilm._load()
    longest = max(len(e.ids) for e in tokenizer.encode_batch(reference["texts"]))
    assert longest == MAX_TOKENS  # truncated: the long texts really were cut


def test_rows_are_float32_unit_vectors_of_384_dims(minilm):
    vectors = minilm.embed(["a post about chips", "", "another, longer post about compute"])
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_text_gets_the_same_vector_alone_and_in_a_padded_batch(minilm):
    short = "open weights matter"
    batch = [short, "a much longer text " * 20, "mid length text about regulation"]
    alone = minilm.embed([short])[0]
    together = minilm.embed(batch)[0]
    assert float(alone @ together) > 0.99999


def test_text_past_the_token_limit_is_truncated(minilm):
    base = "tokens " * 300
    vectors = minilm.embed([base, base + "and a very different ending about cooking pasta"])
    assert float(vectors[0] @ vectors[1]) > 0.99999


def test_similar_texts_are_closer_than_unrelated_ones(minilm):
    a, b, c = minilm.embed(
        [
            "The new language model writes code surprisingly well",
            "This LLM is really good at programming",
            "My cat refuses to eat her breakfast",
        ]
    )
    assert a @ b > a @ c + 0.3


def test_no_texts_give_an_empty_matrix(minilm):
    assert minilm.embed([]).shape == (0, 384)


def test_worker_threads_share_the_session_without_changing_any_row(reference):
    texts = reference["texts"] * 3  # enough batches for both threads to run at once
    alone = MiniLMEmbedder(workers=1).embed(texts)
    np.testing.assert_allclose(MiniLMEmbedder(workers=2).embed(texts), alone, atol=1e-6)


def test_token_vectors_are_the_last_layer_of_an_unpadded_batch(minilm):
    tokenizer, _ = minilm._load()
    ids = np.array([tokenizer.encode("open weights matter").ids], dtype=np.int64)
    vectors = minilm.token_vectors(ids)
    assert vectors.shape == (1, ids.shape[1], 384)
    pooled = vectors[0].mean(axis=0)
    np.testing.assert_allclose(
        pooled / np.linalg.norm(pooled), minilm.embed(["open weights matter"])[0], atol=1e-6
    )


def test_a_branch_runs_beside_the_embedding_without_changing_it(minilm, reference):
    from safetensors.numpy import load_file

    from beatwire.analysis.embedding.minilm import Branch
    from beatwire.analysis.embedding.requirements import minilm_model_dir

    tensors = load_file(str(minilm_model_dir() / "model.safetensors"))
    top = {
        k: v for k, v in tensors.items() if k.startswith(("encoder.layer.4.", "encoder.layer.5."))
    }
    texts = reference["texts"][:20]
    encoded = MiniLMEmbedder(branch=Branch("copy", top)).encode(texts)
    np.testing.assert_allclose(encoded.vectors, minilm.embed(texts), atol=1e-6)
    # an unchanged copy of the top layers, in int8, pools to nearly the embedding itself
    pooled = encoded.branches["copy"]
    assert pooled.shape == (20, 384)
    cosines = (pooled * encoded.vectors).sum(axis=1) / np.linalg.norm(pooled, axis=1)
    assert cosines.min() > 0.98 and cosines.max() < 0.999999  # close, and really quantised


def test_without_a_branch_encode_gives_the_embedding_alone(minilm):
    encoded = minilm.encode(["open weights matter"])
    assert dict(encoded.branches) == {}
    np.testing.assert_allclose(encoded.vectors, minilm.embed(["open weights matter"]), atol=1e-7)
