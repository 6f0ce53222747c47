"""Reading and writing records: the upsert that keeps `(provider, native_id)` unique."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, RowMapping, bindparam, func, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from beatwire.model import Record, StoredRecord
from beatwire.store.schema import analyses, records

_CHUNK = 400  # rows per statement: stays under SQLite's bound-parameter limit


@dataclass(frozen=True, slots=True)
class UpsertResult:
    """How many records a batch added and how many it refreshed."""

    inserted: int
    updated: int


def _row_values(record: Record) -> dict[str, Any]:
    sources = [record.source] if record.source else []
    return {
        "provider": record.provider,
        "native_id": record.native_id,
        "kind": record.kind,
        "title": record.title,
        "text": record.text,
        "url": record.url,
        "canonical_url": record.canonical_url,
        "author": record.author,
        "author_name": record.author_name,
        "lang": record.lang,
        "published_at": record.published_at,
        "collected_at": record.collected_at,
        "engagement": dict(record.engagement),
        "parent_id": record.parent_id,
        "thread_id": record.thread_id,
        "source": record.source,
        "sources": sources,
        "extra": dict(record.extra),
        "raw": record.raw,
        "content_hash": record.hash,
    }


def _insert(conn: Connection) -> Any:
    return pg_insert if conn.dialect.name == "postgresql" else sqlite_insert


def _latest_per_key(batch: Iterable[Record]) -> list[Record]:
    latest: dict[tuple[str, str], Record] = {}
    for record in batch:
        latest[(record.provider, record.native_id)] = record
    return list(latest.values())


def upsert_records(conn: Connection, batch: Sequence[Record]) -> UpsertResult:
    """Insert new records; for known ones update engagement and the list of sources only."""
    unique = _latest_per_key(batch)
    inserted = updated = 0
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        keys = [(r.provider, r.native_id) for r in chunk]
        known = {
            (row.provider, row.native_id): row
            for row in conn.execute(
                select(
                    records.c.id, records.c.provider, records.c.native_id, records.c.sources
                ).where(tuple_(records.c.provider, records.c.native_id).in_(keys))
            )
        }
        fresh = [_row_values(r) for r in chunk if (r.provider, r.native_id) not in known]
        if fresh:
            # A concurrent writer may have inserted the same key: the unique key makes it a no-op.
            statement = (
                _insert(conn)(records)
                .on_conflict_do_nothing(index_elements=["provider", "native_id"])
                .returning(records.c.id)
            )
            inserted += len(conn.execute(statement, fresh).all())
        refreshed = [
            {
                "_id": known[(r.provider, r.native_id)].id,
                "engagement": dict(r.engagement),
                "sources": _merged_sources(known[(r.provider, r.native_id)].sources, r.source),
            }
            for r in chunk
            if (r.provider, r.native_id) in known
        ]
        if refreshed:
            conn.execute(
                update(records)
                .where(records.c.id == bindparam("_id"))
                .values(engagement=bindparam("engagement"), sources=bindparam("sources")),
                refreshed,
            )
            updated += len(refreshed)
    return UpsertResult(inserted=inserted, updated=updated)


def _merged_sources(known: list[str] | None, source: str | None) -> list[str]:
    merged = list(known or [])
    if source and source not in merged:
        merged.append(source)
    return merged


def record_from_row(row: RowMapping) -> StoredRecord:
    """Return the stored record a `records` row holds."""
    return StoredRecord(
        id=row["id"],
        record=Record(
            provider=row["provider"],
            native_id=row["native_id"],
            kind=row["kind"],
            text=row["text"],
            title=row["title"],
            url=row["url"],
            canonical_url=row["canonical_url"],
            author=row["author"],
            author_name=row["author_name"],
            lang=row["lang"],
            published_at=row["published_at"],
            collected_at=row["collected_at"],
            engagement=dict(row["engagement"] or {}),
            parent_id=row["parent_id"],
            thread_id=row["thread_id"],
            source=row["source"],
            extra=dict(row["extra"] or {}),
            raw=row["raw"],
        ),
    )


def pending_analysis(conn: Connection, *, limit: int) -> list[StoredRecord]:
    """Return up to `limit` records that have no analysis yet, oldest id first."""
    query = (
        select(records)
        .outerjoin(analyses, analyses.c.record_id == records.c.id)
        .where(analyses.c.record_id.is_(None))
        .order_by(records.c.id)
        .limit(limit)
    )
    return [record_from_row(row) for row in conn.execute(query).mappings()]


def records_by_id(conn: Connection, ids: Iterable[int]) -> dict[int, StoredRecord]:
    """Return the stored records with these ids, by id (missing ids are left out)."""
    wanted = sorted(set(ids))
    found: dict[int, StoredRecord] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = select(records).where(records.c.id.in_(wanted[start : start + _CHUNK]))
        for row in conn.execute(query).mappings():
            stored = record_from_row(row)
            found[stored.id] = stored
    return found


def count_records(conn: Connection) -> int:
    """Return how many records the store holds."""
    return int(conn.execute(select(func.count()).select_from(records)).scalar_one())


def count_pending(conn: Connection) -> int:
    """Return how many records have no analysis yet."""
    query = (
        select(func.count())
        .select_from(records)
        .outerjoin(analyses, analyses.c.record_id == records.c.id)
        .where(analyses.c.record_id.is_(None))
    )
    return int(conn.execute(query).scalar_one())


def earlier_copies(conn: Connection, items: Sequence[tuple[int, str]]) -> dict[int, int]:
    """Return, for records whose content hash an earlier record shares, that earlier record's id."""
    hashes = sorted({digest for _, digest in items})
    first: dict[str, int] = {}
    for start in range(0, len(hashes), _CHUNK):
        query = (
            select(records.c.content_hash, func.min(records.c.id))
            .where(records.c.content_hash.in_(hashes[start : start + _CHUNK]))
            .group_by(records.c.content_hash)
        )
        first.update({str(row[0]): int(row[1]) for row in conn.execute(query)})
    return {rid: first[digest] for rid, digest in items if first.get(digest, rid) < rid}
