"""Reads by beat (the record_beats table): counts, windows, daily series, platforms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, case, func, select

from beatwire.store.schema import analyses, record_beats, records, stories
from beatwire.store.sql import day_of
from beatwire.store.stories import PUBLIC_STATUSES


def _rows(conn: Connection, query: Any) -> list[Any]:
    # Aggregates come back untyped: treat their rows as plain tuples.
    return list(conn.execute(query).all())


def beat_counts(conn: Connection, since: datetime) -> dict[str, dict[str, int]]:
    """Return, per beat seen in the data, its records, records published since `since`, stories."""
    counts: dict[str, dict[str, int]] = {}

    def add(beat: str | None, name: str, amount: int) -> None:
        if beat is not None:
            counts.setdefault(beat, {"records": 0, "recent": 0, "stories": 0})[name] = amount

    everything = select(record_beats.c.beat, func.count()).group_by(record_beats.c.beat)
    for beat, amount in _rows(conn, everything):
        add(beat, "records", amount)
    recent = (
        select(record_beats.c.beat, func.count())
        .join(records, records.c.id == record_beats.c.record_id)
        .where(records.c.published_at >= since)
        .group_by(record_beats.c.beat)
    )
    for beat, amount in _rows(conn, recent):
        add(beat, "recent", amount)
    told = (
        select(stories.c.beat, func.count())
        .where(stories.c.status.in_(PUBLIC_STATUSES))
        .group_by(stories.c.beat)
    )
    for beat, amount in _rows(conn, told):
        add(beat, "stories", amount)
    return counts


def beat_series(
    conn: Connection, beat: str, start: datetime, end: datetime
) -> dict[str, tuple[int, float | None]]:
    """Return, per UTC day with records in the beat, (records, mean sentiment)."""
    day = day_of(conn, records.c.published_at)
    query = (
        select(day, func.count(), func.avg(analyses.c.sentiment_score))
        .select_from(
            record_beats.join(records, records.c.id == record_beats.c.record_id).outerjoin(
                analyses, analyses.c.record_id == records.c.id
            )
        )
        .where(
            record_beats.c.beat == beat,
            records.c.published_at >= start,
            records.c.published_at < end,
        )
        .group_by(day)
    )
    return {d: (n, None if mean is None else float(mean)) for d, n, mean in _rows(conn, query)}


def beat_windows(conn: Connection, beat: str, now: datetime) -> dict[str, int]:
    """Return a beat's records in the last 24 h, the 24 h before, 7 d, the 7 d before, and all."""
    at = records.c.published_at
    edges = {
        "day": (now - timedelta(days=1), now),
        "prev_day": (now - timedelta(days=2), now - timedelta(days=1)),
        "week": (now - timedelta(days=7), now),
        "prev_week": (now - timedelta(days=14), now - timedelta(days=7)),
    }
    sums = [
        func.coalesce(func.sum(case(((at > lo) & (at <= hi), 1), else_=0)), 0).label(name)
        for name, (lo, hi) in edges.items()
    ]
    query = (
        select(*sums, func.count().label("all"))
        .select_from(record_beats.join(records, records.c.id == record_beats.c.record_id))
        .where(record_beats.c.beat == beat)
    )
    row = conn.execute(query).mappings().one()
    return {name: int(row[name] or 0) for name in (*edges, "all")}


def beat_platform_days(
    conn: Connection, beat: str | None, start: datetime, end: datetime
) -> list[tuple[str, str, int, float | None]]:
    """Return (day, platform, records, mean sentiment) of a beat (None: all beats) per UTC day."""
    day = day_of(conn, records.c.published_at)
    joined = records.outerjoin(analyses, analyses.c.record_id == records.c.id)
    query = select(day, records.c.provider, func.count(), func.avg(analyses.c.sentiment_score))
    if beat is not None:
        joined = joined.join(record_beats, record_beats.c.record_id == records.c.id)
        query = query.where(record_beats.c.beat == beat)
    query = (
        query.select_from(joined)
        .where(records.c.published_at >= start, records.c.published_at < end)
        .group_by(day, records.c.provider)
    )
    rows: list[tuple[str, str, int, float | None]] = [tuple(r) for r in conn.execute(query)]  # type: ignore[misc]
    return [(d, p, int(n), None if mean is None else float(mean)) for d, p, n, mean in rows]


def all_beat_days(conn: Connection, start: datetime, end: datetime) -> dict[str, dict[str, int]]:
    """Return, per beat, its records per UTC day between `start` and `end`."""
    day = day_of(conn, records.c.published_at)
    query = (
        select(record_beats.c.beat, day, func.count())
        .join(records, records.c.id == record_beats.c.record_id)
        .where(records.c.published_at >= start, records.c.published_at < end)
        .group_by(record_beats.c.beat, day)
    )
    found: dict[str, dict[str, int]] = {}
    rows: list[tuple[str, str, int]] = [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]
    for beat, d, n in rows:
        found.setdefault(str(beat), {})[str(d)] = int(n)
    return found


def platform_mix(conn: Connection, beat: str | None, since: datetime | None) -> dict[str, int]:
    """Return records per platform, of one beat (None: all) published since `since` (None: ever)."""
    query = select(records.c.provider, func.count()).group_by(records.c.provider)
    if beat is not None:
        query = query.join(record_beats, record_beats.c.record_id == records.c.id).where(
            record_beats.c.beat == beat
        )
    if since is not None:
        query = query.where(records.c.published_at > since)
    counts = {str(row[0]): int(row[1]) for row in conn.execute(query)}
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


NOT_ATTENTION = {"downloads", "downloads_all_time"}  # a model's running totals, not reactions


@dataclass(frozen=True, slots=True)
class DayCount:
    """A beat's records of one UTC day on one platform, and the attention they drew."""

    day: str
    provider: str
    records: int
    attention: int  # likes, points, replies... summed


def primary_beat_days(
    conn: Connection, beat: str | None, start: datetime, end: datetime
) -> list[DayCount]:
    """Return a beat's (None: every beat's) records per day and platform as detectors count.

    A record counts once, under its primary beat, and a copy of an earlier record not at
    all: the basis of a signal's figures, so a story's page can show the same counts.
    Engagement is JSON whose keys differ by platform, so attention is summed here.
    """
    query = (
        select(records.c.published_at, records.c.provider, records.c.engagement)
        .join(analyses, analyses.c.record_id == records.c.id)
        .where(
            analyses.c.primary_beat.is_not(None)
            if beat is None
            else analyses.c.primary_beat == beat,
            analyses.c.duplicate_of.is_(None),
            records.c.published_at >= start,
            records.c.published_at < end,
        )
    )
    found: dict[tuple[str, str], list[int]] = {}
    rows: list[tuple[datetime, str, dict[str, Any] | None]] = [
        (r[0], r[1], r[2]) for r in conn.execute(query)
    ]
    for published, provider, engagement in rows:
        attention = sum(
            int(v)
            for k, v in (engagement or {}).items()
            if k not in NOT_ATTENTION and isinstance(v, int | float) and not isinstance(v, bool)
        )
        tally = found.setdefault((published.date().isoformat(), provider), [0, 0])
        tally[0] += 1
        tally[1] += attention
    return [DayCount(day, p, n, a) for (day, p), (n, a) in sorted(found.items())]
