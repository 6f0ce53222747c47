"""Engagement snapshots on SQLite and PostgreSQL: kept per collection, read from earlier days."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select

from beatwire.model import Snapshot
from beatwire.store.engine import Store
from beatwire.store.schema import engagement_snapshots
from beatwire.store.snapshots import (
    day_start,
    expire_snapshots,
    keep_snapshots,
    previous_snapshots,
)
from tests.store.builders import DAY, MOMENT, a_record


def models(collected_at: datetime, downloads: int, *ids: str) -> list:
    return [
        a_record(
            native_id, provider="huggingface", kind="model", collected_at=collected_at,
            engagement={"downloads": downloads},
        )
        for native_id in ids
    ]  # fmt: skip


def snapshots(store: Store) -> list[tuple[str, datetime, dict[str, int]]]:
    table = engagement_snapshots.c
    with store.read() as conn:
        query = select(table.native_id, table.snapshot_at, table.engagement)
        return [tuple(row) for row in conn.execute(query.order_by(table.snapshot_at))]


def test_day_start_is_midnight_utc() -> None:
    east = datetime(2026, 11, 4, 1, 30, tzinfo=timezone(timedelta(hours=5)))
    assert day_start(east) == datetime(2026, 11, 3, tzinfo=UTC)


def test_each_record_of_a_page_is_one_snapshot(store: Store) -> None:
    batch = models(MOMENT, 10, "org/a", "org/b", "org/a")
    with store.begin() as conn:
        assert keep_snapshots(conn, batch) == 2
    assert snapshots(store) == [
        ("org/a", MOMENT, {"downloads": 10}), ("org/b", MOMENT, {"downloads": 10}),
    ]  # fmt: skip


def test_a_replayed_page_adds_no_snapshot(store: Store) -> None:
    with store.begin() as conn:
        keep_snapshots(conn, models(MOMENT, 10, "org/a"))
        keep_snapshots(conn, models(MOMENT, 99, "org/a"))
    assert snapshots(store) == [("org/a", MOMENT, {"downloads": 10})]


def test_keeping_snapshots_never_drops_history(store: Store) -> None:
    old = MOMENT - 400 * DAY  # a backfill reaches far back: its history stays
    with store.begin() as conn:
        keep_snapshots(conn, models(old, 1, "org/a"))
        keep_snapshots(conn, models(MOMENT, 2, "org/a"))
    assert snapshots(store) == [
        ("org/a", old, {"downloads": 1}),
        ("org/a", MOMENT, {"downloads": 2}),
    ]


def test_expiring_drops_the_snapshots_before_the_cutoff(store: Store) -> None:
    with store.begin() as conn:
        keep_snapshots(conn, models(MOMENT - 2 * DAY, 1, "org/a"))
        keep_snapshots(conn, models(MOMENT, 2, "org/a"))
        assert expire_snapshots(conn, MOMENT - DAY) == 1
    assert snapshots(store) == [("org/a", MOMENT, {"downloads": 2})]


def test_a_snapshot_is_keyed_like_its_record(store: Store) -> None:
    paper = a_record(
        "2601.00001", provider="arxiv", kind="paper", collected_at=MOMENT, engagement={"upvotes": 4}
    )
    model = models(MOMENT, 3, "org/a")[0]
    with store.begin() as conn:
        keep_snapshots(conn, [paper, model])
        later = [replace(record, collected_at=MOMENT + DAY) for record in (paper, model)]
        found = previous_snapshots(conn, later)
    table = engagement_snapshots.c
    with store.read() as conn:
        rows = set(conn.execute(select(table.provider, table.native_id)).all())
    assert rows == {("arxiv", "2601.00001"), ("huggingface", "org/a")}
    assert found == {
        "2601.00001": Snapshot(MOMENT, {"upvotes": 4}),
        "org/a": Snapshot(MOMENT, {"downloads": 3}),
    }


def test_previous_snapshots_are_the_latest_of_an_earlier_day(store: Store) -> None:
    with store.begin() as conn:
        keep_snapshots(conn, models(MOMENT - 2 * DAY, 1, "org/a"))
        keep_snapshots(conn, models(MOMENT - DAY, 5, "org/a"))
        keep_snapshots(conn, models(MOMENT - timedelta(hours=1), 7, "org/a"))
        found = previous_snapshots(conn, models(MOMENT, 9, "org/a", "org/new"))
    assert found == {"org/a": Snapshot(MOMENT - DAY, {"downloads": 5})}  # not today's


def test_previous_snapshots_of_no_records_are_empty(store: Store) -> None:
    with store.read() as conn:
        assert previous_snapshots(conn, []) == {}
