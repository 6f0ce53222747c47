"""Reading and writing narratives, their members and their lineage events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, update

from beatwire.store.bulk import insert_tuples
from beatwire.store.detect_rows import published_since
from beatwire.store.schema import (
    analyses,
    narrative_events,
    narrative_members,
    narratives,
    records,
)

_CHUNK = 500


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
    wanted = sorted(set(ids))
    found: dict[str, datetime] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = select(narratives.c.id, narratives.c.born_at).where(
            narratives.c.id.in_(wanted[start : start + _CHUNK])
        )
        found.update({row[0]: row[1] for row in conn.execute(query)})
    return found


def member_counts(conn: Connection, ids: Sequence[str]) -> dict[str, int]:
    """Return how many stored members each narrative of `ids` has."""
    found: dict[str, int] = {}
    for start in range(0, len(ids), _CHUNK):
        query = (
            select(narrative_members.c.narrative_id, func.count())
            .where(narrative_members.c.narrative_id.in_(ids[start : start + _CHUNK]))
            .group_by(narrative_members.c.narrative_id)
        )
        found.update({str(row[0]): int(row[1]) for row in conn.execute(query)})
    return found


def save_narratives(
    conn: Connection,
    rows: Sequence[dict[str, Any]],
    members: Sequence[tuple[str, int]],
    events: Sequence[dict[str, Any]],
) -> None:
    """Store narratives (replacing rows with the same ids), new members and lineage events."""
    ids = [row["id"] for row in rows]
    old: dict[str, Any] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
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


def list_narratives(conn: Connection, limit: int | None = None) -> list[dict[str, Any]]:
    """Return stored narratives, most recently updated first, without centroids."""
    columns = [c for c in narratives.c if c.name != "centroid"]
    query = select(*columns).order_by(narratives.c.updated_at.desc(), narratives.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]


def narrative_timeline(conn: Connection, narrative: str) -> list[dict[str, Any]]:
    """Return the lineage events of one narrative in time order."""
    query = (
        select(narrative_events.c.kind, narrative_events.c.at, narrative_events.c.details)
        .where(narrative_events.c.narrative_id == narrative)
        .order_by(narrative_events.c.at, narrative_events.c.id)
    )
    return [dict(row) for row in conn.execute(query).mappings()]
