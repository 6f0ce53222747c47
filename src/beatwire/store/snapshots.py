"""The engagement_snapshots table: the history of counts a record's upsert overwrites.

One row per record and fetch, keyed like the record itself (provider, native id)
and stamped with the fetch time: Hugging Face downloads and likes, Daily Paper
upvotes, Hacker News points and comments over time. The retention job expires
them (`retention.snapshots_days`); ingest never deletes history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, select, tuple_

from beatwire.model import Record, Snapshot
from beatwire.store.schema import engagement_snapshots
from beatwire.store.sql import chunks, dialect_insert


def day_start(moment: datetime) -> datetime:
    """Return midnight UTC of the day of `moment`."""
    utc = moment.astimezone(UTC)
    return datetime(utc.year, utc.month, utc.day, tzinfo=UTC)


def previous_snapshots(conn: Connection, batch: Sequence[Record]) -> dict[str, Snapshot]:
    """Return, per native id, its latest snapshot from a UTC day before the record's own."""
    if not batch:
        return {}
    # One page is one snapshot: every record of it shares the day.
    before = day_start(min(record.collected_at for record in batch))
    ids: dict[str, set[str]] = defaultdict(set)
    for record in batch:
        ids[record.provider].add(record.native_id)
    table = engagement_snapshots.c
    found: dict[str, Snapshot] = {}
    for provider, native_ids in ids.items():
        for chunk in chunks(sorted(native_ids)):
            query = select(table.native_id, table.snapshot_at, table.engagement).where(
                table.provider == provider, table.native_id.in_(chunk), table.snapshot_at < before
            )
            for row in conn.execute(query):
                known = found.get(row.native_id)
                if known is None or known.at < row.snapshot_at:
                    found[row.native_id] = Snapshot(row.snapshot_at, dict(row.engagement or {}))
    return found


def keep_snapshots(conn: Connection, batch: Sequence[Record]) -> int:
    """Store the engagement of `batch` as snapshots taken at each record's `collected_at`."""
    rows = [
        {
            "provider": record.provider,
            "native_id": record.native_id,
            "snapshot_at": record.collected_at,
            "engagement": dict(record.engagement),
        }
        for record in {(r.provider, r.native_id): r for r in batch}.values()
    ]
    if rows:
        # A replayed page writes the same snapshot again: the key makes it a no-op.
        conn.execute(dialect_insert(conn, engagement_snapshots).on_conflict_do_nothing(), rows)
    return len(rows)


def expire_snapshots(conn: Connection, cutoff: datetime) -> int:
    """Delete the snapshots taken before `cutoff`; return how many."""
    statement = delete(engagement_snapshots).where(engagement_snapshots.c.snapshot_at < cutoff)
    return int(conn.execute(statement).rowcount)


def delete_snapshots_of(conn: Connection, keys: Sequence[tuple[str, str]]) -> int:
    """Delete the snapshots of these (provider, native id) records; return how many."""
    deleted = 0
    for chunk in chunks(list(keys)):
        key = tuple_(engagement_snapshots.c.provider, engagement_snapshots.c.native_id)
        deleted += conn.execute(delete(engagement_snapshots).where(key.in_(chunk))).rowcount
    return deleted
