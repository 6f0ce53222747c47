"""Agreement between two embeddings' similarity structure (scripts/_embedding_quality.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from _embedding_quality import agreement, label_purity

from beatwire.analysis.embedding import MiniLMEmbedder, StaticEmbedder, l2_normalise

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
TWEETS = CORPORA / "tweeteval" / "irony" / "val_text.txt"


def random_unit_rows(rows: int, dims: int, seed: int) -> np.ndarray:
    return l2_normalise(np.random.default_rng(seed).normal(size=(rows, dims)).astype(np.float32))


def test_an_embedding_agrees_perfectly_with_a_rotation_of_itself():
    vectors = random_unit_rows(60, 16, seed=1)
    rotation, _ = np.linalg.qr(np.random.default_rng(2).normal(size=(16, 16)))
    result = agreement(vectors, (vectors @ rotation).astype(np.float32), k=5)
    assert result.spearman == pytest.approx(1.0)
    assert result.neighbour_recall == pytest.approx(1.0)


def test_unrelated_embeddings_barely_agree():
    result = agreement(random_unit_rows(200, 16, 3), random_unit_rows(200, 16, 4), k=10)
    assert abs(result.spearman) < 0.1
    assert result.neighbour_recall < 0.15


def test_a_noisy_copy_agrees_partly():
    vectors = random_unit_rows(200, 32, seed=5)
    noisy = l2_normalise(vectors + 0.1 * random_unit_rows(200, 32, seed=6))
    result = agreement(vectors, noisy)
    assert 0.5 < result.spearman < 1.0


def test_row_counts_must_match():
    with pytest.raises(ValueError):
        agreement(random_unit_rows(20, 4, 1), random_unit_rows(21, 4, 1))


def test_l2_normalise_leaves_zero_rows_at_zero():
    rows = np.array([[3.0, 4.0], [0.0, 0.0]], dtype=np.float32)
    np.testing.assert_allclose(l2_normalise(rows), [[0.6, 0.8], [0.0, 0.0]], rtol=1e-6)


def test_label_purity_is_one_for_separated_clusters_and_low_for_noise():
    centres = random_unit_rows(3, 32, seed=7)
    labels = np.repeat(np.arange(3), 20)
    clustered = l2_normalise(centres[labels] + 0.05 * random_unit_rows(60, 32, seed=8))
    assert label_purity(clustered, labels, k=5) == 1.0
    assert label_purity(random_unit_rows(60, 32, seed=9), labels, k=5) < 0.6


def test_the_shipped_static_table_follows_minilm_on_real_tweets():
    texts = TWEETS.read_text(encoding="utf-8").splitlines()[:300]
    result = agreement(MiniLMEmbedder().embed(texts), StaticEmbedder().embed(texts), k=10)
    assert result.spearman > 0.2  # random vectors score about 0; measured ~0.3 on tweets
    assert result.neighbour_recall > 0.1  # random: 10/299 = 0.03
