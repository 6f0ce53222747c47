"""Narrative clustering: a cosine kNN graph, time-aware, cut into communities by Leiden.

Why this pipeline: the number of narratives is unknown, so k-means is out; the
graph keeps only local similarity, which suits short posts whose embeddings form
chains rather than balls; Leiden on modularity picks the number of communities
itself and runs in well under a second on tens of thousands of nodes. Events are
bursts in time, so two posts far apart in time lose a little similarity. Tiny
communities are noise; a noise record then joins the nearest narrative centroid
when it is close enough, otherwise it stays outside every narrative (label -1).
"""

from __future__ import annotations

import logging

import numpy as np
import numpy.typing as npt

from beatwire.config import ClusterSettings
from beatwire.errors import AnalysisError
from beatwire.signals.neighbours import Ints, Matrix, knn

log = logging.getLogger(__name__)

NOISE = -1


def _igraph() -> object:
    try:
        import igraph
    except ImportError as exc:  # optional heavy part: fail only when used, with the install line
        raise AnalysisError(
            "narrative clustering needs igraph", hint="pip install 'igraph>=1.0,<2'"
        ) from exc
    return igraph


def graph_edges(neighbours: Ints, scores: Matrix, floor: float) -> tuple[Ints, Matrix]:
    """Return the undirected edges (i < j) of the kNN graph above `floor`, with weights."""
    rows = np.repeat(np.arange(len(neighbours)), neighbours.shape[1])
    cols = neighbours.ravel()
    weights = scores.ravel()
    keep = weights > floor
    low = np.minimum(rows[keep], cols[keep])
    high = np.maximum(rows[keep], cols[keep])
    pairs = low * len(neighbours) + high
    # an edge found from both ends is one edge: keep its first (equal) weight
    unique, first = np.unique(pairs, return_index=True)
    edges = np.stack([unique // len(neighbours), unique % len(neighbours)], axis=1)
    return edges.astype(np.int64), weights[keep][first]


def communities(count: int, edges: Ints, weights: Matrix, settings: ClusterSettings) -> Ints:
    """Return a community number per node by Leiden on modularity."""
    igraph = _igraph()
    graph = igraph.Graph(n=count, edges=edges.tolist(), directed=False)  # type: ignore[attr-defined]
    import random

    random.seed(settings.seed)  # igraph draws from Python's generator
    parts = graph.community_leiden(
        objective_function="modularity",
        weights=weights.astype(np.float64).tolist(),
        resolution=settings.resolution,
        n_iterations=-1,
    )
    return np.asarray(parts.membership, dtype=np.int64)


def drop_small(labels: Ints, min_size: int) -> Ints:
    """Return labels where communities under `min_size` are noise and the rest are 0..n-1."""
    ids, sizes = np.unique(labels, return_counts=True)
    big = ids[sizes >= min_size]
    # number narratives by size, largest first, so labels read the same across runs
    big = big[np.argsort(-sizes[sizes >= min_size], kind="stable")]
    mapping = np.full(labels.max() + 1 if len(labels) else 0, NOISE, dtype=np.int64)
    mapping[big] = np.arange(len(big))
    return mapping[labels] if len(labels) else labels


def centroids(vectors: Matrix, labels: Ints) -> Matrix:
    """Return the unit-length mean vector of each narrative 0..n-1."""
    count = int(labels.max()) + 1 if len(labels) and labels.max() >= 0 else 0
    # a one-hot matrix product sums each narrative's rows with BLAS (np.add.at is slow)
    onehot = (labels[None, :] == np.arange(count)[:, None]).astype(np.float32)
    sums = onehot @ vectors
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return sums / np.maximum(norms, 1e-12)


def assign_noise(vectors: Matrix, labels: Ints, threshold: float) -> Ints:
    """Return labels where each noise row joins its nearest centroid if similar enough."""
    noise = np.flatnonzero(labels == NOISE)
    if not len(noise) or labels.max() < 0:
        return labels
    sims = vectors[noise] @ centroids(vectors, labels).T
    best = sims.argmax(axis=1)
    close = sims[np.arange(len(noise)), best] >= threshold
    out = labels.copy()
    out[noise[close]] = best[close]
    return out


def median_time(times: npt.NDArray[np.float64]) -> float:
    """Return the median of the known times (NaN when none is known)."""
    known = times[np.isfinite(times)]
    return float(np.median(known)) if len(known) else float("nan")


def merge_close(
    vectors: Matrix,
    labels: Ints,
    settings: ClusterSettings,
    times: npt.NDArray[np.float64] | None = None,
) -> Ints:
    """Return labels where narratives whose centroids are `merge_similarity` alike are one.

    The likeness of two narratives takes the same time penalty as two records, on their
    median times, so one topic in two distant bursts stays two narratives.
    """
    count = int(labels.max()) + 1 if len(labels) else 0
    if count < 2:
        return labels
    centres = centroids(vectors, labels)
    likeness = centres @ centres.T
    if times is not None and settings.time_weight > 0:
        middle = np.array([median_time(times[labels == n]) for n in range(count)])
        gaps = np.abs(middle[:, None] - middle[None, :]) / (settings.time_scale_hours * 3600.0)
        likeness -= settings.time_weight * np.nan_to_num(np.minimum(gaps, 1.0), nan=0.0)
    close = np.argwhere(np.triu(likeness, 1) >= settings.merge_similarity)
    parent = np.arange(count)

    def root(node: int) -> int:
        while parent[node] != node:
            node = int(parent[node])
        return node

    for a, b in close:  # union-find: chains of close pairs become one narrative
        parent[max(root(a), root(b))] = min(root(a), root(b))
    roots = np.array([root(node) for node in range(count)])
    merged = np.where(labels >= 0, roots[np.maximum(labels, 0)], NOISE)
    return drop_small(merged, 1) if len(close) else labels


def cluster(
    vectors: Matrix,
    settings: ClusterSettings,
    times: npt.NDArray[np.float64] | None = None,
) -> Ints:
    """Return a narrative number per row (-1 for noise); `times` are epoch seconds or NaN."""
    count = len(vectors)
    if count < settings.min_size:
        return np.full(count, NOISE, dtype=np.int64)
    neighbours, scores = knn(
        np.ascontiguousarray(vectors, dtype=np.float32),
        settings.neighbours,
        times=times,
        time_scale_s=settings.time_scale_hours * 3600.0,
        time_weight=settings.time_weight,
    )
    edges, weights = graph_edges(neighbours, scores, settings.min_similarity)
    labels = communities(count, edges, weights, settings)
    labels = drop_small(labels, 1)
    labels = drop_small(merge_close(vectors, labels, settings, times), settings.min_size)
    labels = assign_noise(vectors, labels, settings.assign_similarity)
    log.info("clustered %d rows into %d narratives", count, int(labels.max()) + 1)
    return labels
