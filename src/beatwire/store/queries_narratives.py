"""Read queries for narratives (with their events and size over time) and signals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from beatwire.store.queries_common import before_key, day_of
from beatwire.store.schema import narrative_events, narrative_members, narratives, records, signals

_NARRATIVE = [column for column in narratives.c if column.name != "centroid"]


def list_narratives(
    conn: Connection,
    *,
    beat: str | None,
    status: str | None,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Return narratives, most recently updated first, after the keyset `after`."""
    query = select(*_NARRATIVE).where(before_key(narratives.c.updated_at, narratives.c.id, after))
    if beat is not None:
        query = query.where(narratives.c.beat == beat)
    if status is not None:
        query = query.where(narratives.c.status == status)
    query = query.order_by(narratives.c.updated_at.desc(), narratives.c.id.desc()).limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]


def narrative_row(conn: Connection, narrative_id: str) -> dict[str, Any] | None:
    """Return one narrative's row (without its centroid), or None."""
    query = select(*_NARRATIVE).where(narratives.c.id == narrative_id)
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)


def narrative_timeline(conn: Connection, narrative_id: str) -> list[dict[str, Any]]:
    """Return the narrative's events (born, grew, merged, split, faded), oldest first."""
    query = (
        select(narrative_events.c.kind, narrative_events.c.at, narrative_events.c.details)
        .where(narrative_events.c.narrative_id == narrative_id)
        .order_by(narrative_events.c.at, narrative_events.c.id)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def existing_narratives(conn: Connection, ids: set[str]) -> set[str]:
    """Return which of these ids are stored narratives."""
    if not ids:
        return set()
    query = select(narratives.c.id).where(narratives.c.id.in_(sorted(ids)))
    return set(conn.execute(query).scalars())


def narrative_series(conn: Connection, narrative_id: str) -> dict[str, int]:
    """Return, per UTC day, how many of the narrative's records were published that day."""
    day = day_of(conn, records.c.published_at)
    query = (
        select(day, func.count())
        .join(records, records.c.id == narrative_members.c.record_id)
        .where(narrative_members.c.narrative_id == narrative_id)
        .group_by(day)
        .order_by(day)
    )
    return {d: n for d, n in conn.execute(query)}


def list_signals(
    conn: Connection,
    *,
    kind: str | None,
    beat: str | None,
    since: datetime | None,
    until: datetime | None,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Return signals whose window ends in [since, until), newest window first."""
    query = select(signals).where(before_key(signals.c.window_end, signals.c.id, after))
    if kind is not None:
        query = query.where(signals.c.kind == kind)
    if beat is not None:
        query = query.where(signals.c.beat == beat)
    if since is not None:
        query = query.where(signals.c.window_end >= since)
    if until is not None:
        query = query.where(signals.c.window_end < until)
    query = query.order_by(signals.c.window_end.desc(), signals.c.id.desc()).limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]
