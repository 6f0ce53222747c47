"""The headline figures of the API: what the store holds, across its tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, distinct, func, select

from beatwire.store.schema import record_beats, records, signals, stories
from beatwire.store.stories import PUBLIC_STATUSES


def _count(conn: Connection, query: Any) -> int:
    return int(conn.execute(query).scalar_one())


def headline_figures(
    conn: Connection, *, day_ago: datetime, two_days_ago: datetime
) -> dict[str, Any]:
    """Return records indexed (all, last 24 h), active beats, platforms and recent signals."""
    platforms = conn.execute(
        select(records.c.provider, func.count())
        .group_by(records.c.provider)
        .order_by(records.c.provider)
    ).all()
    active = (
        select(func.count(distinct(record_beats.c.beat)))
        .join(records, records.c.id == record_beats.c.record_id)
        .where(records.c.published_at >= day_ago)
    )
    return {
        "records": _count(conn, select(func.count()).select_from(records)),
        "records_24h": _count(
            conn, select(func.count()).select_from(records).where(records.c.collected_at >= day_ago)
        ),
        "active_beats_24h": _count(conn, active),
        "platforms": {provider: amount for provider, amount in platforms},
        "signals_48h": _count(
            conn,
            select(func.count()).select_from(signals).where(signals.c.created_at >= two_days_ago),
        ),
        "stories": _count(
            conn,
            select(func.count()).select_from(stories).where(stories.c.status.in_(PUBLIC_STATUSES)),
        ),
    }
