"""Read queries only the website needs: windows of a beat, per-platform series, the clock of
a replayed corpus. The API's queries (queries_*.py) are reused for everything else."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, String, case, cast, distinct, func, select

from beatwire.store.queries_common import day_of
from beatwire.store.schema import analyses, narrative_members, record_beats, records, signals


def newest_record_time(conn: Connection) -> datetime | None:
    """Return the publication time of the newest record, or None for an empty store."""
    value: datetime | None = conn.execute(
        select(func.max(records.c.published_at))
    ).scalar_one_or_none()
    return value


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


def analysis_versions(conn: Connection) -> list[dict[str, Any]]:
    """Return each distinct set of analyser versions recorded, with how many records it analysed."""
    as_text = cast(analyses.c.versions, String)
    query = select(as_text, func.count()).group_by(as_text).order_by(func.count().desc()).limit(20)
    return [{"versions": json.loads(text), "records": int(n)} for text, n in conn.execute(query)]


def count_distinct_authors(conn: Connection) -> int:
    """Return how many distinct authors the records have."""
    return int(conn.execute(select(func.count(distinct(records.c.author)))).scalar_one())


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


def narrative_signals(conn: Connection, narrative_id: str, limit: int) -> list[dict[str, Any]]:
    """Return the signals found about a narrative, newest window first."""
    query = (
        select(signals)
        .where(signals.c.narrative_id == narrative_id)
        .order_by(signals.c.window_end.desc(), signals.c.id)
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]
