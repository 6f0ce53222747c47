"""Windows too large to cluster whole: attach to live narratives, cluster (a sample of) the rest."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from beatwire.config import DetectSettings, Settings, load_settings
from beatwire.signals import stage
from beatwire.signals.clustering import NOISE
from beatwire.signals.large_windows import attach_then_cluster, sampled_cluster
from beatwire.store.engine import open_store
from beatwire.store.signals import strongest_signals
from tests.signals.test_stage import planted_file  # noqa: F401

DIM = 32


def topic_rows(rng: np.random.Generator, topics: np.ndarray, counts: list[int]) -> np.ndarray:
    """Return unit vectors: counts[i] rows around topic i."""
    rows = [topics[i] + 0.35 * rng.standard_normal((n, DIM)) for i, n in enumerate(counts)]
    vectors = np.concatenate(rows).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def unit(vectors: np.ndarray) -> np.ndarray:
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture
def settings() -> DetectSettings:
    return DetectSettings(narrative_cluster_cap=60)


def test_records_near_a_live_narrative_join_it_and_a_new_topic_is_clustered(
    settings: DetectSettings,
) -> None:
    rng = np.random.default_rng(3)
    topics = rng.standard_normal((3, DIM))
    vectors = topic_rows(rng, topics, [120, 90, 30])  # topics 0, 1 are live; 2 is new
    live = unit(topics[:2])
    labels = attach_then_cluster(vectors, np.zeros(len(vectors)), live, settings)
    groups = [set(labels[a:b].tolist()) for a, b in ((0, 120), (120, 210), (210, 240))]
    assert all(len(group) == 1 and NOISE not in group for group in groups)
    assert len(set().union(*groups)) == 3  # three narratives, none merged


def test_a_small_attached_group_is_noise(settings: DetectSettings) -> None:
    rng = np.random.default_rng(4)
    topics = rng.standard_normal((2, DIM))
    vectors = topic_rows(rng, topics, [80, 3])  # 3 records: under the minimum cluster size
    labels = attach_then_cluster(vectors, np.zeros(len(vectors)), unit(topics), settings)
    assert set(labels[80:].tolist()) == {NOISE}
    assert set(labels[:80].tolist()) == {0}


def test_past_the_cap_a_sample_is_clustered_and_the_rest_assigned(
    settings: DetectSettings,
) -> None:
    rng = np.random.default_rng(5)
    topics = rng.standard_normal((2, DIM))
    vectors = topic_rows(rng, topics, [100, 100])
    labels = sampled_cluster(vectors, np.zeros(len(vectors)), settings)
    assert len(set(labels[:100].tolist())) == 1 and len(set(labels[100:].tolist())) == 1
    assert labels[0] != labels[100] and NOISE not in labels
    again = sampled_cluster(vectors, np.zeros(len(vectors)), settings)
    assert np.array_equal(labels, again)  # the sample is fixed: a pass is repeatable


def test_an_unrelated_record_stays_outside(settings: DetectSettings) -> None:
    rng = np.random.default_rng(6)
    topics = rng.standard_normal((1, DIM))
    stray = unit(rng.standard_normal((1, DIM)))
    vectors = np.concatenate([topic_rows(rng, topics, [100]), stray])
    labels = attach_then_cluster(vectors, np.zeros(len(vectors)), unit(topics), settings)
    assert labels[-1] == NOISE and set(labels[:-1].tolist()) == {0}


def capped(cap: int) -> Settings:
    settings = load_settings(None)
    settings.detect.narrative_cluster_cap = cap
    return settings


def emerging(path: Path, settings: Settings) -> set[tuple[str | None, object]]:
    store = open_store(f"sqlite:///{path}")
    stage.run(store, settings)
    with store.read() as conn:
        found = {
            (s.beat, s.window_start)
            for s in strongest_signals(conn)
            if s.kind == "emerging_narrative"
        }
    store.close()
    return found


def test_the_large_window_path_finds_the_planted_narratives_the_exact_path_finds(
    planted_file: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    exact, capped_copy = tmp_path / "exact.db", tmp_path / "capped.db"
    shutil.copy(planted_file, exact)
    shutil.copy(planted_file, capped_copy)
    # every window of the planted store (80 records and more) is over a cap of 30
    found = emerging(capped_copy, capped(30))
    assert found == emerging(exact, load_settings(None))
    assert "ai-agents" in {beat for beat, _ in found}
