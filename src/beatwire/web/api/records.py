"""/v1/records: filtered, paginated records and one record in full. Needs the `records` scope."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request, Response

from beatwire.errors import NotFound
from beatwire.store.analyses import analyses_by_record
from beatwire.store.records import RecordFilter, list_records, record_detail
from beatwire.web.api.caching import json_read
from beatwire.web.api.convert import record_public, record_summary
from beatwire.web.api.deps import ApiStateDep, scoped
from beatwire.web.api.models import RecordPage, RecordPublic
from beatwire.web.api.pagination import MAX_INT, decode_cursor, page_of
from beatwire.web.api.params import Cursor, Limit, Search, Since, Until, as_utc, slug_filter

router = APIRouter(tags=["records"], dependencies=[scoped("records")])

Sentiment = Literal["positive", "neutral", "negative"]


@router.get("/records", response_model=RecordPage)
def records_list(
    request: Request,
    api: ApiStateDep,
    cursor: Cursor = None,
    limit: Limit = 20,
    source: Annotated[str | None, slug_filter("Platform, e.g. hackernews.")] = None,
    beat: Annotated[str | None, slug_filter("Beat slug.")] = None,
    sentiment: Sentiment | None = None,
    entity: Annotated[str | None, slug_filter("Entity slug.")] = None,
    since: Since = None,
    until: Until = None,
    q: Search = None,
) -> Response:
    """Records, newest published first, filtered; the next page via `next_cursor`."""
    after = decode_cursor(cursor, "records", (datetime, int))
    flt = RecordFilter(
        source=source,
        beat=beat,
        sentiment=sentiment,
        entity=entity,
        since=as_utc(since, "from"),
        until=as_utc(until, "to"),
        q=q,
    )
    with api.store.read() as conn:
        rows = list_records(conn, flt, after=after, limit=limit + 1)
    page, next_cursor = page_of("records", rows, limit, lambda r: (r["published_at"], r["id"]))
    body = RecordPage(data=[record_summary(row) for row in page], next_cursor=next_cursor)
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)


@router.get("/records/{record_id}", response_model=RecordPublic)
def records_one(
    request: Request,
    api: ApiStateDep,
    record_id: Annotated[int, Path(ge=1, le=MAX_INT, description="Record id.")],
) -> Response:
    """One record: full text, metadata and analysis."""
    with api.store.read() as conn:
        row = record_detail(conn, record_id)
        if row is None:
            raise NotFound(f"no record {record_id}")
        analysis = analyses_by_record(conn, [record_id]).get(record_id)
    body = record_public(row, analysis)
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)
