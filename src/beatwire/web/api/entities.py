"""/v1/entities: entities by mentions, and one entity over time. Needs `records`."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Request, Response

from beatwire.errors import NotFound
from beatwire.store.entities import (
    entity_beats,
    entity_recent,
    entity_row,
    entity_series,
    list_entities,
)
from beatwire.store.sql import fill_days
from beatwire.web.api.caching import json_read
from beatwire.web.api.convert import record_summary
from beatwire.web.api.deps import ApiStateDep, scoped
from beatwire.web.api.models import BeatCount, DayCount, EntityPage, EntityPublic, EntitySummary
from beatwire.web.api.pagination import decode_cursor, page_of
from beatwire.web.api.params import Cursor, Days, Ident, Limit, Search, slug_filter

router = APIRouter(tags=["entities"], dependencies=[scoped("records")])


@router.get("/entities", response_model=EntityPage)
def entities_list(
    request: Request,
    api: ApiStateDep,
    cursor: Cursor = None,
    limit: Limit = 20,
    type: Annotated[str | None, slug_filter("Entity type, e.g. organization.")] = None,
    q: Search = None,
) -> Response:
    """Entities, most mentioned first; `q` matches slug or name."""
    after = decode_cursor(cursor, "entities", (int, str))
    with api.store.read() as conn:
        rows = list_entities(conn, entity_type=type, q=q, after=after, limit=limit + 1)
    page, next_cursor = page_of("entities", rows, limit, lambda r: (r["mentions"], r["slug"]))
    body = EntityPage(data=[EntitySummary(**row) for row in page], next_cursor=next_cursor)
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)


@router.get("/entities/{slug}", response_model=EntityPublic)
def entities_one(request: Request, api: ApiStateDep, slug: Ident, days: Days = 30) -> Response:
    """One entity: mentions by day, its beats and the newest records that name it."""
    now = api.now()
    start = (now - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    with api.store.read() as conn:
        row = entity_row(conn, slug)
        if row is None:
            raise NotFound(f"no entity {slug!r}")
        series = entity_series(conn, slug, start, now + timedelta(microseconds=1))
        beats = entity_beats(conn, slug, 10)
        recent = entity_recent(conn, slug, 5)
    body = EntityPublic(
        **row,
        series=[DayCount(day=day, records=n) for day, n in fill_days(series, start, now, 0)],
        beats=[BeatCount(**beat) for beat in beats],
        recent=[record_summary(r) for r in recent],
    )
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)
