"""How closely one embedder's similarities follow another's, on the same texts.

Used to measure the static mode against MiniLM (scripts/distill_static_embeddings.py,
bench/embedding.py): both are compared on pairwise cosine similarities, not on the
vectors themselves, since the two spaces have different dimensions; and each on a task,
how often a text's nearest neighbours share its gold label (e.g. its news event).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from beatwire.analysis.embedding import Matrix


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement of a candidate's similarities with a reference's."""

    spearman: float  # rank correlation of the cosine of every pair of texts
    neighbour_recall: float  # share of the reference's k nearest neighbours the candidate finds
    k: int
    texts: int


def agreement(reference: Matrix, candidate: Matrix, *, k: int = 10) -> Agreement:
    """Return how well `candidate` rows reproduce the similarities between `reference` rows."""
    if len(reference) != len(candidate) or len(reference) <= k:
        raise ValueError("both embeddings need the same rows, more than k of them")
    ref_sims = reference @ reference.T
    cand_sims = candidate @ candidate.T
    upper = np.triu_indices(len(reference), k=1)
    rho = _spearman(ref_sims[upper], cand_sims[upper])
    np.fill_diagonal(ref_sims, -np.inf)
    np.fill_diagonal(cand_sims, -np.inf)
    ref_top = np.argpartition(-ref_sims, k, axis=1)[:, :k]
    cand_top = np.argpartition(-cand_sims, k, axis=1)[:, :k]
    hits = sum(len(np.intersect1d(a, b)) for a, b in zip(ref_top, cand_top, strict=True))
    return Agreement(rho, hits / (k * len(reference)), k, len(reference))


def label_purity(vectors: Matrix, labels: npt.NDArray[np.int64], *, k: int = 10) -> float:
    """Return the mean share of each text's k nearest neighbours that carry its label."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    top = np.argpartition(-sims, k, axis=1)[:, :k]
    return float(np.mean(labels[top] == labels[:, None]))


def _spearman(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> float:
    """Return Spearman's rank correlation (ties are rare with float similarities)."""
    ranks_a = np.argsort(np.argsort(a)).astype(np.float64)
    ranks_b = np.argsort(np.argsort(b)).astype(np.float64)
    return float(np.corrcoef(ranks_a, ranks_b)[0, 1])
