"""The events, event_signals and event_records tables: what happened, and what is about it.

A detect pass replaces the events first seen in its windows and those it continued
(a later development keeps its event's id), with their signals and records. The
write stage reads the event of a promoted signal, and the earlier events of its beat.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, select

from beatwire.model import Event
from beatwire.store.schema import event_records, event_signals, events, stories
from beatwire.store.sql import chunks, insert_tuples
from beatwire.store.stories import PUBLIC_STATUSES


def save_events(conn: Connection, found: Sequence[Event], since: datetime) -> None:
    """Replace the events first seen from `since`, and those in `found`, with `found`."""
    stale = [
        row[0] for row in conn.execute(select(events.c.id).where(events.c.first_seen >= since))
    ]
    ids = sorted({*stale, *(event.id for event in found)})
    for chunk in chunks(ids):
        conn.execute(delete(event_records).where(event_records.c.event_id.in_(chunk)))
        conn.execute(delete(event_signals).where(event_signals.c.event_id.in_(chunk)))
        conn.execute(delete(events).where(events.c.id.in_(chunk)))
    now = datetime.now(UTC)
    if found:
        conn.execute(events.insert(), [
            {"id": e.id, "title": e.title, "trigger_record_id": e.trigger_record_id,
             "first_seen": e.first_seen, "beat": e.beat, "updated_at": now}
            for e in found
        ])  # fmt: skip
    insert_tuples(conn, event_signals, ("event_id", "signal_id"),
                  sorted({(e.id, s) for e in found for s in e.signal_ids}))  # fmt: skip
    insert_tuples(conn, event_records, ("event_id", "record_id"),
                  sorted({(e.id, r) for e in found for r in e.record_ids}))  # fmt: skip


def _members(conn: Connection, ids: list[str]) -> tuple[dict[str, list[str]], dict[str, list[int]]]:
    signals: dict[str, list[str]] = {i: [] for i in ids}
    members: dict[str, list[int]] = {i: [] for i in ids}
    for chunk in chunks(ids):
        query = select(event_signals.c.event_id, event_signals.c.signal_id).where(
            event_signals.c.event_id.in_(chunk)
        )
        pairs: list[Any] = list(conn.execute(query.order_by(event_signals.c.signal_id)))
        for event_id, signal_id in pairs:
            signals[event_id].append(signal_id)
        query = select(event_records.c.event_id, event_records.c.record_id).where(
            event_records.c.event_id.in_(chunk)
        )
        pairs = list(conn.execute(query.order_by(event_records.c.record_id)))
        for event_id, record_id in pairs:
            members[event_id].append(int(record_id))
    return signals, members


def _events(conn: Connection, where: Any) -> list[Event]:
    rows = list(
        conn.execute(select(events).where(where).order_by(events.c.first_seen, events.c.id))
    )
    signals, members = _members(conn, [row.id for row in rows])
    return [
        Event(id=row.id, title=row.title, trigger_record_id=int(row.trigger_record_id),
              first_seen=row.first_seen, beat=row.beat, signal_ids=signals[row.id],
              record_ids=members[row.id])
        for row in rows
    ]  # fmt: skip


def event_of_signal(conn: Connection, signal_id: str) -> Event | None:
    """Return the event a signal is about, or None when it belongs to none."""
    found = select(event_signals.c.event_id).where(event_signals.c.signal_id == signal_id)
    matched = _events(conn, events.c.id.in_(found))
    return matched[0] if matched else None


def events_between(conn: Connection, start: datetime, end: datetime) -> list[Event]:
    """Return the events first seen in [start, end), oldest first."""
    return _events(conn, (events.c.first_seen >= start) & (events.c.first_seen < end))


def earlier_stories(conn: Connection, event: Event, days: int = 30, limit: int = 3) -> list[dict]:
    """Return the stories of earlier events on the same beat: {"slug", "headline", "day"}.

    Only events first seen in the `days` before this one count, newest first.
    """
    since = event.first_seen - timedelta(days=days)
    query = (
        select(stories.c.slug, stories.c.headline, events.c.first_seen)
        .join(stories, stories.c.topic_key == "event:" + events.c.id)
        .where(
            events.c.beat == event.beat,
            events.c.first_seen < event.first_seen,
            events.c.first_seen >= since,
            events.c.id != event.id,
            stories.c.status.in_(PUBLIC_STATUSES),
        )
        .order_by(events.c.first_seen.desc())
        .limit(limit)
    )
    rows: list[Any] = list(conn.execute(query))
    return [
        {"slug": slug, "headline": headline, "day": moment.astimezone(UTC).date().isoformat()}
        for slug, headline, moment in rows
    ]


def record_event_titles(conn: Connection, record_ids: Sequence[int]) -> dict[int, str]:
    """Return, for each of these records that belongs to an event, that event's title."""
    found: dict[int, str] = {}
    for chunk in chunks(sorted(set(record_ids))):
        query = (
            select(event_records.c.record_id, events.c.title)
            .join(events, events.c.id == event_records.c.event_id)
            .where(event_records.c.record_id.in_(chunk))
        )
        rows: list[tuple[int, str]] = [(row[0], row[1]) for row in conn.execute(query)]
        found.update({int(rid): str(title) for rid, title in rows})
    return found
