"""Reads by entity (the record_entities table): lists, one entity, its series, beats, records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, distinct, func, or_, select

from beatwire.store.records import summary_query
from beatwire.store.schema import record_beats, record_entities, records
from beatwire.store.sql import day_of


def top_entities(conn: Connection, beat: str, since: datetime, limit: int) -> list[dict[str, Any]]:
    """Return the entities most records of the beat published since `since` mention."""
    mentions = func.count(distinct(record_entities.c.record_id))
    query = (
        select(record_entities.c.slug, func.min(record_entities.c.name), mentions)
        .join(record_beats, record_beats.c.record_id == record_entities.c.record_id)
        .join(records, records.c.id == record_entities.c.record_id)
        .where(record_beats.c.beat == beat, records.c.published_at >= since)
        .group_by(record_entities.c.slug)
        .order_by(mentions.desc(), record_entities.c.slug)
        .limit(limit)
    )
    return [{"slug": s, "name": n, "mentions": m} for s, n, m in conn.execute(query)]


def list_entities(
    conn: Connection,
    *,
    entity_type: str | None,
    q: str | None,
    after: tuple[int, str] | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Return entities by records mentioning them (most first), after the keyset `after`."""
    e = record_entities.c
    mentions = func.count(distinct(e.record_id))
    query = select(e.slug, func.min(e.name).label("name"), func.min(e.type).label("type"), mentions)
    if entity_type is not None:
        query = query.where(e.type == entity_type)
    if q is not None:
        query = query.where(
            or_(e.slug.icontains(q, autoescape=True), e.name.icontains(q, autoescape=True))
        )
    query = query.group_by(e.slug)
    if after is not None:
        query = query.having(
            or_(mentions < after[0], and_(mentions == after[0], e.slug > after[1]))
        )
    query = query.order_by(mentions.desc(), e.slug).limit(limit)
    return [{"slug": s, "name": n, "type": t, "mentions": m} for s, n, t, m in conn.execute(query)]


def entity_row(conn: Connection, slug: str) -> dict[str, Any] | None:
    """Return an entity's name, type and how many records mention it, or None."""
    e = record_entities.c
    query = select(func.min(e.name), func.min(e.type), func.count(distinct(e.record_id))).where(
        e.slug == slug
    )
    name, kind, mentions = conn.execute(query).one()
    return (
        None if not mentions else {"slug": slug, "name": name, "type": kind, "mentions": mentions}
    )


def entity_series(conn: Connection, slug: str, start: datetime, end: datetime) -> dict[str, int]:
    """Return, per UTC day, how many records published that day mention the entity."""
    day = day_of(conn, records.c.published_at)
    query = (
        select(day, func.count())
        .join(records, records.c.id == record_entities.c.record_id)
        .where(
            record_entities.c.slug == slug,
            records.c.published_at >= start,
            records.c.published_at < end,
        )
        .group_by(day)
    )
    return {d: n for d, n in conn.execute(query)}


def entity_beats(conn: Connection, slug: str, limit: int) -> list[dict[str, Any]]:
    """Return the beats of the records that mention the entity, most records first."""
    count = func.count()
    query = (
        select(record_beats.c.beat, count)
        .join(record_entities, record_entities.c.record_id == record_beats.c.record_id)
        .where(record_entities.c.slug == slug)
        .group_by(record_beats.c.beat)
        .order_by(count.desc(), record_beats.c.beat)
        .limit(limit)
    )
    return [{"slug": b, "records": n} for b, n in conn.execute(query)]


def entity_recent(conn: Connection, slug: str, limit: int) -> list[dict[str, Any]]:
    """Return summaries of the newest records that mention the entity."""
    mentioned = select(record_entities.c.record_id).where(record_entities.c.slug == slug)
    query = (
        summary_query()
        .where(records.c.id.in_(mentioned))
        .order_by(records.c.published_at.desc(), records.c.id.desc())
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]
