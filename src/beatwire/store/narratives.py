"""The narratives, narrative_members and narrative_events tables: a detect pass's clusters.

A narrative is a cluster of records that keeps its id across windows; its events
(born, grew, merged, split, faded) are its lineage.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, update

from beatwire.store.records import published_since
from beatwire.store.schema import (
    analyses,
    narrative_events,
    narrative_members,
    narratives,
    records,
)
from beatwire.store.sql import before_key, chunks, day_of, insert_tuples

_COLUMNS = [column for column in narratives.c if column.name != "centroid"]


def clear_from(conn: Connection, since: datetime) -> None:
    """Delete what a pass from `since` recomputes: later events, members and newborn narratives."""
    conn.execute(delete(narrative_events).where(narrative_events.c.at >= since))
    recent = published_since(conn, since)
    if recent is None:  # every record is recomputed: no million-id subquery
        conn.execute(delete(narrative_members))
    else:
        later = select(records.c.id).where(recent)
        conn.execute(delete(narrative_members).where(narrative_members.c.record_id.in_(later)))
    born = select(narratives.c.id).where(narratives.c.born_at >= since)
    conn.execute(delete(narrative_members).where(narrative_members.c.narrative_id.in_(born)))
    conn.execute(delete(narrative_events).where(narrative_events.c.narrative_id.in_(born)))
    conn.execute(delete(narratives).where(narratives.c.born_at >= since))


def save_narratives(
    conn: Connection,
    rows: Sequence[dict[str, Any]],
    members: Sequence[tuple[str, int]],
    events: Sequence[dict[str, Any]],
) -> None:
    """Store narratives (replacing rows with the same ids), new members and lineage events."""
    ids = [row["id"] for row in rows]
    old: dict[str, Any] = {}
    for chunk in chunks(ids):
        query = select(narratives.c.id, narratives.c.born_at).where(narratives.c.id.in_(chunk))
        old.update({row[0]: row[1] for row in conn.execute(query)})
        conn.execute(delete(narratives).where(narratives.c.id.in_(chunk)))
    for row in rows:
        row["born_at"] = old.get(row["id"], row["born_at"])  # a narrative keeps its birthday
    if rows:
        conn.execute(narratives.insert(), list(rows))
    insert_tuples(conn, narrative_members, ("narrative_id", "record_id"), members)
    sizes = member_counts(conn, ids)
    if sizes:  # members from earlier passes count too
        statement = (
            update(narratives)
            .where(narratives.c.id == bindparam("_id"))
            .values(size=bindparam("_size"))
        )
        conn.execute(statement, [{"_id": nid, "_size": size} for nid, size in sizes.items()])
    if events:
        conn.execute(narrative_events.insert(), list(events))


def assignments(conn: Connection, start: datetime, end: datetime) -> dict[str, dict[int, str]]:
    """Return, per beat, record id -> narrative id for members published in [start, end)."""
    query = (
        select(
            analyses.c.primary_beat, narrative_members.c.record_id, narrative_members.c.narrative_id
        )
        .join(records, records.c.id == narrative_members.c.record_id)
        .join(analyses, analyses.c.record_id == records.c.id)
        .where(records.c.published_at >= start, records.c.published_at < end)
    )
    found: dict[str, dict[int, str]] = {}
    rows: list[tuple[str, int, str]] = [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]
    for beat, record_id, narrative in rows:
        found.setdefault(str(beat), {})[int(record_id)] = str(narrative)
    return found


def born_at(conn: Connection, ids: Iterable[str]) -> dict[str, datetime]:
    """Return when each stored narrative of `ids` was born."""
    found: dict[str, datetime] = {}
    for chunk in chunks(sorted(set(ids))):
        query = select(narratives.c.id, narratives.c.born_at).where(narratives.c.id.in_(chunk))
        found.update({row[0]: row[1] for row in conn.execute(query)})
    return found


def member_counts(conn: Connection, ids: Sequence[str]) -> dict[str, int]:
    """Return how many stored members each narrative of `ids` has."""
    found: dict[str, int] = {}
    for chunk in chunks(ids):
        query = (
            select(narrative_members.c.narrative_id, func.count())
            .where(narrative_members.c.narrative_id.in_(chunk))
            .group_by(narrative_members.c.narrative_id)
        )
        found.update({str(row[0]): int(row[1]) for row in conn.execute(query)})
    return found


def existing_narratives(conn: Connection, ids: set[str]) -> set[str]:
    """Return which of these ids are stored narratives."""
    if not ids:
        return set()
    query = select(narratives.c.id).where(narratives.c.id.in_(sorted(ids)))
    return set(conn.execute(query).scalars())


def list_narratives(
    conn: Connection,
    *,
    beat: str | None = None,
    status: str | None = None,
    after: tuple[datetime, str] | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Return narratives (no centroids), most recently updated first, after the keyset `after`."""
    query = select(*_COLUMNS).where(before_key(narratives.c.updated_at, narratives.c.id, after))
    if beat is not None:
        query = query.where(narratives.c.beat == beat)
    if status is not None:
        query = query.where(narratives.c.status == status)
    query = query.order_by(narratives.c.updated_at.desc(), narratives.c.id.desc()).limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]


def narrative_row(conn: Connection, narrative_id: str) -> dict[str, Any] | None:
    """Return one narrative's row (without its centroid), or None."""
    row = conn.execute(select(*_COLUMNS).where(narratives.c.id == narrative_id)).mappings().first()
    return None if row is None else dict(row)


def narrative_timeline(conn: Connection, narrative_id: str) -> list[dict[str, Any]]:
    """Return the narrative's events (born, grew, merged, split, faded), oldest first."""
    query = (
        select(narrative_events.c.kind, narrative_events.c.at, narrative_events.c.details)
        .where(narrative_events.c.narrative_id == narrative_id)
        .order_by(narrative_events.c.at, narrative_events.c.id)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def narrative_lineage(conn: Connection, narrative_id: str) -> dict[str, Any] | None:
    """Return a narrative's label, status, size, platforms and events in time order, or None."""
    row = narrative_row(conn, narrative_id)
    if row is None:
        return None
    return {
        "id": narrative_id,
        "label": row["label"],
        "status": row["status"],
        "size": row["size"],
        "platforms": row["platforms"],
        "born_at": row["born_at"].isoformat(),
        "updated_at": row["updated_at"].isoformat(),
        "events": [
            {"kind": e["kind"], "at": e["at"].isoformat(), "details": dict(e["details"])}
            for e in narrative_timeline(conn, narrative_id)
        ],
    }


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


def narrative_member_ids(conn: Connection, narrative_id: str, limit: int) -> list[int]:
    """Return the ids of a narrative's newest member records."""
    query = (
        select(narrative_members.c.record_id)
        .where(narrative_members.c.narrative_id == narrative_id)
        .order_by(narrative_members.c.record_id.desc())
        .limit(limit)
    )
    ids: list[int] = list(conn.execute(query).scalars())
    return ids
