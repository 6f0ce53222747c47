"""Opening stores: migrations on first use, SQLite pragmas, bad URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from beatwire.errors import ConfigError, StoreError
from beatwire.store.engine import open_store
from beatwire.store.state import set_state

TABLES = {
    "records",
    "raw_pages",
    "analyses",
    "record_beats",
    "record_entities",
    "embeddings",
    "narratives",
    "narrative_members",
    "narrative_events",
    "signals",
    "stories",
    "story_versions",
    "citations",
    "source_cursors",
    "stage_state",
    "stage_runs",
    "api_keys",
}


def test_first_use_creates_every_table(db_url: str) -> None:
    store = open_store(db_url)
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    store.close()


def test_opening_twice_keeps_the_data(db_url: str) -> None:
    first = open_store(db_url)
    with first.begin() as conn:
        set_state(conn, "k", 1)
    first.close()
    second = open_store(db_url)
    with second.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM stage_state")).scalar_one() == 1
    second.close()


def test_sqlite_uses_wal_and_foreign_keys(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    with store.read() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    store.close()


def test_unsupported_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unsupported database URL"):
        open_store("mysql://nobody@localhost/db")


def test_unreachable_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the database"):
        open_store(f"sqlite:///{tmp_path}/missing/dir/beatwire.db")
