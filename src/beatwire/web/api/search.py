"""/v1/search: records and stories containing a text; each part needs its scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from beatwire.errors import Forbidden
from beatwire.store.records import search_records
from beatwire.store.stories import search_stories
from beatwire.web.api.caching import json_read
from beatwire.web.api.convert import record_summary, story_summary
from beatwire.web.api.deps import ApiKeyDep, ApiStateDep
from beatwire.web.api.models import SearchResults
from beatwire.web.api.params import MAX_PAGE, TEXT

router = APIRouter(tags=["search"])

Q = Annotated[str, Query(min_length=1, max_length=200, pattern=TEXT, description="Text to find.")]


@router.get("/search", response_model=SearchResults)
def search(
    request: Request,
    api: ApiStateDep,
    key: ApiKeyDep,
    q: Q,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items of each kind.")] = 20,
) -> Response:
    """Newest records and stories whose text contains `q` (case-insensitive)."""
    scopes = [scope for scope in ("records", "stories") if scope in key.scopes]
    if not scopes:
        raise Forbidden("search needs the 'records' or 'stories' scope")
    with api.store.read() as conn:
        found = search_records(conn, q, limit=limit) if "records" in scopes else []
        told = search_stories(conn, q, limit=limit) if "stories" in scopes else []
    body = SearchResults(
        q=q,
        scopes=scopes,
        records=[record_summary(row) for row in found],
        stories=[story_summary(row) for row in told],
    )
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)
