"""Robust baselines: median and MAD of the trailing days, or of the same weekday in past weeks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# MAD times this estimates the standard deviation of normal data.
MAD_TO_SIGMA = 1.4826
WEEK_DAYS = 7


@dataclass(frozen=True, slots=True)
class Baseline:
    """Where a value usually sits, how far it usually strays, and which past days say so."""

    median: float
    spread: float  # MAD-based sigma, floored so quiet keys do not give infinite z-scores
    days: int = 0  # how many past days it summarises
    weekday: str | None = None  # "Tuesday" when it summarises only that weekday of past weeks

    def z(self, value: float) -> float:
        """Return the robust z-score of `value` against this baseline."""
        return (value - self.median) / self.spread

    @property
    def kind(self) -> str:
        """Return "same_weekday" or "trailing_days", as signal details name the baseline."""
        return "trailing_days" if self.weekday is None else "same_weekday"

    def against(self, count: int) -> str:
        """Return "3.2 times its median of 10 a day over the previous 14 days" (or "6 Tuesdays")."""
        if self.weekday is None:
            over = f"a day over the previous {self.days} days"
        else:
            over = f"on the previous {self.days} {self.weekday}s"
        if self.median < 1:
            return f"against a median of {self.median:g} {over}"
        return f"{count / self.median:.1f} times its median of {self.median:g} {over}"


def trailing_baseline(history: np.ndarray, weekday: str | None = None) -> Baseline:
    """Return the median/MAD baseline of `history`: the past days a tested day is against."""
    median = float(np.median(history))
    mad = float(np.median(np.abs(history - median))) * MAD_TO_SIGMA
    # Counts are Poisson-like: their noise is at least sqrt(mean), whatever the MAD says.
    spread = max(mad, float(np.sqrt(max(median, 1.0))))
    return Baseline(median=median, spread=spread, days=len(history), weekday=weekday)


def same_weekday(counts: np.ndarray, index: int, weeks: int) -> np.ndarray:
    """Return the counts on day `index`'s weekday in the `weeks` weeks before it, if on record."""
    past = index - WEEK_DAYS * np.arange(1, weeks + 1)
    return counts[past[past >= 0]]
