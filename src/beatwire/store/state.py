"""Cursors, stage state, stage runs and leases: how far each part of the system has got.

A lease is one holder at a time per name, across processes and machines. It
expires on its own, so a holder killed with SIGKILL blocks nobody for longer
than its time-to-live.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from beatwire.model import now_utc
from beatwire.store.schema import source_cursors, stage_runs, stage_state
from beatwire.store.sql import dialect_insert

_LEASE = "lock:"  # prefix of the stage_state keys that hold leases


def _upsert(conn: Connection, table: Table, key: str, values: dict[str, Any]) -> None:
    changes = {name: value for name, value in values.items() if name != key}
    statement = dialect_insert(conn, table).values(**values)
    conn.execute(statement.on_conflict_do_update(index_elements=[key], set_=changes))


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


def delete_runs_before(conn: Connection, cutoff: datetime) -> int:
    """Delete the finished runs that started before `cutoff`; return how many."""
    query = delete(stage_runs).where(
        stage_runs.c.started_at < cutoff, stage_runs.c.status != "running"
    )
    return int(conn.execute(query).rowcount)


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


def acquire_lease(conn: Connection, name: str, owner: str, ttl: timedelta) -> bool:
    """Take the lease `name` for `owner` (or renew it); return False when another holds it."""
    key, moment = _LEASE + name, now_utc()
    value = {"owner": owner, "expires": (moment + ttl).isoformat()}
    query = select(stage_state.c.value, stage_state.c.updated_at).where(stage_state.c.key == key)
    row = conn.execute(query).first()
    if row is None:
        try:
            with conn.begin_nested():
                conn.execute(insert(stage_state).values(key=key, value=value, updated_at=moment))
        except IntegrityError:
            return False  # another process took it between our read and our insert
        return True
    held = row.value
    if held["owner"] != owner and held["expires"] > moment.isoformat():
        return False
    # Compare-and-set on the value we read, so two takers of an expired lease cannot both win.
    result = conn.execute(
        update(stage_state)
        .where(stage_state.c.key == key, stage_state.c.updated_at == row.updated_at)
        .values(value=value, updated_at=moment)
    )
    return result.rowcount == 1


def release_lease(conn: Connection, name: str, owner: str) -> None:
    """Give the lease `name` back if `owner` holds it."""
    key = _LEASE + name
    row = conn.execute(select(stage_state.c.value).where(stage_state.c.key == key)).first()
    if row is not None and row.value["owner"] == owner:
        conn.execute(delete(stage_state).where(stage_state.c.key == key))
