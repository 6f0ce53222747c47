"""Tombstones on SQLite and PostgreSQL: forgotten authors and records are dropped from batches."""

from __future__ import annotations

from sqlalchemy import func, select

from beatwire.store.engine import Store
from beatwire.store.forgotten import add_tombstones, author_key, drop_forgotten, record_key
from beatwire.store.schema import stage_state
from tests.store.builders import a_record


def test_an_author_key_ignores_case_spaces_and_a_leading_at() -> None:
    assert author_key(" @PG_Fan ") == author_key("pg_fan")
    assert author_key("pg_fan") != author_key("pg_fan2")


def test_a_key_names_no_one() -> None:
    assert "pg_fan" not in author_key("pg_fan")
    assert "1234" not in record_key("hackernews", "1234")


def test_a_record_key_depends_on_provider_and_native_id() -> None:
    assert record_key("hackernews", "1") != record_key("reddit", "1")
    assert record_key("hackernews", "1") != record_key("hackernews", "2")


def test_tombstones_are_stored_once(store: Store) -> None:
    with store.begin() as conn:
        add_tombstones(conn, [author_key("pg_fan"), author_key("pg_fan")])
        add_tombstones(conn, [author_key("pg_fan")])
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(stage_state)).scalar_one() == 1


def test_a_forgotten_author_is_dropped(store: Store) -> None:
    batch = [a_record("1", author="PG_fan"), a_record("2", author="other")]
    with store.begin() as conn:
        add_tombstones(conn, [author_key("pg_fan")])
        assert drop_forgotten(conn, batch) == [batch[1]]


def test_a_forgotten_record_is_dropped(store: Store) -> None:
    batch = [a_record("1"), a_record("2"), a_record("3", author=None)]
    with store.begin() as conn:
        add_tombstones(conn, [record_key("hackernews", "2")])
        assert drop_forgotten(conn, batch) == [batch[0], batch[2]]


def test_nothing_forgotten_keeps_the_whole_batch(store: Store) -> None:
    batch = [a_record("1"), a_record("2")]
    with store.read() as conn:
        assert drop_forgotten(conn, batch) == batch
        assert drop_forgotten(conn, []) == []
