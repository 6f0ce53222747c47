"""The engagement_snapshots table: the counts a record's upsert overwrites (model downloads)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, select

from beatwire.model import Record, Snapshot
from beatwire.store.schema import engagement_snapshots
from beatwire.store.sql import chunks, dialect_insert

RETENTION = timedelta(days=45)  # longer than any detector's baseline


def day_start(moment: datetime) -> datetime:
    """Return midnight UTC of the day of `moment`."""
    utc = moment.astimezone(UTC)
    return datetime(utc.year, utc.month, utc.day, tzinfo=UTC)


def previous_snapshots(
    conn: Connection, provider: str, batch: Sequence[Record]
) -> dict[str, Snapshot]:
    """Return, per native id, its latest snapshot from a UTC day before the record's own."""
    if not batch:
        return {}
    # One page is one snapshot: every record of it shares the day.
    before = day_start(min(record.collected_at for record in batch))
    table = engagement_snapshots.c
    found: dict[str, Snapshot] = {}
    for chunk in chunks(sorted({record.native_id for record in batch})):
        query = select(table.native_id, table.snapshot_at, table.engagement).where(
            table.provider == provider, table.native_id.in_(chunk), table.snapshot_at < before
        )
        for row in conn.execute(query):
            known = found.get(row.native_id)
            if known is None or known.at < row.snapshot_at:
                found[row.native_id] = Snapshot(row.snapshot_at, dict(row.engagement or {}))
    return found


def keep_snapshots(conn: Connection, provider: str, batch: Sequence[Record]) -> int:
    """Store the engagement of `batch` as snapshots; drop the provider's expired ones."""
    rows = [
        {
            "provider": provider,
            "native_id": record.native_id,
            "snapshot_at": record.collected_at,
            "engagement": dict(record.engagement),
        }
        for record in {r.native_id: r for r in batch}.values()
    ]
    if rows:
        # A replayed page writes the same snapshot again: the key makes it a no-op.
        conn.execute(dialect_insert(conn, engagement_snapshots).on_conflict_do_nothing(), rows)
        newest = max(record.collected_at for record in batch)
        conn.execute(
            delete(engagement_snapshots).where(
                engagement_snapshots.c.provider == provider,
                engagement_snapshots.c.snapshot_at < newest - RETENTION,
            )
        )
    return len(rows)
