"""Reading stories: current versions, citations and slugs (writes are in story_writes.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from beatwire.model import Citation
from beatwire.store.queries_stories import with_current_version
from beatwire.store.schema import citations, stories, story_versions


def slug_taken(conn: Connection, slug: str, story_id: str) -> bool:
    """Return whether another story already uses `slug`."""
    query = select(stories.c.id).where(stories.c.slug == slug, stories.c.id != story_id)
    return conn.execute(query).first() is not None


def version_citations(conn: Connection, story_id: str, version: int) -> list[Citation]:
    """Return the citations of one version, by number."""
    query = (
        select(citations)
        .where(citations.c.story_id == story_id, citations.c.version == version)
        .order_by(citations.c.number)
    )
    return [
        Citation(number=row["number"], record_id=row["record_id"], quote=row["quote"])
        for row in conn.execute(query).mappings()
    ]


_STORY_COLUMNS = (
    stories.c.id,
    stories.c.slug,
    stories.c.story_type,
    stories.c.beat,
    stories.c.status,
    stories.c.current_version,
    stories.c.created_at,
    stories.c.updated_at,
    story_versions.c.headline,
    story_versions.c.dek,
    story_versions.c.body,
    story_versions.c.takeaways,
    story_versions.c.seo_description,
    story_versions.c.beats,
    story_versions.c.signal_ids,
    story_versions.c.faq,
    story_versions.c.writer,
    story_versions.c.model,
    story_versions.c.fidelity_score,
    story_versions.c.fidelity_report,
)


def story_by_slug(conn: Connection, slug: str) -> dict[str, Any] | None:
    """Return a story's current version by slug or id, or None."""
    query = (
        select(*_STORY_COLUMNS)
        .select_from(with_current_version())
        .where((stories.c.slug == slug) | (stories.c.id == slug))
    )
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)
