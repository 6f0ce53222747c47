"""The pass-through embedder: records get no vector, and nothing is loaded."""

from __future__ import annotations

import numpy as np

from beatwire.analysis.embedding._base import Matrix


class NoEmbedder:
    """Skips embedding: returns a (n, 0) array, so callers need no special case."""

    name = "none"
    dim = 0

    def embed(self, texts: list[str]) -> Matrix:
        """Return an empty (len(texts), 0) float32 array."""
        return np.zeros((len(texts), 0), dtype=np.float32)
