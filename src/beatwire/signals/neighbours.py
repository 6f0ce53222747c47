"""Nearest neighbours on unit vectors, with an optional penalty for distance in time.

Exact search by blocked matrix products: for the window sizes the detect stage
clusters (thousands to tens of thousands of records) it is as fast as an
approximate index and needs no extra dependency.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]

_BLOCK = 2048  # rows per product: a 2048 x n float32 block stays within a few hundred MB


def subtract_time_penalty(
    sims: Matrix, hours: npt.NDArray[np.float32], block: slice, scale_h: float, weight: float
) -> None:
    """Take weight * min(|dt| / scale, 1) off `sims` (rows `block` x every row), in place.

    `hours` are relative to the earliest record, in float32 (4 s precision over a year); a
    NaN time (unknown) takes no penalty, so that record is judged on its text alone.
    """
    unknown = np.isnan(hours)
    filled = np.where(unknown, np.float32(0.0), hours)
    gaps = np.subtract.outer(filled[block], filled)
    np.abs(gaps, out=gaps)
    gaps *= np.float32(weight / scale_h)
    np.minimum(gaps, np.float32(weight), out=gaps)
    if unknown.any():
        gaps[:, unknown] = 0.0
        gaps[unknown[block], :] = 0.0
    sims -= gaps


def relative_hours(times: npt.NDArray[np.float64]) -> npt.NDArray[np.float32]:
    """Return epoch seconds as float32 hours since the earliest one (NaN stays NaN)."""
    known = times[~np.isnan(times)]
    origin = known.min() if len(known) else 0.0
    return ((times - origin) / 3600.0).astype(np.float32)


def knn(
    vectors: Matrix,
    k: int,
    *,
    times: npt.NDArray[np.float64] | None = None,
    time_scale_s: float = 86400.0,
    time_weight: float = 0.0,
) -> tuple[Ints, Matrix]:
    """Return the `k` nearest other rows of each row and their (time-penalised) cosine scores."""
    count = len(vectors)
    k = min(k, count - 1)
    neighbours = np.zeros((count, max(k, 0)), dtype=np.int64)
    scores = np.zeros((count, max(k, 0)), dtype=np.float32)
    if k <= 0:
        return neighbours, scores
    hours = relative_hours(times) if times is not None and time_weight > 0 else None
    for start in range(0, count, _BLOCK):
        block = slice(start, min(start + _BLOCK, count))
        sims = vectors[block] @ vectors.T
        if hours is not None:
            subtract_time_penalty(sims, hours, block, time_scale_s / 3600.0, time_weight)
        rows = np.arange(block.stop - block.start)
        sims[rows, rows + start] = -np.inf  # a row is not its own neighbour
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        top_scores = np.take_along_axis(sims, top, axis=1)
        order = np.argsort(-top_scores, axis=1)
        neighbours[block] = np.take_along_axis(top, order, axis=1)
        scores[block] = np.take_along_axis(top_scores, order, axis=1)
    return neighbours, scores
