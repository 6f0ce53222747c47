"""Read queries over stories for the API. Held stories and unpublished versions never leave here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, or_, select

from beatwire.store.queries_common import before_key
from beatwire.store.schema import stories, story_versions

# A held story failed the output gate or the fidelity verifier: it is not published anywhere.
PUBLIC_STATUSES = ("developing", "final")  # "held" is never shown

SUMMARY_COLUMNS = (
    stories.c.id,
    stories.c.slug,
    stories.c.story_type,
    stories.c.beat,
    stories.c.status,
    stories.c.current_version,
    stories.c.headline,
    stories.c.created_at,
    stories.c.updated_at,
    story_versions.c.dek,
    story_versions.c.fidelity_score,
)


def with_current_version() -> Any:
    """Return stories joined to their current version."""
    return stories.join(
        story_versions,
        (story_versions.c.story_id == stories.c.id)
        & (story_versions.c.version == stories.c.current_version),
    )


def list_stories(
    conn: Connection,
    *,
    story_type: str | None,
    beat: str | None,
    status: str | None,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Return up to `limit` public story summaries, most recently updated first."""
    statuses = PUBLIC_STATUSES if status is None else (status,)
    query = (
        select(*SUMMARY_COLUMNS)
        .select_from(with_current_version())
        .where(
            stories.c.status.in_(statuses), before_key(stories.c.updated_at, stories.c.id, after)
        )
    )
    if story_type is not None:
        query = query.where(stories.c.story_type == story_type)
    if beat is not None:
        query = query.where(stories.c.beat == beat)
    query = query.order_by(stories.c.updated_at.desc(), stories.c.id.desc()).limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]


def public_story(conn: Connection, ident: str) -> dict[str, Any] | None:
    """Return a public story's row found by id or slug, or None."""
    query = select(stories).where(
        or_(stories.c.id == ident, stories.c.slug == ident), stories.c.status.in_(PUBLIC_STATUSES)
    )
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)


def story_version(conn: Connection, story_id: str, version: int) -> dict[str, Any] | None:
    """Return one published version of a story, or None."""
    query = select(story_versions).where(
        story_versions.c.story_id == story_id,
        story_versions.c.version == version,
        story_versions.c.published.is_(True),
    )
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)


def published_versions(conn: Connection, story_id: str) -> list[dict[str, Any]]:
    """Return the summaries of a story's published versions, oldest first."""
    v = story_versions.c
    query = (
        select(
            v.version, v.headline, v.writer, v.model, v.fidelity_score, v.created_at, v.story_type
        )
        .where(v.story_id == story_id, v.published.is_(True))
        .order_by(v.version)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def search_stories(conn: Connection, q: str, *, limit: int) -> list[dict[str, Any]]:
    """Return public story summaries whose current headline, dek or body contains `q`."""
    v = story_versions.c
    match = or_(
        v.headline.icontains(q, autoescape=True),
        v.dek.icontains(q, autoescape=True),
        v.body.icontains(q, autoescape=True),
    )
    query = (
        select(*SUMMARY_COLUMNS)
        .select_from(with_current_version())
        .where(stories.c.status.in_(PUBLIC_STATUSES), match)
        .order_by(stories.c.updated_at.desc(), stories.c.id.desc())
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]
