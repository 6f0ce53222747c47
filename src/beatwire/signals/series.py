"""Daily series: counts and mean sentiment per key, on a fixed grid of UTC days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np


@dataclass(frozen=True, slots=True)
class DailySeries:
    """Counts per key on consecutive UTC days `days[0] .. days[-1]`."""

    days: list[date]
    counts: dict[str, np.ndarray]

    def window(self, index: int) -> tuple[datetime, datetime]:
        """Return the start and end (exclusive) of day `index` as UTC datetimes."""
        start = datetime.combine(self.days[index], datetime.min.time(), tzinfo=UTC)
        return start, start + timedelta(days=1)


def day_grid(first: date, last: date) -> list[date]:
    """Return every UTC day from `first` to `last`, both included."""
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


DAY_S = 86400


def day_index(times: np.ndarray, first_day_s: int) -> np.ndarray:
    """Return the UTC day number of each epoch time, counted from the day starting `first_day_s`."""
    return (times - first_day_s) // DAY_S


def keyed_daily_counts(
    keys: np.ndarray, days: np.ndarray, key_count: int, day_count: int
) -> np.ndarray:
    """Return a (key_count, day_count) matrix of how many rows fall on each key and day."""
    inside = (days >= 0) & (days < day_count) & (keys >= 0)
    flat = keys[inside] * day_count + days[inside]
    return np.bincount(flat, minlength=key_count * day_count).reshape(key_count, day_count)


def frame_series(names: list[str], matrix: np.ndarray, first: date) -> DailySeries:
    """Return a DailySeries of the rows of `matrix` named by `names`, from day `first`."""
    days = day_grid(first, first + timedelta(days=matrix.shape[1] - 1))
    return DailySeries(days=days, counts={name: matrix[i] for i, name in enumerate(names)})
