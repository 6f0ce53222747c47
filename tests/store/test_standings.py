"""Standings of trending models: downloads gained, likes and places by maker and by country."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from beatwire.sources.backfill import ingest_manifest
from beatwire.store.engine import Store
from beatwire.store.frames import Model, ModelDelta
from beatwire.store.standings import load_standings, period_bounds, standings
from tests.sources.test_ai_news_replay import script


def _at(day: str) -> int:
    return int(datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp())


# Mon 2025-10-06 .. Sun 2025-10-12 is 2025-W41; the Sunday before is in W40.
DAYS: dict[str, list[Model]] = {
    "2025-10-05": [("Qwen/A", "Qwen", 900, 10), ("openai/B", "openai", 500, 5)],
    "2025-10-06": [("Qwen/A", "Qwen", 1000, 11), ("openai/B", "openai", 600, 6)],
    "2025-10-07": [
        ("Qwen/A", "Qwen", 1100, 12),
        ("deepseek-ai/C", "deepseek-ai", 300, 40),
        ("someone-new/D", "someone-new", 50, 1),
    ],
}
DELTAS = [
    ModelDelta("Qwen/A", _at("2025-10-06"), 100, 100.0),
    ModelDelta("openai/B", _at("2025-10-06"), 100, 100.0),
    ModelDelta("Qwen/A", _at("2025-10-07"), 150, 150.0),
    ModelDelta("deepseek-ai/C", _at("2025-10-07"), 600, 600.0),
    ModelDelta("someone-new/D", _at("2025-10-07"), 50, 50.0),
    ModelDelta("openai/B", _at("2025-10-07"), 999, 999.0),  # off the list that day: not counted
]


def test_a_week_counts_the_gains_of_models_on_the_list_by_maker_and_country() -> None:
    week = standings(DAYS, DELTAS, "week", date(2025, 10, 8))
    assert (week.period, week.start, week.end, week.days) == (
        "2025-W41",
        date(2025, 10, 6),
        date(2025, 10, 12),
        2,
    )
    assert week.gained == 100 + 100 + 150 + 600 + 50
    assert [(g.key, g.gained, g.places) for g in week.countries] == [
        ("CN", 850, 2), ("US", 100, 1), ("unknown", 50, 1)
    ]  # fmt: skip
    assert week.share("country", "CN") == pytest.approx(850 / 1000)
    assert week.makers[0].key == "DeepSeek"
    assert week.makers[0].models == ("deepseek-ai/C",)
    chinese = week.countries[0]
    assert chinese.models == ("deepseek-ai/C", "Qwen/A")  # largest gain first
    assert chinese.likes == 12 + 40  # at each model's last snapshot of the week
    assert [m.model for m in week.newcomers] == ["deepseek-ai/C", "someone-new/D"]


def test_an_unlisted_maker_is_unknown_in_both_tables_and_never_guessed() -> None:
    day = standings(DAYS, DELTAS, "day", date(2025, 10, 7))
    unknown = next(m for m in day.models if m.model == "someone-new/D")
    assert (unknown.maker, unknown.country) == ("unknown", "unknown")
    assert "unknown" in {g.key for g in day.makers}


def test_the_first_period_has_no_newcomers_since_nothing_came_before() -> None:
    first = standings(DAYS, DELTAS, "week", date(2025, 10, 5))
    assert first.period == "2025-W40"
    assert first.newcomers == ()
    assert first.gained == 0  # its one day has no earlier snapshot to gain from


def test_a_day_is_its_own_period() -> None:
    assert period_bounds("day", date(2025, 10, 7)) == (
        date(2025, 10, 7), date(2025, 10, 7), "2025-10-07"
    )  # fmt: skip


def test_standings_of_the_replayed_corpus_name_the_real_makers(
    store: Store, tmp_path: Path
) -> None:
    script().convert(script().CORPUS, tmp_path, 12)  # the first six days of Hugging Face
    ingest_manifest(store, tmp_path / "manifest.tsv")
    with store.read() as conn:
        days = load_standings(conn, "day")
        weeks = load_standings(conn, "week")
        with pytest.raises(ValueError, match="period must be one of"):
            load_standings(conn, "month")
    assert len(days) >= 5
    assert weeks[0].start <= days[0].start and weeks[-1].end >= days[-1].end
    later = days[-1]
    assert later.gained > 0
    assert sum(g.share for g in later.countries) == pytest.approx(1.0)
    assert {g.key for g in later.countries} >= {"CN", "US"}
    assert all(len(g.models) == g.places for g in later.makers)
    assert sum(m.days for m in weeks[-1].models) >= len(weeks[-1].models)
    assert datetime.now(UTC).date() > later.end


def test_orgs_of_one_company_are_one_maker_in_the_standings() -> None:
    days: dict[str, list[Model]] = {
        "2025-10-06": [("Qwen/A", "Qwen", 900, 1), ("Wan-AI/V", "Wan-AI", 90, 1)],
        "2025-10-07": [("Qwen/A", "Qwen", 1000, 1), ("Wan-AI/V", "Wan-AI", 100, 1)],
    }
    deltas = [ModelDelta("Qwen/A", _at("2025-10-07"), 300, 300.0),
              ModelDelta("Wan-AI/V", _at("2025-10-07"), 200, 200.0)]  # fmt: skip
    day = standings(days, deltas, "day", date(2025, 10, 7))
    assert [(g.key, g.gained, g.places) for g in day.makers] == [("Alibaba", 500, 2)]
    assert {m.maker for m in day.models} == {"Alibaba"}
