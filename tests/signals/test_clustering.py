"""Narrative clustering: kNN graph + Leiden, small communities are noise, noise reassigned."""

from __future__ import annotations

import numpy as np

from beatwire.config import ClusterSettings
from beatwire.signals.clustering import NOISE, assign_noise, centroids, cluster, drop_small


def blobs(sizes: list[int], dim: int = 32, spread: float = 0.35, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((len(sizes), dim))
    rows = [c + spread * rng.standard_normal((n, dim)) for c, n in zip(centres, sizes, strict=True)]
    vectors = np.vstack(rows).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def truth(sizes: list[int]) -> np.ndarray:
    return np.repeat(np.arange(len(sizes)), sizes)


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    pairs = {(int(x), int(y)) for x, y in zip(a, b, strict=True)}
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def test_separate_topics_are_found_without_being_told_how_many() -> None:
    sizes = [60, 45, 80, 30]
    labels = cluster(blobs(sizes), ClusterSettings())
    assert labels.max() + 1 == 4
    assert same_partition(labels, truth(sizes))


def test_narratives_are_numbered_by_size_largest_first() -> None:
    sizes = [20, 70, 40]
    labels = cluster(blobs(sizes, seed=1), ClusterSettings())
    assert np.bincount(labels).tolist() == [70, 40, 20]


def test_a_time_gap_splits_one_topic_into_two_events() -> None:
    vectors = blobs([120], spread=0.25, seed=2)
    times = np.r_[np.zeros(60), np.full(60, 30 * 86400.0)] + np.arange(120)
    settings = ClusterSettings(time_weight=0.6)
    labels = cluster(vectors, settings, times)
    assert same_partition(labels, np.repeat([0, 1], 60))


def test_too_few_rows_are_all_noise() -> None:
    labels = cluster(blobs([5]), ClusterSettings(min_size=8))
    assert labels.tolist() == [NOISE] * 5


def test_drop_small_turns_small_communities_into_noise() -> None:
    labels = drop_small(np.array([0, 0, 0, 1, 2, 2, 2, 2]), min_size=3)
    assert labels.tolist() == [1, 1, 1, NOISE, 0, 0, 0, 0]


def test_noise_joins_a_close_centroid_and_stays_out_when_far() -> None:
    vectors = np.array([[1, 0], [1, 0], [0.9, 0.1], [0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = assign_noise(vectors, np.array([0, 0, NOISE, NOISE]), threshold=0.8)
    assert labels.tolist() == [0, 0, 0, NOISE]


def test_centroids_are_unit_length() -> None:
    vectors = blobs([10, 10])
    found = centroids(vectors, truth([10, 10]))
    assert np.allclose(np.linalg.norm(found, axis=1), 1.0)
