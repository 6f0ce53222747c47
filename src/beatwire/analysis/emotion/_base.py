"""The emotion role: a score for each of the ten published registers, per text.

Implementations (one file each) and the names they record in analysis rows:

    combined.py  "lexical_emotion@2"  trained head (TweetEval emotion) + cue rules
                 "minilm_emotion@2"   the same with a MiniLM-embedding head
                 "minilm_emotion@2+tuned_affect@1"  the same mixed with a fine-tuned
                                      branch of MiniLM's top layers (heads/affect_branch.py)
                 "static_emotion@1"   the same with a stack: lexical + static-embedding heads
    none.py      "none"               pass-through: no scores, no register

Scores are non-negative and sum to 1 over the ten registers; the register is the arg-max.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import numpy as np
import numpy.typing as npt

REGISTERS = (
    "enthusiasm", "optimism", "curiosity", "humor", "informational",
    "skepticism", "concern", "anger", "fear", "sadness",
)  # fmt: skip


class EmotionModel(Protocol):
    """Scores the emotional register of texts; `name` is recorded with every row it makes."""

    name: str

    def score(
        self,
        texts: list[str],
        langs: list[str | None],
        embeddings: npt.NDArray[np.float32] | None = None,
        branches: Mapping[str, npt.NDArray[np.float32]] | None = None,
    ) -> list[dict[str, float]]:
        """Return, per text, a score for each register (empty when not measured).

        `branches`: pooled vectors of the embedder's task branches, by branch name
        (embedding/_base.py `Encoding`), for a model that has one.
        """
        ...


def top_register(scores: dict[str, float]) -> str | None:
    """Return the register with the highest score (ties by name), or None for no scores."""
    return max(scores, key=lambda k: (scores[k], k)) if scores else None
