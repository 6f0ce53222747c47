"""A stack of linear heads: base heads over shared `Featurizer` features, combined by a meta LR.

Each base head sees the same features but was fitted on one block only (for example
VADER + hashed n-grams, or VADER + the sentence embedding), so their mistakes differ.
The meta layer is a multinomial logistic regression over the bases' log-probabilities,
fitted on out-of-fold probabilities (scripts/train_*.py). Stored in one .npz: the
bases' arrays under "base0_", "base1_", ..., then meta_weights, meta_bias and meta.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from beatwire.analysis.heads.features import Features, Featurizer, Floats
from beatwire.analysis.heads.linear import LinearHead, head_arrays, head_from_arrays
from beatwire.analysis.heads.model_files import model_path

LOG_FLOOR = np.float32(1e-6)  # keeps log() finite; the meta layer was fitted with the same floor


@dataclass(frozen=True, slots=True)
class StackedHead:
    """Base heads (same classes, same features) and the meta layer that combines them."""

    bases: tuple[LinearHead, ...]
    meta_weights: Floats  # (len(bases) * k, k)
    meta_bias: Floats  # (k,)
    meta: dict[str, Any]

    @property
    def classes(self) -> tuple[str, ...]:
        """Return the class names, shared by every base."""
        return self.bases[0].classes

    @property
    def embedding_dim(self) -> int:
        """Return the width of the embedding the bases expect (0: none)."""
        return self.bases[0].embedding_dim

    def featurizer(self) -> Featurizer:
        """Return the featurizer every base was trained with."""
        return Featurizer(int(self.meta["buckets"]), float(self.meta.get("embedding_scale", 0.0)))

    def probabilities(self, features: Features) -> Floats:
        """Return the meta layer's softmax over the bases' log-probabilities, rows summing to 1."""
        return combine([base.probabilities(features) for base in self.bases], self)

    def save(self, path: Path) -> None:
        """Write the stack to `path` as one compressed .npz file."""
        arrays: dict[str, Any] = {}
        for i, base in enumerate(self.bases):
            arrays.update(head_arrays(base, prefix=f"base{i}_"))
        np.savez_compressed(
            path,
            **arrays,
            meta_weights=self.meta_weights.astype(np.float32),
            meta_bias=self.meta_bias.astype(np.float32),
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )


def combine(base_probs: list[Floats], stack: StackedHead) -> Floats:
    """Return the meta layer's class probabilities for the bases' (n, k) probabilities."""
    logs = np.log(np.maximum(np.hstack(base_probs), LOG_FLOOR))
    scores = logs @ stack.meta_weights + stack.meta_bias
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)


Head = LinearHead | StackedHead


def load_model(filename: str) -> Head:
    """Return the head or stack stored in data/models/`filename`."""
    with np.load(model_path(filename), allow_pickle=False) as data:
        if "meta_weights" not in data:
            return head_from_arrays(data)
        count = sum(1 for key in data.files if key.endswith("_classes"))
        return StackedHead(
            bases=tuple(head_from_arrays(data, prefix=f"base{i}_") for i in range(count)),
            meta_weights=data["meta_weights"],
            meta_bias=data["meta_bias"],
            meta=json.loads(str(data["meta"])),
        )
