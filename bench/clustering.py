"""Narrative clustering quality and speed on CrisisLexT26 (the events in ../shared/corpora).

The "Related" tweets (informative or not) of every event are embedded with
all-MiniLM-L6-v2, then clustered by signals/clustering.py without being told how
many events there are, with their timestamps (Boston has none: text only).
Prints the embedding time and the clustering time separately, NMI against the
events (noise counted as one extra cluster, and over clustered tweets only), ARI,
the number of narratives and the share of noise.

    .venv/bin/python bench/clustering.py [--cache PATH.npy] [--no-time] [--resolution R]
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import time
from datetime import datetime
from pathlib import Path

import numpy as np

from beatwire.config import ClusterSettings
from beatwire.signals.clustering import cluster

CSV = (
    Path(__file__).resolve().parents[2]
    / "shared/corpora/crisislex-events/crisislexT26_labeled_with_timestamps.csv"
)


def load() -> tuple[list[str], np.ndarray, np.ndarray]:
    """Return texts, event numbers and epoch times (NaN when missing) of the related tweets."""
    with CSV.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["informativeness"].startswith("Related")]
    events = sorted({r["event"] for r in rows})
    times = [
        datetime.strptime(r["timestamp"], "%a %b %d %H:%M:%S %z %Y").timestamp()
        if r["timestamp"] else np.nan
        for r in rows
    ]  # fmt: skip
    labels = np.asarray([events.index(r["event"]) for r in rows])
    return [r["text"] for r in rows], labels, np.asarray(times, dtype=np.float64)


def entropy(counts: np.ndarray) -> float:
    """Return the entropy (nats) of a count vector."""
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())


def nmi(truth: np.ndarray, found: np.ndarray) -> float:
    """Return normalised mutual information (arithmetic mean of the entropies, as scikit-learn)."""
    _, t = np.unique(truth, return_inverse=True)
    _, f = np.unique(found, return_inverse=True)
    table = np.zeros((t.max() + 1, f.max() + 1))
    np.add.at(table, (t, f), 1)
    h_t, h_f = entropy(table.sum(1)), entropy(table.sum(0))
    joint = entropy(table.ravel())
    mutual = h_t + h_f - joint
    return mutual / max((h_t + h_f) / 2, 1e-12)


def ari(truth: np.ndarray, found: np.ndarray) -> float:
    """Return the adjusted Rand index."""
    _, t = np.unique(truth, return_inverse=True)
    _, f = np.unique(found, return_inverse=True)
    table = np.zeros((t.max() + 1, f.max() + 1))
    np.add.at(table, (t, f), 1)
    pairs = lambda x: (x * (x - 1) / 2).sum()  # noqa: E731
    index, rows, cols, n = pairs(table), pairs(table.sum(1)), pairs(table.sum(0)), table.sum()
    expected = rows * cols / (n * (n - 1) / 2)
    return float((index - expected) / ((rows + cols) / 2 - expected))


def embed(texts: list[str], cache: Path | None) -> tuple[np.ndarray, float]:
    """Return MiniLM embeddings (from the cache when given and present) and the seconds spent."""
    if cache is not None and cache.is_file():
        return np.load(cache), float("nan")
    from beatwire.analysis.embedding.minilm import MiniLMEmbedder

    began = time.perf_counter()
    vectors = MiniLMEmbedder().embed(texts)
    seconds = time.perf_counter() - began
    if cache is not None:
        np.save(cache, vectors)
    return vectors, seconds


def main() -> None:
    """Embed, cluster, score."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--no-time", action="store_true", help="cluster on text alone")
    parser.add_argument("--resolution", type=float, default=None)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    texts, truth, times = load()
    vectors, embed_s = embed(texts, args.cache)
    settings = ClusterSettings()
    if args.resolution is not None:
        settings = settings.model_copy(update={"resolution": args.resolution})
    wall, cpu = time.perf_counter(), time.process_time()
    found = cluster(vectors, settings, None if args.no_time else times)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    clustered = found >= 0
    print(f"tweets={len(texts)} events={len(set(truth))} embedding={embed_s:.1f} s "
          f"(nan: from cache)")  # fmt: skip
    print(
        f"clustering: {wall:.2f} s wall, {cpu:.2f} s cpu; narratives={found.max() + 1} "
        f"noise={1 - clustered.mean():.1%}"
    )
    print(
        f"NMI (noise as a cluster)={nmi(truth, found):.3f} "
        f"NMI (clustered only)={nmi(truth[clustered], found[clustered]):.3f} "
        f"ARI={ari(truth, found):.3f}"
    )


if __name__ == "__main__":
    main()
