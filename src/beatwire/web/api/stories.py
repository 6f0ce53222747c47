"""/v1/stories: public stories, one in full, and their published versions. Needs `stories`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request, Response
from sqlalchemy import Connection

from beatwire.errors import NotFound
from beatwire.store.records import record_summaries
from beatwire.store.stories import (
    list_stories,
    public_story,
    published_versions,
    story_version,
    version_citations,
)
from beatwire.web.api.caching import json_read
from beatwire.web.api.convert import citation_public, story_summary, version_public
from beatwire.web.api.deps import ApiStateDep, scoped
from beatwire.web.api.models import (
    StoryPage,
    StoryPublic,
    VersionList,
    VersionPublic,
    VersionSummary,
)
from beatwire.web.api.pagination import MAX_INT, decode_cursor, page_of
from beatwire.web.api.params import Cursor, Ident, Limit, slug_filter

router = APIRouter(tags=["stories"], dependencies=[scoped("stories")])

StoryType = Literal["lead", "story", "dispatch", "analysis"]
Status = Literal["developing", "final"]
VersionNumber = Annotated[int, Path(ge=1, le=MAX_INT, description="Version number.")]
_IMMUTABLE_AGE = 86400


def _story(conn: Connection, ident: str) -> dict[str, Any]:
    story = public_story(conn, ident)
    if story is None:
        raise NotFound(f"no story {ident!r}")
    return story


def _version(conn: Connection, story_id: str, number: int) -> VersionPublic:
    row = story_version(conn, story_id, number)
    if row is None:
        raise NotFound(f"story {story_id!r} has no published version {number}")
    cited = version_citations(conn, story_id, number)
    records = record_summaries(conn, [c.record_id for c in cited])
    return version_public(row, [citation_public(c, records) for c in cited])


@router.get("/stories", response_model=StoryPage)
def stories_list(
    request: Request,
    api: ApiStateDep,
    cursor: Cursor = None,
    limit: Limit = 20,
    type: StoryType | None = None,
    beat: Annotated[str | None, slug_filter("Beat slug.")] = None,
    status: Status | None = None,
) -> Response:
    """Public stories, most recently updated first (held stories are never listed)."""
    after = decode_cursor(cursor, "stories", (datetime, str))
    with api.store.read() as conn:
        rows = list_stories(
            conn, story_type=type, beat=beat, status=status, after=after, limit=limit + 1
        )
    page, next_cursor = page_of("stories", rows, limit, lambda r: (r["updated_at"], r["id"]))
    body = StoryPage(data=[story_summary(row) for row in page], next_cursor=next_cursor)
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)


@router.get("/stories/{story_id}", response_model=StoryPublic)
def stories_one(request: Request, api: ApiStateDep, story_id: Ident) -> Response:
    """A story by id or slug, its current version in full: body, citations, fidelity report."""
    with api.store.read() as conn:
        story = _story(conn, story_id)
        current = _version(conn, story["id"], story["current_version"])
    body = StoryPublic(
        id=story["id"],
        slug=story["slug"],
        status=story["status"],
        beat=story["beat"],
        created_at=story["created_at"],
        updated_at=story["updated_at"],
        current=current,
    )
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)


@router.get("/stories/{story_id}/versions", response_model=VersionList)
def stories_versions(request: Request, api: ApiStateDep, story_id: Ident) -> Response:
    """Every published version of a story, oldest first."""
    with api.store.read() as conn:
        story = _story(conn, story_id)
        rows = published_versions(conn, story["id"])
    versions = [VersionSummary(**row, type=row["story_type"]) for row in rows]
    body = VersionList(story_id=story["id"], data=versions)
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)


@router.get("/stories/{story_id}/versions/{number}", response_model=VersionPublic)
def stories_version(
    request: Request, api: ApiStateDep, story_id: Ident, number: VersionNumber
) -> Response:
    """One published version in full. A version never changes, so it may be cached for long."""
    with api.store.read() as conn:
        story = _story(conn, story_id)
        body = _version(conn, story["id"], number)
    return json_read(request, body, max_age=_IMMUTABLE_AGE, immutable=True)
