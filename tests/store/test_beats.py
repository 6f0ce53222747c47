"""Reads by beat on SQLite and PostgreSQL: counts, windows, daily series and platform mixes."""

from __future__ import annotations

from datetime import timedelta

from beatwire.store.beats import (
    all_beat_days,
    beat_counts,
    beat_platform_days,
    beat_series,
    beat_windows,
    platform_mix,
)
from beatwire.store.engine import Store
from tests.store.builders import DAY, MOMENT, a_record, add_analysed, add_story, an_analysis

HOUR = timedelta(hours=1)


def seeded(store: Store) -> list[int]:
    """Agents: two records on day 0 (HN, Reddit) and one on day 1; policy: one on day 1."""
    return add_analysed(
        store,
        (a_record("1"), an_analysis(0, sentiment=0.5)),
        (a_record("2", provider="reddit"), an_analysis(0, sentiment=-0.1)),
        (a_record("3", published_at=MOMENT + DAY), an_analysis(0, sentiment=None)),
        (a_record("4", published_at=MOMENT + DAY), an_analysis(0, beats=("ai-policy",))),
    )


def test_beat_counts_give_records_recent_records_and_public_stories(store: Store) -> None:
    seeded(store)
    add_story(store)
    with store.read() as conn:
        counts = beat_counts(conn, MOMENT + HOUR)
    assert counts == {
        "ai-agents": {"records": 3, "recent": 1, "stories": 1},
        "ai-policy": {"records": 1, "recent": 1, "stories": 0},
    }


def test_a_held_story_is_not_counted(store: Store) -> None:
    seeded(store)
    add_story(store, published=False)
    with store.read() as conn:
        assert beat_counts(conn, MOMENT)["ai-agents"]["stories"] == 0


def test_beat_series_gives_records_and_mean_sentiment_per_day(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        series = beat_series(conn, "ai-agents", MOMENT - DAY, MOMENT + 2 * DAY)
    assert series.keys() == {"2026-11-03", "2026-11-04"}
    assert series["2026-11-03"][0] == 2 and abs(series["2026-11-03"][1] - 0.2) < 1e-9
    assert series["2026-11-04"] == (1, None)  # measured by nothing


def test_beat_series_stops_before_its_end(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        assert list(beat_series(conn, "ai-agents", MOMENT - DAY, MOMENT + DAY)) == ["2026-11-03"]


def test_beat_windows_count_the_last_day_week_and_those_before(store: Store) -> None:
    daily = [a_record(str(n), published_at=MOMENT - n * DAY - HOUR) for n in range(10)]
    add_analysed(store, *((record, an_analysis(0)) for record in daily))
    with store.read() as conn:
        windows = beat_windows(conn, "ai-agents", MOMENT)
    assert windows == {"day": 1, "prev_day": 1, "week": 7, "prev_week": 3, "all": 10}


def test_beat_platform_days_split_a_beat_by_day_and_platform(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        rows = sorted(beat_platform_days(conn, "ai-agents", MOMENT - DAY, MOMENT + 2 * DAY))
    assert rows == [
        ("2026-11-03", "hackernews", 1, 0.5), ("2026-11-03", "reddit", 1, -0.1),
        ("2026-11-04", "hackernews", 1, None),
    ]  # fmt: skip


def test_beat_platform_days_without_a_beat_take_every_record(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        rows = beat_platform_days(conn, None, MOMENT - DAY, MOMENT + 2 * DAY)
    assert sum(count for _, _, count, _ in rows) == 4


def test_all_beat_days_count_each_beat_per_day(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        days = all_beat_days(conn, MOMENT - DAY, MOMENT + 2 * DAY)
    assert days == {"ai-agents": {"2026-11-03": 2, "2026-11-04": 1}, "ai-policy": {"2026-11-04": 1}}


def test_platform_mix_is_most_records_first_then_by_name(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        assert list(platform_mix(conn, None, None).items()) == [("hackernews", 3), ("reddit", 1)]


def test_platform_mix_of_a_beat_since_a_time(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        assert platform_mix(conn, "ai-agents", MOMENT) == {"hackernews": 1}
        assert platform_mix(conn, "ai-agents", None) == {"hackernews": 2, "reddit": 1}
