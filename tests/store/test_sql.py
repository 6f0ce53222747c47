"""The SQL helpers on SQLite and PostgreSQL: upserts, batches, keysets, days and epochs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import func, literal, select

from beatwire.store.engine import Store
from beatwire.store.schema import narrative_members, narratives, records, source_cursors
from beatwire.store.sql import (
    as_utc,
    before_key,
    chunks,
    day_of,
    dialect_insert,
    epoch,
    fill_days,
    insert_tuples,
    tuples,
)
from tests.store.builders import MOMENT, a_narrative, a_record, add_records


def test_chunks_cut_a_sequence_into_slices_of_the_size() -> None:
    assert [list(chunk) for chunk in chunks(range(7), 3)] == [[0, 1, 2], [3, 4, 5], [6]]


def test_chunks_of_nothing_yield_nothing() -> None:
    assert list(chunks([], 3)) == []


def test_the_dialect_insert_skips_a_conflicting_row(store: Store) -> None:
    row = {"source": "hackernews", "cursor": "a", "updated_at": MOMENT}
    with store.begin() as conn:
        conn.execute(dialect_insert(conn, source_cursors).on_conflict_do_nothing(), [row])
        again = row | {"cursor": "b"}
        conn.execute(dialect_insert(conn, source_cursors).on_conflict_do_nothing(), [again])
    with store.read() as conn:
        assert conn.execute(select(source_cursors.c.cursor)).scalars().all() == ["a"]


def test_the_dialect_insert_updates_a_conflicting_row(store: Store) -> None:
    row = {"source": "hackernews", "cursor": "a", "updated_at": MOMENT}
    with store.begin() as conn:
        for cursor in ("a", "b"):
            statement = dialect_insert(conn, source_cursors).values(row | {"cursor": cursor})
            conn.execute(
                statement.on_conflict_do_update(index_elements=["source"], set_={"cursor": cursor})
            )
    with store.read() as conn:
        assert conn.execute(select(source_cursors.c.cursor)).scalars().all() == ["b"]


def test_before_key_reads_on_after_the_last_row_sent(store: Store) -> None:
    later = MOMENT + timedelta(hours=1)
    ids = add_records(
        store, a_record("1"), a_record("2"), a_record("3", published_at=later), a_record("4")
    )
    with store.read() as conn:
        condition = before_key(records.c.published_at, records.c.id, (MOMENT, ids[3]))
        query = select(records.c.id).where(condition).order_by(records.c.id)
        found = conn.execute(query).scalars().all()
    assert found == [ids[0], ids[1]]  # same time and a lower id; the later record came first


def test_before_key_without_a_key_keeps_every_row(store: Store) -> None:
    add_records(store, a_record("1"), a_record("2"))
    with store.read() as conn:
        condition = before_key(records.c.published_at, records.c.id, None)
        query = select(func.count()).select_from(records).where(condition)
        assert conn.execute(query).scalar_one() == 2


def test_day_of_gives_the_utc_day(store: Store) -> None:
    late_evening_east = datetime(2026, 11, 4, 1, 30, tzinfo=timezone(timedelta(hours=5)))
    add_records(store, a_record("1", published_at=late_evening_east))
    with store.read() as conn:
        assert conn.execute(select(day_of(conn, records.c.published_at))).scalar_one() == (
            "2026-11-03"
        )


def test_fill_days_gives_every_day_of_the_span() -> None:
    start, end = datetime(2026, 11, 1, 9, tzinfo=UTC), datetime(2026, 11, 4, 2, tzinfo=UTC)
    filled = fill_days({"2026-11-02": 5}, start, end, 0)
    assert filled == [("2026-11-01", 0), ("2026-11-02", 5), ("2026-11-03", 0), ("2026-11-04", 0)]


def test_fill_days_of_an_empty_span_is_empty() -> None:
    assert fill_days({}, MOMENT, MOMENT - timedelta(days=2), 0) == []


def test_epoch_gives_whole_seconds_since_1970(store: Store) -> None:
    add_records(store, a_record("1"))
    with store.read() as conn:
        seconds = conn.execute(select(epoch(conn, records.c.published_at))).scalar_one()
    assert seconds == int(MOMENT.timestamp())


def test_as_utc_reads_sqlite_text_as_aware_utc() -> None:
    assert as_utc("2026-11-03 14:05:00.000000") == MOMENT


def test_as_utc_keeps_aware_times_and_none() -> None:
    assert as_utc(MOMENT) == MOMENT
    assert as_utc(None) is None


def test_tuples_are_the_drivers_plain_tuples(store: Store) -> None:
    with store.read() as conn:
        rows = tuples(conn, select(literal(1), literal("a")))
    assert rows == [(1, "a")] and type(rows[0]) is tuple


def test_insert_tuples_stores_more_rows_than_one_statement_binds(store: Store) -> None:
    ids = add_records(store, *(a_record(str(n)) for n in range(600)))
    with store.begin() as conn:
        conn.execute(narratives.insert(), [a_narrative("nar_x")])
        insert_tuples(conn, narrative_members, ("narrative_id", "record_id"), [
            ("nar_x", rid) for rid in ids
        ])  # fmt: skip
    with store.read() as conn:
        count = conn.execute(select(func.count()).select_from(narrative_members)).scalar_one()
    assert count == 600  # 1,200 values: two statements


def test_insert_tuples_of_no_rows_does_nothing(store: Store) -> None:
    with store.begin() as conn:
        insert_tuples(conn, narrative_members, ("narrative_id", "record_id"), [])
    with store.read() as conn:
        count = conn.execute(select(func.count()).select_from(narrative_members)).scalar_one()
    assert count == 0
