"""Volume spikes: a day whose count stands far above its usual level.

A day is a spike when its count has a robust z-score of `spike_z`, is `spike_ratio`
times the usual level, and is unlikely by chance at the usual rate (Poisson tail under
`spike_max_p`): no fixed count, so a source of 30 records a day and one of 30,000 are
held to the same test.

The usual level is the median/MAD of the same weekday over the past weeks, because
discussion has a weekly rhythm (quiet weekends) that a trailing median of days
blurs: a busy Monday is not news. Until enough such weekdays are on record, it is
the median/MAD of the trailing days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from beatwire.config import DetectSettings
from beatwire.signals.baseline import WEEK_DAYS, Baseline, same_weekday, trailing_baseline
from beatwire.signals.series import DailySeries


@dataclass(frozen=True, slots=True)
class Spike:
    """A key's day that passed every volume threshold."""

    key: str
    day_index: int
    count: int
    baseline: Baseline

    @property
    def ratio(self) -> float:
        """Return how many times the baseline median the day reached."""
        return self.count / max(self.baseline.median, 1.0)


def history_days(settings: DetectSettings) -> int:
    """Return how many days before a tested day its volume baseline may read."""
    return max(settings.baseline_days, WEEK_DAYS * settings.weekday_baseline_weeks)


def volume_baseline(
    counts: np.ndarray, index: int, weekday: str, settings: DetectSettings
) -> Baseline:
    """Return the same-weekday baseline of day `index`, or the trailing one if too few weeks."""
    weekdays = same_weekday(counts, index, settings.weekday_baseline_weeks)
    if len(weekdays) >= settings.weekday_baseline_min_weeks:
        return trailing_baseline(weekdays, weekday=weekday)
    return trailing_baseline(counts[max(0, index - settings.baseline_days) : index])


def volume_spikes(series: DailySeries, settings: DetectSettings, first: int = 0) -> list[Spike]:
    """Return every (key, day from `first`) whose count passes the z, ratio and chance tests."""
    found: list[Spike] = []
    # a day is tested once it has a few days of history before it
    first = max(first, min(settings.baseline_min_days, settings.baseline_days))
    for key, counts in sorted(series.counts.items()):
        for index in range(first, len(counts)):
            count = int(counts[index])
            if not count:
                continue
            weekday = f"{series.days[index]:%A}"
            baseline = volume_baseline(counts, index, weekday, settings)
            spike = Spike(key=key, day_index=index, count=count, baseline=baseline)
            if baseline.z(count) < settings.spike_z or spike.ratio < settings.spike_ratio:
                continue
            if baseline.surprise(count) <= settings.spike_max_p:
                found.append(spike)
    return found


def spikes_in_days(series: DailySeries, settings: DetectSettings, first: int) -> list[Spike]:
    """Return the volume spikes of `series` on day `first` or later."""
    return volume_spikes(series, settings, first)
