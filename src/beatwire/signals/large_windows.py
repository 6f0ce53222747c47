"""Labelling a window too large to cluster whole: attach what plainly continues, cluster the rest.

Clustering costs the square of a window's size (the kNN graph), so past
`narrative_cluster_cap` records a window is labelled in linear time first: a record
at least `narrative_attach_similarity` alike to the centroid of a narrative still
alive joins it, as the next day of a running story does. Only the records left over
are clustered; they hold whatever is new, so an emerging narrative is found as
before. When even those exceed the cap, a fixed sample of them is clustered and the
others join the nearest new cluster when `assign_similarity` alike (otherwise noise),
as topic models fitted on a sample do.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from beatwire.config import DetectSettings
from beatwire.signals.clustering import NOISE, centroids, cluster, drop_small
from beatwire.signals.neighbours import Ints, Matrix

Times = npt.NDArray[np.float64]


def sampled_cluster(vectors: Matrix, times: Times, settings: DetectSettings) -> Ints:
    """Return cluster labels; past the cap, cluster a fixed sample and assign the others."""
    cap = settings.narrative_cluster_cap
    if len(vectors) <= cap:
        return cluster(vectors, settings.cluster, times)
    # a fixed seed: the same window gives the same sample, so a pass is repeatable
    sample = np.sort(np.random.default_rng(settings.cluster.seed).choice(len(vectors), cap, False))
    sampled = cluster(vectors[sample], settings.cluster, times[sample])
    labels = np.full(len(vectors), NOISE, dtype=np.int64)
    labels[sample] = sampled
    if sampled.max(initial=NOISE) < 0:
        return labels
    others = np.setdiff1d(np.arange(len(vectors)), sample)
    sims = vectors[others] @ centroids(vectors[sample], sampled).T
    best = sims.argmax(axis=1)
    close = sims[np.arange(len(others)), best] >= settings.cluster.assign_similarity
    labels[others[close]] = best[close]
    return labels


def attach_then_cluster(
    vectors: Matrix, times: Times, live: Matrix, settings: DetectSettings
) -> Ints:
    """Return labels of a large window: live narratives (by index of `live`) first, new after.

    Labels 0..len(live)-1 are the live narratives the records attached to; higher labels
    are clusters of the rest. Groups under the cluster minimum size become noise.
    """
    labels = np.full(len(vectors), NOISE, dtype=np.int64)
    rest = np.arange(len(vectors))
    if len(live):
        sims = vectors @ live.T
        best = sims.argmax(axis=1)
        attached = sims[np.arange(len(vectors)), best] >= settings.narrative_attach_similarity
        labels[attached] = best[attached]
        rest = np.flatnonzero(~attached)
    if len(rest) >= settings.cluster.min_size:
        found = sampled_cluster(vectors[rest], times[rest], settings)
        labels[rest] = np.where(found >= 0, found + len(live), NOISE)
    return _small_to_noise(labels, settings.cluster.min_size)


def _small_to_noise(labels: Ints, min_size: int) -> Ints:
    """Return labels renumbered 0..n-1 (largest first) with groups under `min_size` as noise."""
    kept = labels >= 0
    out = np.full(len(labels), NOISE, dtype=np.int64)
    if kept.any():
        out[kept] = drop_small(labels[kept], min_size)
    return out
