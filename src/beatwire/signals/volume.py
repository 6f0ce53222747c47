"""Volume spikes: a day whose count stands far above its trailing baseline."""

from __future__ import annotations

from dataclasses import dataclass

from beatwire.config import DetectSettings
from beatwire.signals.baseline import Baseline, trailing_baseline
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


def volume_spikes(series: DailySeries, settings: DetectSettings) -> list[Spike]:
    """Return every (key, day) whose count passes the z, ratio and minimum-count thresholds."""
    found: list[Spike] = []
    span = settings.baseline_days
    for key, counts in sorted(series.counts.items()):
        for index in range(min(settings.baseline_min_days, span), len(counts)):
            count = int(counts[index])
            if count < settings.spike_min_count:
                continue
            baseline = trailing_baseline(counts[max(0, index - span) : index])
            spike = Spike(key=key, day_index=index, count=count, baseline=baseline)
            if baseline.z(count) >= settings.spike_z and spike.ratio >= settings.spike_ratio:
                found.append(spike)
    return found


def spikes_in_days(series: DailySeries, settings: DetectSettings, first: int) -> list[Spike]:
    """Return the volume spikes of `series` on day `first` or later."""
    return [spike for spike in volume_spikes(series, settings) if spike.day_index >= first]
