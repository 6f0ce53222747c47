"""Reading and writing signals, and the analysed rows detectors aggregate."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from beatwire.model import Signal, now_utc
from beatwire.store.schema import analyses, records, signals


def beat_rows(conn: Connection) -> list[tuple[str, datetime, int, float | None, str | None]]:
    """Return (primary beat, published_at, record id, sentiment score, author) of analysed records.

    Copies of another record and records without a beat are left out: they would count twice.
    """
    query = (
        select(
            analyses.c.primary_beat,
            records.c.published_at,
            records.c.id,
            analyses.c.sentiment_score,
            records.c.author,
        )
        .join(records, records.c.id == analyses.c.record_id)
        .where(analyses.c.primary_beat.is_not(None), analyses.c.duplicate_of.is_(None))
    )
    return [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]


def signal_row(signal: Signal) -> dict[str, Any]:
    """Return the `signals` row of a signal."""
    return {
        "id": signal.id,
        "kind": signal.kind,
        "key": signal.key,
        "beat": signal.beat,
        "narrative_id": signal.narrative_id,
        "window_start": signal.window_start,
        "window_end": signal.window_end,
        "value": signal.value,
        "baseline": signal.baseline,
        "effect": signal.effect,
        "significance": signal.significance,
        "min_count": signal.min_count,
        "score": signal.score,
        "promoted_as": signal.promoted_as,
        "topic_key": signal.topic_key,
        "sentence": signal.sentence,
        "evidence": list(signal.evidence),
        "details": dict(signal.details),
        "created_at": now_utc(),
    }


def replace_signals(conn: Connection, found: Iterable[Signal]) -> int:
    """Store `found`, replacing signals with the same ids; return how many were new."""
    rows = [signal_row(signal) for signal in found]
    ids = [row["id"] for row in rows]
    if not ids:
        return 0
    # A signal found again keeps the time it was first found.
    query = select(signals.c.id, signals.c.created_at).where(signals.c.id.in_(ids))
    first_seen: dict[str, Any] = {row[0]: row[1] for row in conn.execute(query)}
    for row in rows:
        row["created_at"] = first_seen.get(row["id"], row["created_at"])
    conn.execute(delete(signals).where(signals.c.id.in_(ids)))
    conn.execute(signals.insert(), rows)
    return len(set(ids) - set(first_seen))


def signal_from_row(row: Any) -> Signal:
    """Return the signal a `signals` row holds."""
    return Signal(
        id=row["id"],
        kind=row["kind"],
        key=row["key"],
        beat=row["beat"],
        narrative_id=row["narrative_id"],
        window_start=row["window_start"],
        window_end=row["window_end"],
        value=row["value"],
        baseline=row["baseline"],
        effect=row["effect"],
        significance=row["significance"],
        min_count=row["min_count"],
        score=row["score"],
        promoted_as=row["promoted_as"],
        topic_key=row["topic_key"],
        sentence=row["sentence"],
        evidence=list(row["evidence"]),
        details=dict(row["details"]),
    )


def list_signals(
    conn: Connection, *, limit: int | None = None, promoted: bool = False
) -> list[Signal]:
    """Return stored signals (only those promoted to stories if asked), strongest first."""
    query = select(signals).order_by(signals.c.score.desc(), signals.c.id)
    if promoted:
        query = query.where(signals.c.promoted_as.is_not(None))
    if limit is not None:
        query = query.limit(limit)
    return [signal_from_row(row) for row in conn.execute(query).mappings()]
