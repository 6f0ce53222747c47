"""Robust baselines: median and MAD of a trailing window."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# MAD times this estimates the standard deviation of normal data.
MAD_TO_SIGMA = 1.4826


@dataclass(frozen=True, slots=True)
class Baseline:
    """Where a value usually sits, and how far it usually strays."""

    median: float
    spread: float  # MAD-based sigma, floored so quiet keys do not give infinite z-scores

    def z(self, value: float) -> float:
        """Return the robust z-score of `value` against this baseline."""
        return (value - self.median) / self.spread


def against(count: int, median: float, days: int) -> str:
    """Return "3.2 times its median of 10 a day over the previous 14 days" (or the median alone)."""
    if median < 1:
        return f"against a median of {median:g} a day over the previous {days} days"
    return (
        f"{count / median:.1f} times its median of {median:g} a day over the previous {days} days"
    )


def trailing_baseline(history: np.ndarray) -> Baseline:
    """Return the median/MAD baseline of `history` (the days before the one tested)."""
    median = float(np.median(history))
    mad = float(np.median(np.abs(history - median))) * MAD_TO_SIGMA
    # Counts are Poisson-like: their noise is at least sqrt(mean), whatever the MAD says.
    spread = max(mad, float(np.sqrt(max(median, 1.0))))
    return Baseline(median=median, spread=spread)
