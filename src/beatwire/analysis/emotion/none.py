"""Pass-through emotion model: no scores, so the step can be skipped."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt


class NoEmotion:
    """Measures nothing."""

    name = "none"

    def score(
        self,
        texts: list[str],
        langs: list[str | None],
        embeddings: npt.NDArray[np.float32] | None = None,
        branches: Mapping[str, npt.NDArray[np.float32]] | None = None,
    ) -> list[dict[str, float]]:
        """Return an empty score table for every text."""
        return [{} for _ in texts]
