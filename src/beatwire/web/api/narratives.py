"""/v1/narratives: narratives, and one with its timeline and lineage. Needs `stories`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response

from beatwire.errors import NotFound
from beatwire.store.narratives import (
    existing_narratives,
    list_narratives,
    narrative_row,
    narrative_series,
    narrative_timeline,
)
from beatwire.web.api.caching import json_read
from beatwire.web.api.convert import narrative_summary
from beatwire.web.api.deps import ApiStateDep, scoped
from beatwire.web.api.models import DayCount, NarrativeEvent, NarrativePage, NarrativePublic
from beatwire.web.api.pagination import decode_cursor, page_of
from beatwire.web.api.params import Cursor, Ident, Limit, slug_filter

router = APIRouter(tags=["narratives"], dependencies=[scoped("stories")])


def _named_ids(details: dict[str, Any]) -> set[str]:
    """Return every string an event's details hold, directly or in a list: candidate ids."""
    found: set[str] = set()
    for value in details.values():
        values = value if isinstance(value, list) else [value]
        found.update(item for item in values if isinstance(item, str))
    return found


@router.get("/narratives", response_model=NarrativePage)
def narratives_list(
    request: Request,
    api: ApiStateDep,
    cursor: Cursor = None,
    limit: Limit = 20,
    beat: Annotated[str | None, slug_filter("Beat slug.")] = None,
    status: Annotated[str | None, slug_filter("Status, e.g. emerging or fading.")] = None,
) -> Response:
    """Narratives, most recently updated first."""
    after = decode_cursor(cursor, "narratives", (datetime, str))
    with api.store.read() as conn:
        rows = list_narratives(conn, beat=beat, status=status, after=after, limit=limit + 1)
    page, next_cursor = page_of("narratives", rows, limit, lambda r: (r["updated_at"], r["id"]))
    body = NarrativePage(data=[narrative_summary(row) for row in page], next_cursor=next_cursor)
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)


@router.get("/narratives/{narrative_id}", response_model=NarrativePublic)
def narratives_one(request: Request, api: ApiStateDep, narrative_id: Ident) -> Response:
    """One narrative: its events in order, the narratives they link it to, its records by day."""
    with api.store.read() as conn:
        row = narrative_row(conn, narrative_id)
        if row is None:
            raise NotFound(f"no narrative {narrative_id!r}")
        timeline = narrative_timeline(conn, narrative_id)
        named = set().union(*(_named_ids(event["details"] or {}) for event in timeline))
        lineage = existing_narratives(conn, named - {narrative_id})
        series = narrative_series(conn, narrative_id)
    body = NarrativePublic(
        **narrative_summary(row).model_dump(),
        timeline=[NarrativeEvent.model_validate(event) for event in timeline],
        lineage=sorted(lineage),
        series=[DayCount(day=day, records=n) for day, n in series.items()],
    )
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)
