"""Cursors, stage state and stage runs: how far each part of the system has got."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from beatwire.model import now_utc
from beatwire.store.schema import source_cursors, stage_runs, stage_state


def _upsert(conn: Connection, table: Any, key: str, values: dict[str, Any]) -> None:
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    changes = {name: value for name, value in values.items() if name != key}
    conn.execute(
        insert(table).values(**values).on_conflict_do_update(index_elements=[key], set_=changes)
    )


def get_cursor(conn: Connection, source: str) -> str | None:
    """Return the stored cursor of `source`, or None before its first page."""
    return conn.execute(
        select(source_cursors.c.cursor).where(source_cursors.c.source == source)
    ).scalar_one_or_none()


def set_cursor(conn: Connection, source: str, cursor: str | None) -> None:
    """Store the cursor of `source` (call it in the transaction that stores the page's records)."""
    values = {"source": source, "cursor": cursor, "updated_at": now_utc()}
    _upsert(conn, source_cursors, "source", values)


def get_state(conn: Connection, key: str) -> Any:
    """Return the stage state stored under `key`, or None."""
    return conn.execute(
        select(stage_state.c.value).where(stage_state.c.key == key)
    ).scalar_one_or_none()


def set_state(conn: Connection, key: str, value: Any) -> None:
    """Store `value` (JSON-serialisable) under `key`."""
    _upsert(conn, stage_state, "key", {"key": key, "value": value, "updated_at": now_utc()})


def start_run(conn: Connection, stage: str) -> int:
    """Record that `stage` started; return the run's id."""
    result = conn.execute(
        stage_runs.insert().values(stage=stage, started_at=now_utc(), status="running", report={})
    )
    (run_id,) = result.inserted_primary_key or (0,)
    return int(run_id)


def finish_run(
    conn: Connection, run_id: int, *, report: dict[str, Any], error: str | None = None
) -> None:
    """Record how the run ended."""
    conn.execute(
        update(stage_runs)
        .where(stage_runs.c.id == run_id)
        .values(
            finished_at=now_utc(),
            status="error" if error else "ok",
            report=report,
            error=error,
        )
    )


def last_runs(conn: Connection) -> dict[str, dict[str, Any]]:
    """Return the newest run of each stage, by stage name."""
    newest: dict[str, dict[str, Any]] = {}
    for row in conn.execute(select(stage_runs).order_by(stage_runs.c.id)).mappings():
        newest[row["stage"]] = dict(row)
    return newest


def all_cursors(conn: Connection) -> list[dict[str, Any]]:
    """Return every source's cursor and when it last moved."""
    query = select(source_cursors).order_by(source_cursors.c.source)
    return [dict(row) for row in conn.execute(query).mappings()]
