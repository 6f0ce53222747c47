"""The static (distilled) embedder: shape and behaviour (agreement with MiniLM: tests/scripts)."""

from __future__ import annotations

import numpy as np
import pytest

from beatwire.analysis.embedding import StaticEmbedder
from beatwire.errors import AnalysisError


@pytest.fixture(scope="module")
def static() -> StaticEmbedder:
    return StaticEmbedder()


def test_rows_are_unit_float32_vectors_of_the_tables_width(static):
    vectors = static.embed(["chips and compute", "a post about the EU AI Act"])
    assert static.name == "static-minilm@1"
    assert vectors.shape == (2, static.dim) == (2, 256)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_text_without_tokens_gets_a_zero_row(static):
    vectors = static.embed(["", "   ", "words"])
    assert not vectors[0].any()
    assert not vectors[1].any()
    assert vectors[2].any()


def test_the_vector_is_a_bag_of_word_pieces(static):
    a, b = static.embed(["open models beat closed ones", "closed ones beat open models"])
    assert float(a @ b) == pytest.approx(1.0, abs=1e-5)


def test_texts_are_not_truncated(static):
    long = "regulation " * 400
    a, b = static.embed([long, long + "pasta recipes with tomatoes and basil " * 100])
    assert float(a @ b) < 0.99


def test_similar_texts_are_closer_than_unrelated_ones(static):
    a, b, c = static.embed(
        [
            "the new language model writes code surprisingly well",
            "this language model is good at writing code",
            "my cat refuses to eat her breakfast",
        ]
    )
    assert a @ b > a @ c


def test_a_missing_table_is_reported_with_how_to_make_it(tmp_path):
    with pytest.raises(AnalysisError) as caught:
        StaticEmbedder(tmp_path).embed(["hello"])
    assert "run: python scripts/distill_static_embeddings.py" in caught.value.one_line()
