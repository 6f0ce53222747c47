"""A fine-tuned affect branch: MiniLM's top layers tuned on TweetEval emotion and sentiment.

scripts/train_affect_branch.py fine-tunes copies of the encoder's top layers with a linear
head per task over their mean-pooled output and writes one .safetensors file to
data/models: the layers under their Hugging Face names, the emotion head (anger, joy,
optimism, sadness) as "head.weight" (classes, hidden) and "head.bias", float16, and a
JSON "meta" entry in the file's metadata (name, classes, blend weight, training data,
figures). The MiniLM embedder runs the layers beside its own (embedding/minilm.py,
`Branch`); this file turns their pooled vectors into emotion probabilities. The sentiment
head minilm_tuned_lr, trained with the branch, reads those vectors as features
(`branch_vectors`); the sentiment task's own head only shapes the layers and is not kept.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from beatwire.analysis.embedding.minilm import Branch
from beatwire.analysis.embedding.requirements import require
from beatwire.analysis.heads.features import Floats
from beatwire.analysis.heads.model_files import model_path
from beatwire.errors import AnalysisError

HEAD_KEYS = ("head.weight", "head.bias")


@dataclass(frozen=True, slots=True)
class AffectBranch:
    """The tuned layers (for the embedder) and the linear head over their pooled output."""

    branch: Branch
    weight: Floats  # (classes, hidden)
    bias: Floats  # (classes,)
    meta: dict[str, Any]

    @property
    def classes(self) -> tuple[str, ...]:
        """Return the class names, in the head's row order."""
        return tuple(self.meta["classes"])

    @property
    def blend(self) -> float:
        """Return the share of the branch in the probabilities mixed with the linear head's."""
        return float(self.meta["blend"])

    def probabilities(self, pooled: Floats) -> Floats:
        """Return the head's softmax over the classes for (n, hidden) pooled vectors."""
        scores = pooled @ self.weight.T + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)


def load_branch(filename: str) -> AffectBranch:
    """Return the affect branch (layers and emotion head) stored in data/models/`filename`.

    The sentiment head and the emotion model both load it at start-up: one read serves
    both (the arrays are read-only), and a file rewritten since is read again.
    """
    path = model_path(filename)
    stat = path.stat()
    return _read_branch(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _read_branch(path: Path, mtime_ns: int, size: int) -> AffectBranch:
    """Return the branch in `path`; `mtime_ns` and `size` only key the cache."""
    safetensors = require("safetensors")
    try:
        with safetensors.safe_open(str(path), framework="numpy") as stored:
            meta = json.loads((stored.metadata() or {})["meta"])
            tensors = {key: stored.get_tensor(key).astype(np.float32) for key in stored.keys()}  # noqa: SIM118
        for array in tensors.values():
            array.flags.writeable = False  # shared by every model that loads the branch
        weight, bias = (tensors.pop(key) for key in HEAD_KEYS)
        name = str(meta["name"])
    except (KeyError, ValueError, OSError, safetensors.SafetensorError) as exc:
        raise AnalysisError(
            f"model file {path} is not a readable affect branch: {exc}",
            hint="run scripts/train_affect_branch.py to write it again",
        ) from exc
    return AffectBranch(Branch(name, tensors), weight, bias, meta)


def branch_vectors(branches: Mapping[str, Floats] | None, name: str, n: int, model: str) -> Floats:
    """Return the pooled vectors of the branch called `name` for `n` texts, for `model`.

    Raise when the embedder did not run that branch (the analyzer built by
    build_analyzer always does for the models that need one).
    """
    found = (branches or {}).get(name)
    if found is None or len(found) != n:
        raise AnalysisError(
            f"{model} needs the vectors of its branch {name} for {n} texts",
            hint="run it with analysis.embedder = 'minilm', built by build_analyzer",
        )
    return found
