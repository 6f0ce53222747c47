"""The volume baseline: the same weekday over past weeks, or the trailing days when too few."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from beatwire.config import DetectSettings, load_settings
from beatwire.signals.baseline import Baseline, same_weekday, trailing_baseline
from beatwire.signals.series import DailySeries, day_grid
from beatwire.signals.volume import history_days, volume_baseline, volume_spikes
from beatwire.store.engine import open_store
from beatwire.web.context.about import methodology_context

MONDAY = date(2026, 10, 5)
WEEK = [40, 40, 40, 40, 40, 10, 10]  # Monday .. Sunday: busy weekdays, quiet weekends


def series_of(counts: list[int]) -> DailySeries:
    return DailySeries(
        days=day_grid(MONDAY, date.fromordinal(MONDAY.toordinal() + len(counts) - 1)),
        counts={"ai-jobs": np.array(counts)},
    )


def test_same_weekday_reads_back_whole_weeks_and_stops_at_the_first_day() -> None:
    counts = np.arange(30)
    assert same_weekday(counts, 29, weeks=6).tolist() == [22, 15, 8, 1]
    assert same_weekday(counts, 6, weeks=6).tolist() == []


def test_a_busy_saturday_is_a_spike_against_past_saturdays() -> None:
    counts = WEEK * 5 + [40, 40, 40, 40, 40, 35]  # the sixth Saturday draws 35
    (spike,) = volume_spikes(series_of(counts), DetectSettings())
    assert (spike.day_index, spike.count) == (40, 35)
    assert spike.baseline == Baseline(
        median=10.0, spread=np.sqrt(10), days=5, weekday="Saturday", mean=10.0
    )
    assert spike.ratio == 3.5


def test_the_trailing_days_hide_a_weekend_spike_behind_the_busy_weekdays() -> None:
    counts = WEEK * 5 + [40, 40, 40, 40, 40, 35]
    trailing_only = DetectSettings(weekday_baseline_min_weeks=99)
    assert volume_spikes(series_of(counts), trailing_only) == []


def test_a_weekly_peak_is_not_news_against_past_weeks() -> None:
    week = [60, 20, 20, 20, 20, 20, 20]  # every Monday is three times as busy
    counts = week * 6 + [60]
    seasonal = [s.day_index for s in volume_spikes(series_of(counts), DetectSettings())]
    # until four past Mondays are on record the trailing days decide, and Mondays stand out
    assert seasonal == [7, 14, 21]
    trailing_only = DetectSettings(weekday_baseline_min_weeks=99)
    trailing = [s.day_index for s in volume_spikes(series_of(counts), trailing_only)]
    assert trailing == [7, 14, 21, 28, 35, 42]


def test_too_few_past_weeks_fall_back_to_the_trailing_days() -> None:
    counts = np.array(WEEK * 3 + [40])
    settings = DetectSettings(weekday_baseline_weeks=6, weekday_baseline_min_weeks=4)
    baseline = volume_baseline(counts, 21, "Monday", settings)
    assert (baseline.weekday, baseline.days, baseline.kind) == (None, 14, "trailing_days")
    assert baseline.median == 40.0
    enough = DetectSettings(weekday_baseline_weeks=6, weekday_baseline_min_weeks=3)
    seasonal = volume_baseline(counts, 21, "Monday", enough)
    assert (seasonal.weekday, seasonal.days, seasonal.kind) == ("Monday", 3, "same_weekday")


def test_the_weekday_baseline_reads_no_further_back_than_its_weeks() -> None:
    counts = np.array([500] * 7 + [10] * 42 + [10])
    baseline = volume_baseline(counts, 49, "Monday", DetectSettings(weekday_baseline_weeks=6))
    assert (baseline.median, baseline.days) == (10.0, 6)
    assert history_days(DetectSettings(weekday_baseline_weeks=6, baseline_days=14)) == 42
    assert history_days(DetectSettings(weekday_baseline_weeks=1, baseline_days=14)) == 14


def test_the_chance_test_holds_against_a_weekday_baseline() -> None:
    """20 on a Saturday is a surprise at Saturdays' 1 a day, not at weekdays' 4 (tested too)."""
    counts = [4, 4, 4, 4, 4, 1, 1] * 5 + [4, 4, 4, 4, 4, 20]
    (spike,) = volume_spikes(series_of(counts), DetectSettings())
    assert spike.baseline.weekday == "Saturday"
    assert spike.baseline.surprise(20) <= DetectSettings().spike_max_p
    assert volume_spikes(series_of(counts), DetectSettings(spike_max_p=1e-30)) == []


def test_only_days_from_first_are_tested() -> None:
    counts = [10] * 7 + [90] + [10] * 6
    assert [s.day_index for s in volume_spikes(series_of(counts), DetectSettings())] == [7]
    assert volume_spikes(series_of(counts), DetectSettings(), first=8) == []


@pytest.mark.parametrize(
    ("baseline", "text"),
    [
        (
            Baseline(10.0, 3.0, days=14),
            "3.2 times its median of 10 a day over the previous 14 days",
        ),
        (
            Baseline(10.0, 3.0, 6, "Tuesday"),
            "3.2 times its median of 10 on the previous 6 Tuesdays",
        ),
        (Baseline(0.5, 1.0, 4, "Sunday"), "against a median of 0.5 on the previous 4 Sundays"),
        (Baseline(0.0, 1.0, days=3), "against a median of 0 a day over the previous 3 days"),
    ],
)
def test_the_sentence_names_the_baseline_it_used(baseline: Baseline, text: str) -> None:
    assert baseline.against(32) == text


def test_trailing_baseline_counts_the_days_it_summarises() -> None:
    baseline = trailing_baseline(np.array([5, 7, 6, 30]))
    assert (baseline.median, baseline.days, baseline.weekday) == (6.5, 4, None)


def test_the_methodology_page_lists_the_weekday_baseline_settings(sqlite_url: str) -> None:
    settings = load_settings(None, db=sqlite_url)
    settings.detect.weekday_baseline_min_weeks = 5
    store = open_store(sqlite_url)
    try:
        shown = {row.name: row.value for row in methodology_context(store, settings).settings}
    finally:
        store.close()
    assert shown["detect.weekday_baseline_weeks"] == "6"
    assert shown["detect.weekday_baseline_min_weeks"] == "5"
