"""Opening stores: migrations on first use, SQLite pragmas, bad URLs."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from beatwire.errors import ConfigError, StoreError
from beatwire.store.engine import open_store, read_only_url
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


def _delete_journal_database(tmp_path: Path) -> Path:
    """Return a migrated SQLite file with one state row, in rollback-journal mode."""
    path = tmp_path / "shared.db"
    store = open_store(f"sqlite:///{path}")
    with store.begin() as conn:
        set_state(conn, "probe", "kept")
    store.engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    return path


def test_a_read_only_database_serves_reads_and_refuses_writes(tmp_path: Path) -> None:
    path = _delete_journal_database(tmp_path)
    store = open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    with store.read() as conn:
        assert (
            conn.execute(text("SELECT value FROM stage_state WHERE key = 'probe'")).scalar()
            == '"kept"'
        )
    with pytest.raises(StoreError, match="readonly"), store.begin() as conn:
        set_state(conn, "probe", "changed")


def test_a_file_this_process_cannot_write_is_opened_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _delete_journal_database(tmp_path)
    writable = f"sqlite:///{path}"
    assert read_only_url(writable) == writable
    monkeypatch.setattr(os, "access", lambda _p, mode: mode != os.W_OK)  # as a non-owner sees it
    assert read_only_url(writable) == f"sqlite:///file:{path.resolve()}?mode=ro&uri=true"
    with open_store(writable).read() as conn:
        assert conn.execute(text("SELECT count(*) FROM stage_state")).scalar() == 1


def test_a_read_only_database_at_an_older_schema_is_one_error(tmp_path: Path) -> None:
    path = _delete_journal_database(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    with pytest.raises(StoreError, match=r"read-only and its schema \(0001\) is older"):
        open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
