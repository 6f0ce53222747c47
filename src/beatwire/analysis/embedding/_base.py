"""The Embedder role: texts in, one L2-normalised float32 row per text out.

Implementations (one file each) and the names they record in analysis rows:

    minilm.py   "minilm@1"         all-MiniLM-L6-v2 on onnxruntime, 384 dims
    static.py   "static-minilm@1"  token table distilled from the same model
    none.py     "none"             pass-through: (n, 0) arrays, embeddings skipped

A row is a unit vector, except for a text that has nothing to embed (the static
mode on a text with no tokens, or every row of "none"), whose row is all zeros.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns texts into vectors; `name` is recorded with every row it makes."""

    name: str

    @property
    def dim(self) -> int:
        """Return the width of the rows `embed` returns."""
        ...

    def embed(self, texts: list[str]) -> Matrix:
        """Return a float32 array of shape (len(texts), dim) with L2-normalised rows."""
        ...


@dataclass(frozen=True, slots=True)
class Encoding:
    """An embedder's rows, and the pooled outputs of any task branches it runs beside them."""

    vectors: Matrix
    branches: Mapping[str, Matrix] = field(default_factory=dict)


@runtime_checkable
class BranchingEmbedder(Protocol):
    """An embedder that can run task branches (fine-tuned top layers) in the same pass."""

    def encode(self, texts: list[str]) -> Encoding:
        """Return the rows `embed` would and each branch's (len(texts), width) vectors."""
        ...


def encode(embedder: Embedder, texts: list[str]) -> Encoding:
    """Return `embedder`'s rows for `texts`, with its branches' vectors if it runs any."""
    if isinstance(embedder, BranchingEmbedder):
        return embedder.encode(texts)
    return Encoding(embedder.embed(texts))


def l2_normalise(rows: Matrix) -> Matrix:
    """Return `rows` scaled to unit length in place; all-zero rows stay zero."""
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    np.maximum(norms, np.float32(1e-12), out=norms)  # zero rows divide by a tiny number, stay 0
    rows /= norms
    return rows
