"""Pass-through sentiment: every text unmeasured, so the step can be skipped."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from beatwire.analysis.sentiment._base import UNMEASURED, SentimentResult


class NoSentiment:
    """Measures nothing."""

    name = "none"

    def score(
        self,
        texts: list[str],
        langs: list[str | None],
        embeddings: npt.NDArray[np.float32] | None = None,
        branches: Mapping[str, npt.NDArray[np.float32]] | None = None,
    ) -> list[SentimentResult]:
        """Return an unmeasured result for every text."""
        return [UNMEASURED] * len(texts)
