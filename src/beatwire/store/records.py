"""The records table: the upsert that keeps `(provider, native_id)` unique, reads and deletes.

Reads come in two shapes: stored records (`StoredRecord`) for the stages, and
summaries (plain rows with the record's analysis) for the website and the API.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    Select,
    bindparam,
    delete,
    distinct,
    exists,
    func,
    literal_column,
    null,
    or_,
    select,
    tuple_,
    update,
)

from beatwire.model import Record, StoredRecord
from beatwire.store.schema import analyses, record_beats, record_entities, records
from beatwire.store.sql import as_utc, before_key, chunks, dialect_insert


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


def _latest_per_key(batch: Iterable[Record]) -> list[Record]:
    latest: dict[tuple[str, str], Record] = {}
    for record in batch:
        latest[(record.provider, record.native_id)] = record
    return list(latest.values())


def upsert_records(conn: Connection, batch: Sequence[Record]) -> UpsertResult:
    """Insert new records; for known ones update engagement and the list of sources only.

    Engagement is merged, newest count per name: a record two sources see (an arXiv
    paper and its Daily Papers upvotes) keeps the counts of both.
    """
    inserted = updated = 0
    for chunk in chunks(_latest_per_key(batch)):
        keys = [(r.provider, r.native_id) for r in chunk]
        known = {
            (row.provider, row.native_id): row
            for row in conn.execute(
                select(
                    records.c.id,
                    records.c.provider,
                    records.c.native_id,
                    records.c.sources,
                    records.c.engagement,
                ).where(tuple_(records.c.provider, records.c.native_id).in_(keys))
            )
        }
        fresh = [_row_values(r) for r in chunk if (r.provider, r.native_id) not in known]
        if fresh:
            # A concurrent writer may have inserted the same key: the unique key makes it a no-op.
            statement = (
                dialect_insert(conn, records)
                .on_conflict_do_nothing(index_elements=["provider", "native_id"])
                .returning(records.c.id)
            )
            inserted += len(conn.execute(statement, fresh).all())
        refreshed = [
            {
                "_id": row.id,
                "engagement": {**(row.engagement or {}), **r.engagement},
                "sources": _merged_sources(row.sources, r.source),
            }
            for r in chunk
            if (row := known.get((r.provider, r.native_id))) is not None
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
    found: dict[int, StoredRecord] = {}
    for chunk in chunks(sorted(set(ids))):
        for row in conn.execute(select(records).where(records.c.id.in_(chunk))).mappings():
            stored = record_from_row(row)
            found[stored.id] = stored
    return found


def record_texts(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    """Return title and text of each record in `ids`."""
    found: dict[int, str] = {}
    for chunk in chunks(sorted(set(int(i) for i in ids))):
        query = select(records.c.id, records.c.title, records.c.text).where(records.c.id.in_(chunk))
        found.update({row[0]: f"{row[1] or ''} {row[2]}".strip() for row in conn.execute(query)})
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


def count_distinct_authors(conn: Connection) -> int:
    """Return how many distinct authors the records have."""
    return int(conn.execute(select(func.count(distinct(records.c.author)))).scalar_one())


def newest_record_time(conn: Connection) -> datetime | None:
    """Return the publication time of the newest record, or None for an empty store."""
    value: datetime | None = conn.execute(
        select(func.max(records.c.published_at))
    ).scalar_one_or_none()
    return value


def earlier_copies(conn: Connection, items: Sequence[tuple[int, str]]) -> dict[int, int]:
    """Return, for records whose content hash an earlier record shares, that earlier record's id."""
    first: dict[str, int] = {}
    for chunk in chunks(sorted({digest for _, digest in items})):
        query = (
            select(records.c.content_hash, func.min(records.c.id))
            .where(records.c.content_hash.in_(chunk))
            .group_by(records.c.content_hash)
        )
        first.update({str(row[0]): int(row[1]) for row in conn.execute(query)})
    return {rid: first[digest] for rid, digest in items if first.get(digest, rid) < rid}


SCAN_SHARE = 0.3  # reading more than this share of the records: scan the table (SQLite)


def _share_after(conn: Connection, since: datetime) -> float:
    """Return the share of the records' time span at or after `since` (two index lookups)."""
    column = records.c.published_at
    # two subqueries: SQLite reads a lone min() or max() off the index, but scans it for both
    span = select(
        select(func.min(column)).scalar_subquery(), select(func.max(column)).scalar_subquery()
    )
    low, high = (as_utc(value) for value in conn.execute(span).one())
    if low is None or high is None or since <= low:
        return 1.0
    return 0.0 if since > high else (high - since) / (high - low)


def published_since(conn: Connection, since: datetime | None) -> ColumnElement[Any] | None:
    """Return the filter `published_at >= since`, or None when every record qualifies.

    SQLite walks the published_at index and fetches each row by id: three times slower
    than a table scan when most rows qualify (6.0 s against 1.5 s of CPU on a million
    records), so then the column is hidden from its planner with a unary plus.
    """
    if since is None:
        return None
    share = _share_after(conn, since)
    if share >= 1.0:
        return None
    column: Any = records.c.published_at
    if conn.dialect.name == "sqlite" and share > SCAN_SHARE:
        column = literal_column("+records.published_at", type_=records.c.published_at.type)
    return column >= since


# Summaries: what the website and the API show of a record, with its analysis.

SUMMARY_COLUMNS = (
    records.c.id,
    records.c.provider,
    records.c.kind,
    records.c.title,
    records.c.text,
    records.c.url,
    records.c.author,
    records.c.lang,
    records.c.published_at,
    records.c.source,
    records.c.engagement,
    analyses.c.sentiment_label,
    analyses.c.sentiment_score,
    analyses.c.primary_beat,
)


@dataclass(frozen=True, slots=True)
class RecordFilter:
    """Which records a list asks for; None means any."""

    source: str | None = None
    beat: str | None = None
    sentiment: str | None = None
    entity: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    q: str | None = None


def text_match(q: str) -> ColumnElement[bool]:
    """Return the condition that a record's title or text contains `q`, case-insensitively."""
    # autoescape makes % and _ in the user's text literal characters, not wildcards.
    return or_(
        records.c.text.icontains(q, autoescape=True),
        records.c.title.icontains(q, autoescape=True),
    )


def _conditions(flt: RecordFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if flt.source is not None:
        found.append(records.c.provider == flt.source)
    if flt.beat is not None:
        found.append(
            exists().where(
                record_beats.c.record_id == records.c.id, record_beats.c.beat == flt.beat
            )
        )
    if flt.entity is not None:
        found.append(
            exists().where(
                record_entities.c.record_id == records.c.id, record_entities.c.slug == flt.entity
            )
        )
    if flt.sentiment is not None:
        found.append(analyses.c.sentiment_label == flt.sentiment)
    if flt.since is not None:
        found.append(records.c.published_at >= flt.since)
    if flt.until is not None:
        found.append(records.c.published_at < flt.until)
    if flt.q is not None:
        found.append(text_match(flt.q))
    return found


def summary_query() -> Select[Any]:
    """Return the select of record summaries (with their analysis, when there is one)."""
    return select(*SUMMARY_COLUMNS).select_from(
        records.outerjoin(analyses, analyses.c.record_id == records.c.id)
    )


def list_records(
    conn: Connection, flt: RecordFilter, *, after: tuple[datetime, int] | None, limit: int
) -> list[dict[str, Any]]:
    """Return up to `limit` summaries matching `flt`, newest first, after the keyset `after`."""
    query = (
        summary_query()
        .where(*_conditions(flt), before_key(records.c.published_at, records.c.id, after))
        .order_by(records.c.published_at.desc(), records.c.id.desc())
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def search_records(conn: Connection, q: str, *, limit: int) -> list[dict[str, Any]]:
    """Return summaries of the newest records whose title or text contains `q`."""
    return list_records(conn, RecordFilter(q=q), after=None, limit=limit)


def record_detail(conn: Connection, record_id: int) -> dict[str, Any] | None:
    """Return one record's row with every column but the raw payload, or None."""
    columns = [column for column in records.c if column.name != "raw"]
    row = conn.execute(select(*columns).where(records.c.id == record_id)).mappings().first()
    return None if row is None else dict(row)


def record_summaries(conn: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Return the summaries of these records, by id (missing ids are left out)."""
    if not ids:
        return {}
    query = summary_query().where(records.c.id.in_(sorted(set(ids))))
    return {row["id"]: dict(row) for row in conn.execute(query).mappings()}


# Forgetting and retention: finding a person's, a reference's or old records, and deleting them.


def ids_of_authors(conn: Connection, handles: Iterable[str]) -> list[int]:
    """Return the ids of every record written by these handles (case-insensitive, @ optional)."""
    wanted = sorted({h.strip().lstrip("@").lower() for h in handles if h.strip()})
    if not wanted:
        return []
    query = select(records.c.id).where(func.lower(records.c.author).in_(wanted))
    return sorted(conn.execute(query).scalars())


def ids_of_references(conn: Connection, references: Iterable[str]) -> list[int]:
    """Return the ids of records named by store id (digits) or by their native id."""
    # A store id is a 64-bit integer: longer digit strings can only be native ids.
    numbers = [int(ref) for ref in references if ref.isdigit() and int(ref) < 2**63]
    natives = [ref for ref in references if not ref.isdigit()]
    found: set[int] = set()
    if numbers:
        found.update(conn.execute(select(records.c.id).where(records.c.id.in_(numbers))).scalars())
    if natives:
        query = select(records.c.id).where(records.c.native_id.in_(natives))
        found.update(conn.execute(query).scalars())
    return sorted(found)


def record_keys(conn: Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Return provider, native id and author of the records with these ids."""
    rows: list[dict[str, Any]] = []
    for chunk in chunks(ids):
        query = select(records.c.id, records.c.provider, records.c.native_id, records.c.author)
        rows += [dict(row) for row in conn.execute(query.where(records.c.id.in_(chunk))).mappings()]
    return rows


def authors(conn: Connection) -> list[dict[str, Any]]:
    """Return each distinct (provider, author, display name, Bluesky DID) of the records."""
    query = select(records.c.provider, records.c.author, records.c.author_name, records.c.extra)
    found = {
        (row.provider, row.author, row.author_name, (row.extra or {}).get("did"))
        for row in conn.execute(query.where(records.c.author.is_not(None)))
    }
    keys = ("provider", "author", "author_name", "did")
    return [dict(zip(keys, values, strict=True)) for values in sorted(found, key=str)]


def ids_published_before(conn: Connection, cutoff: datetime, *, limit: int) -> list[int]:
    """Return up to `limit` ids of records published before `cutoff`, lowest first."""
    query = select(records.c.id).where(records.c.published_at < cutoff)
    return list(conn.execute(query.order_by(records.c.id).limit(limit)).scalars())


def clear_raw_payloads_before(conn: Connection, cutoff: datetime) -> int:
    """Drop the raw payloads of records collected before `cutoff`; return how many."""
    statement = (
        update(records)
        .where(records.c.collected_at < cutoff, records.c.raw.is_not(None))
        .values(raw=null())  # SQL NULL, not JSON null, so the filter skips it next time
    )
    return int(conn.execute(statement).rowcount)


def delete_records(conn: Connection, ids: Sequence[int]) -> int:
    """Delete records (their analyses, embeddings and memberships go with them); return how many."""
    deleted = 0
    for chunk in chunks(ids):
        # A copy that pointed at a forgotten original is no longer a copy of anything.
        conn.execute(
            update(analyses).where(analyses.c.duplicate_of.in_(chunk)).values(duplicate_of=None)
        )
        deleted += conn.execute(delete(records).where(records.c.id.in_(chunk))).rowcount
    return deleted
