"""The sentiment role: a label and a score in [-1, 1] per text, or "unmeasured".

Implementations (one file each) and the names they record in analysis rows:

    vader.py    "vader@3.3.2"    VADER's compound score with its usual +-0.05 thresholds
    linear.py   "vader_lr@2"     logistic regression over VADER's sub-scores and hashed
                "minilm_lr@3"    n-grams (plus sentence embeddings for minilm), with class scales
                "minilm_tuned_lr@4"  minilm_lr plus the fine-tuned affect branch's vectors
                "static_lr@2"    a stack (heads/stack.py): the lexical head and a static-embedding
                                 head, combined by a meta logistic regression
    none.py     "none"           pass-through: every text unmeasured

A result with label None and score None means "not measured" (a language the
model is not validated on, an empty text); aggregates leave it out. It is
never replaced by "neutral".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True, slots=True)
class SentimentResult:
    """One text's sentiment: a label and a score in [-1, 1], both None when unmeasured."""

    label: str | None
    score: float | None

    @property
    def measured(self) -> bool:
        """Return whether the text was measured."""
        return self.label is not None


UNMEASURED = SentimentResult(None, None)


class SentimentModel(Protocol):
    """Scores the sentiment of texts; `name` is recorded with every row it makes."""

    name: str

    def score(
        self,
        texts: list[str],
        langs: list[str | None],
        embeddings: npt.NDArray[np.float32] | None = None,
        branches: Mapping[str, npt.NDArray[np.float32]] | None = None,
    ) -> list[SentimentResult]:
        """Return one result per text; unvalidated languages come back unmeasured."""
        ...
