"""A trained linear head (one-vs-rest logistic regression) stored as a small .npz file.

Training (scripts/train_*.py, scikit-learn) and inference (here, numpy only) share
`Featurizer`, so a model file is just weights: sparse rows for the hashed n-grams,
dense rows for VADER and the embedding, a bias, the class names and a JSON header.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from beatwire.analysis.heads.features import Features, Featurizer, Floats
from beatwire.analysis.heads.model_files import model_path
from beatwire.errors import AnalysisError


@dataclass(frozen=True, slots=True)
class LinearHead:
    """Weights of a one-vs-rest linear classifier over `Featurizer` features."""

    classes: tuple[str, ...]
    hash_rows: npt.NDArray[np.int64]  # buckets that have a weight (sorted)
    hash_weights: Floats  # (len(hash_rows), k)
    dense_weights: Floats  # (d, k)
    bias: Floats  # (k,)
    meta: dict[str, Any]

    @property
    def embedding_dim(self) -> int:
        """Return the width of the embedding the head expects (0: none)."""
        return int(self.dense_weights.shape[0]) - 4

    def featurizer(self) -> Featurizer:
        """Return the featurizer this head was trained with."""
        return Featurizer(int(self.meta["buckets"]), float(self.meta.get("embedding_scale", 0.0)))

    def decision(self, features: Features) -> Floats:
        """Return the (n, k) decision values of each class for a batch."""
        scores = features.dense @ self.dense_weights + self.bias
        if features.indices.size and self.hash_rows.size:  # a base of a stack may have none
            lookup = np.searchsorted(self.hash_rows, features.indices)
            lookup = np.minimum(lookup, len(self.hash_rows) - 1)
            known = self.hash_rows[lookup] == features.indices
            contrib = self.hash_weights[lookup] * (features.values * known)[:, None]
            # Rows are contiguous in CSR order: reduceat sums each row's slice in one pass.
            sizes = np.diff(features.indptr)
            starts = np.minimum(features.indptr[:-1], len(contrib) - 1)
            scores += np.add.reduceat(contrib, starts, axis=0) * (sizes > 0)[:, None]
        return scores.astype(np.float32)

    def probabilities(self, features: Features) -> Floats:
        """Return one-vs-rest sigmoids normalised to sum to 1 per row."""
        sig = 1.0 / (1.0 + np.exp(-self.decision(features)))
        return (sig / sig.sum(axis=1, keepdims=True)).astype(np.float32)

    def save(self, path: Path) -> None:
        """Write the head to `path` as a compressed .npz file."""
        np.savez_compressed(path, **head_arrays(self))


def head_arrays(head: LinearHead, prefix: str = "") -> dict[str, Any]:
    """Return the arrays that store `head`, their names starting with `prefix`."""
    arrays = {
        "classes": np.array(head.classes),
        "hash_rows": head.hash_rows.astype(np.int32),
        "hash_weights": head.hash_weights.astype(np.float16),  # halves the file, same labels
        "dense_weights": head.dense_weights.astype(np.float32),
        "bias": head.bias.astype(np.float32),
        "meta": np.array(json.dumps(head.meta, sort_keys=True)),
    }
    return {prefix + name: value for name, value in arrays.items()}


def head_from_arrays(data: Mapping[str, Any], prefix: str = "") -> LinearHead:
    """Return the head stored under `prefix` in an open .npz file."""
    return LinearHead(
        classes=tuple(str(c) for c in data[prefix + "classes"]),
        hash_rows=data[prefix + "hash_rows"].astype(np.int64),
        hash_weights=data[prefix + "hash_weights"].astype(np.float32),
        dense_weights=data[prefix + "dense_weights"],
        bias=data[prefix + "bias"],
        meta=json.loads(str(data[prefix + "meta"])),
    )


def load_head(filename: str) -> LinearHead:
    """Return the head stored in data/models/`filename`."""
    with np.load(model_path(filename), allow_pickle=False) as data:
        return head_from_arrays(data)


class Shaped(Protocol):
    """What `check_embeddings` reads from a head or a stack."""

    @property
    def embedding_dim(self) -> int: ...

    @property
    def meta(self) -> dict[str, Any]: ...


def check_embeddings(head: Shaped, embeddings: Floats | None, n: int) -> Floats | None:
    """Return the embeddings the head needs; raise when missing or of the wrong shape."""
    if head.embedding_dim == 0:
        return None
    if embeddings is None or embeddings.shape != (n, head.embedding_dim):
        got = "none" if embeddings is None else f"shape {embeddings.shape}"
        raise AnalysisError(
            f"{head.meta['name']} needs ({n}, {head.embedding_dim}) embeddings, got {got}",
            hint=f"run it with analysis.embedder = {head.meta['embedder']!r}",
        )
    return embeddings
