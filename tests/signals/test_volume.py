"""Volume spikes against a median/MAD baseline."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np

from beatwire.config import DetectSettings
from beatwire.signals.baseline import trailing_baseline
from beatwire.signals.series import (
    DailySeries,
    day_grid,
    day_index,
    frame_series,
    keyed_daily_counts,
)
from beatwire.signals.volume import volume_spikes

DAYS = day_grid(date(2026, 11, 1), date(2026, 11, 21))


def series_of(counts: list[int]) -> DailySeries:
    return DailySeries(days=DAYS[: len(counts)], counts={"ai-jobs": np.array(counts)})


def test_a_day_far_above_the_trailing_median_is_a_spike() -> None:
    counts = [20, 22, 19, 21, 18, 20, 23, 21, 20, 19, 22, 20, 21, 18, 90]
    (spike,) = volume_spikes(series_of(counts), DetectSettings())
    assert (spike.key, spike.day_index, spike.count) == ("ai-jobs", 14, 90)
    assert spike.baseline.median == 20.0
    assert spike.ratio == 4.5


def test_ordinary_noise_is_not_a_spike() -> None:
    counts = [20, 25, 15, 22, 18, 27, 14, 21, 20, 26, 16, 20, 23, 19, 30]
    assert volume_spikes(series_of(counts), DetectSettings()) == []


def test_a_quiet_key_spikes_when_its_count_is_unlikely_at_its_rate() -> None:
    """No fixed count: 12 where 1 a day is usual is a spike; 5 is not (chance 0.004)."""
    usual = [1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1, 2, 1]
    (spike,) = volume_spikes(series_of([*usual, 12]), DetectSettings())
    assert spike.count == 12 and spike.baseline.least_count(0.001) == 6
    assert volume_spikes(series_of([*usual, 5]), DetectSettings()) == []
    assert len(volume_spikes(series_of([*usual, 5]), DetectSettings(spike_max_p=0.01))) == 1


def test_a_usually_silent_key_needs_a_handful_not_one_record() -> None:
    silent = [0] * 14
    assert volume_spikes(series_of([*silent, 4]), DetectSettings()) == []
    (spike,) = volume_spikes(series_of([*silent, 5]), DetectSettings())
    assert spike.baseline.rate == 0.5


def test_days_before_a_full_baseline_are_not_tested() -> None:
    counts = [20, 200]
    assert volume_spikes(series_of(counts), DetectSettings()) == []


def test_poisson_floor_keeps_a_flat_history_from_giving_infinite_z() -> None:
    baseline = trailing_baseline(np.array([10] * 14))
    assert baseline.spread == np.sqrt(10)
    assert round(baseline.z(20), 2) == 3.16


def test_daily_counts_bin_by_utc_day_and_drop_moments_off_the_grid() -> None:
    start = datetime(2026, 11, 1, 23, 30, tzinfo=UTC)
    moments = [start, start + timedelta(hours=1), datetime(2025, 1, 1, tzinfo=UTC)]
    first_day_s = int(datetime(2026, 11, 1, tzinfo=UTC).timestamp())
    days = day_index(np.array([int(m.timestamp()) for m in moments]), first_day_s)
    matrix = keyed_daily_counts(np.array([0, 0, 1]), days, key_count=2, day_count=3)
    series = frame_series(["a", "b"], matrix, DAYS[0])
    assert series.days == DAYS[:3]
    assert series.counts["a"].tolist() == [1, 1, 0]
    assert series.counts["b"].sum() == 0  # a moment off the grid counts nowhere
