"""The record store on SQLite and PostgreSQL: uniqueness, upserts, reading back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import func, select

from beatwire.model import Record
from beatwire.store.engine import Store
from beatwire.store.records import count_records, pending_analysis, records_by_id, upsert_records
from beatwire.store.schema import records

MOMENT = datetime(2026, 11, 3, 14, 5, tzinfo=UTC)


def a_record(native_id: str = "1", **changes: object) -> Record:
    base = Record(
        provider="hackernews",
        native_id=native_id,
        kind="story",
        text="A new open-weights model tops the coding leaderboard",
        title="Open model tops coding board",
        url=f"https://news.example.com/item?id={native_id}",
        author="pg_fan",
        published_at=MOMENT,
        collected_at=MOMENT + timedelta(minutes=5),
        engagement={"score": 10, "comments": 2},
        source="search:llm",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_upsert_inserts_new_records(store: Store) -> None:
    with store.begin() as conn:
        result = upsert_records(conn, [a_record("1"), a_record("2")])
    assert (result.inserted, result.updated) == (2, 0)
    with store.read() as conn:
        assert count_records(conn) == 2


def test_reingest_updates_engagement_only(store: Store) -> None:
    with store.begin() as conn:
        upsert_records(conn, [a_record("1")])
    changed = a_record("1", text="edited text", engagement={"score": 99, "comments": 7})
    with store.begin() as conn:
        result = upsert_records(conn, [changed])
    assert (result.inserted, result.updated) == (0, 1)
    with store.read() as conn:
        row = conn.execute(select(records)).mappings().one()
    assert row["engagement"] == {"score": 99, "comments": 7}
    assert row["text"] == "A new open-weights model tops the coding leaderboard"


def test_same_item_from_two_sources_is_one_record_knowing_both(store: Store) -> None:
    with store.begin() as conn:
        upsert_records(conn, [a_record("1", source="feed:publisher")])
        upsert_records(conn, [a_record("1", source="google-news:llm")])
    with store.read() as conn:
        rows = conn.execute(select(records.c.sources)).scalars().all()
    assert rows == [["feed:publisher", "google-news:llm"]]


def test_duplicates_inside_one_batch_are_stored_once(store: Store) -> None:
    with store.begin() as conn:
        result = upsert_records(conn, [a_record("1"), a_record("1", engagement={"score": 3})])
    assert result.inserted == 1
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(records)).scalar_one() == 1


def test_times_come_back_timezone_aware_utc(store: Store) -> None:
    plus_two = timezone(timedelta(hours=2))
    with store.begin() as conn:
        upsert_records(
            conn, [a_record("1", published_at=datetime(2026, 11, 3, 16, 5, tzinfo=plus_two))]
        )
    with store.read() as conn:
        stored = next(iter(records_by_id(conn, [1]).values()))
    assert stored.published_at == MOMENT
    assert stored.published_at.tzinfo is not None
    assert stored.published_at.utcoffset() == timedelta(0)


def test_pending_analysis_lists_unanalysed_records_in_id_order(store: Store) -> None:
    with store.begin() as conn:
        upsert_records(conn, [a_record(str(n)) for n in range(5)])
    with store.read() as conn:
        pending = pending_analysis(conn, limit=3)
    assert [p.native_id for p in pending] == ["0", "1", "2"]
    assert all(p.text for p in pending)


def test_large_batches_are_chunked(store: Store) -> None:
    batch = [a_record(str(n)) for n in range(1_250)]
    with store.begin() as conn:
        assert upsert_records(conn, batch).inserted == 1_250
    with store.begin() as conn:
        assert upsert_records(conn, batch).updated == 1_250
