"""The signals table: what the detectors found, replaced by each pass over its windows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from beatwire.model import Signal, now_utc
from beatwire.signal_details import details_from_json
from beatwire.store.schema import signals
from beatwire.store.sql import before_key, chunks


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
        "details": signal.details.as_json(),
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
        details=details_from_json(row["kind"], row["details"]),
    )


def strongest_signals(
    conn: Connection, *, limit: int | None = None, promoted: bool = False
) -> list[Signal]:
    """Return stored signals (only those promoted to stories if asked), strongest first."""
    query = select(signals).order_by(signals.c.score.desc(), signals.c.id)
    if promoted:
        query = query.where(signals.c.promoted_as.is_not(None))
    return [signal_from_row(row) for row in conn.execute(query.limit(limit)).mappings()]


def signals_by_id(conn: Connection, ids: Iterable[str]) -> list[Signal]:
    """Return the stored signals with these ids (missing ids are left out)."""
    found: list[Signal] = []
    for chunk in chunks(sorted(set(ids))):
        rows = conn.execute(select(signals).where(signals.c.id.in_(chunk))).mappings()
        found += [signal_from_row(row) for row in rows]
    return found


def topics_before(
    conn: Connection, moment: datetime
) -> dict[tuple[str, str], tuple[datetime, str]]:
    """Return, per (kind, key), the end and topic of the last stored signal ending by `moment`."""
    query = select(signals.c.kind, signals.c.key, signals.c.window_end, signals.c.topic_key).where(
        signals.c.window_end == moment, signals.c.topic_key.is_not(None)
    )
    return {(row[0], row[1]): (row[2], row[3]) for row in conn.execute(query)}


def delete_signals_from(conn: Connection, since: datetime) -> None:
    """Delete signals whose window ends after `since`: a pass from `since` finds them again."""
    conn.execute(signals.delete().where(signals.c.window_end > since))


def prune_signal_evidence(conn: Connection, ids: Iterable[int]) -> int:
    """Remove forgotten record ids from the evidence lists of signals; return signals changed."""
    gone = set(ids)
    changed = 0
    for row in conn.execute(select(signals.c.id, signals.c.evidence)).mappings():
        evidence: list[int] = list(row["evidence"] or [])
        kept = [i for i in evidence if i not in gone]
        if len(kept) != len(evidence):
            conn.execute(update(signals).where(signals.c.id == row["id"]).values(evidence=kept))
            changed += 1
    return changed


# What the website and the API show.


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


def narrative_signals(conn: Connection, narrative_id: str, limit: int) -> list[dict[str, Any]]:
    """Return the signals found about a narrative, newest window first."""
    query = (
        select(signals)
        .where(signals.c.narrative_id == narrative_id)
        .order_by(signals.c.window_end.desc(), signals.c.id)
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]
