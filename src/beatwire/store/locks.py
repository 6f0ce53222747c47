"""Lease locks in the store: one holder at a time per name, across processes and machines.

A lease expires on its own, so a holder killed with SIGKILL blocks nobody for
longer than its time-to-live.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from beatwire.model import now_utc
from beatwire.store.schema import stage_state

_PREFIX = "lock:"


def acquire(conn: Connection, name: str, owner: str, ttl: timedelta) -> bool:
    """Take the lease `name` for `owner` (or renew it); return False when another holds it."""
    key, moment = _PREFIX + name, now_utc()
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


def release(conn: Connection, name: str, owner: str) -> None:
    """Give the lease `name` back if `owner` holds it."""
    key = _PREFIX + name
    row = conn.execute(select(stage_state.c.value).where(stage_state.c.key == key)).first()
    if row is not None and row.value["owner"] == owner:
        conn.execute(delete(stage_state).where(stage_state.c.key == key))
