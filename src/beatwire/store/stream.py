"""The event stream's reads: records, signals and stories newer than a position, in order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from beatwire.store.records import summary_query
from beatwire.store.schema import records, signals, stories
from beatwire.store.stories import PUBLIC_STATUSES, SUMMARY_COLUMNS, with_current_version


@dataclass(frozen=True, slots=True)
class StreamPosition:
    """How far a stream has read: the last record id, signal and story update it sent."""

    record_id: int
    signal_at: datetime
    signal_id: str
    story_at: datetime
    story_id: str


def _after(time_col: Any, id_col: Any, at: datetime, ident: str) -> Any:
    return or_(time_col > at, and_(time_col == at, id_col > ident))


def current_position(conn: Connection, now: datetime) -> StreamPosition:
    """Return the position of a stream that starts now: only rows added later are sent."""
    last: int | None = conn.execute(select(func.max(records.c.id))).scalar_one()
    return StreamPosition(int(last or 0), now, "", now, "")


def records_after(conn: Connection, record_id: int, limit: int) -> list[dict[str, Any]]:
    """Return summaries of records with ids above `record_id`, lowest first."""
    query = summary_query().where(records.c.id > record_id).order_by(records.c.id).limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]


def signals_after(conn: Connection, at: datetime, ident: str, limit: int) -> list[dict[str, Any]]:
    """Return signals first found after (at, ident), oldest first."""
    query = (
        select(signals)
        .where(_after(signals.c.created_at, signals.c.id, at, ident))
        .order_by(signals.c.created_at, signals.c.id)
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def stories_after(conn: Connection, at: datetime, ident: str, limit: int) -> list[dict[str, Any]]:
    """Return summaries of public stories updated after (at, ident), oldest update first."""
    query = (
        select(*SUMMARY_COLUMNS)
        .select_from(with_current_version())
        .where(
            stories.c.status.in_(PUBLIC_STATUSES),
            _after(stories.c.updated_at, stories.c.id, at, ident),
        )
        .order_by(stories.c.updated_at, stories.c.id)
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]
