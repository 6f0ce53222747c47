"""Read queries over records for the API: filtered, keyset-paginated lists and one record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, exists, or_, select

from beatwire.store.queries_common import before_key
from beatwire.store.schema import analyses, record_beats, record_entities, records

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
