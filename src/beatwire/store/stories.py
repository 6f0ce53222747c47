"""Reading and writing stories, their versions and citations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from beatwire.model import Citation, Draft, now_utc
from beatwire.store.schema import citations, stories, story_versions


@dataclass(frozen=True, slots=True)
class StoryRef:
    """A stored story's identity and where it stands."""

    id: str
    slug: str
    topic_key: str
    current_version: int
    signal_ids: tuple[str, ...]


def story_by_topic(conn: Connection, topic_key: str) -> StoryRef | None:
    """Return the story written about `topic_key`, or None."""
    row = conn.execute(select(stories).where(stories.c.topic_key == topic_key)).mappings().first()
    if row is None:
        return None
    signal_ids = conn.execute(
        select(story_versions.c.signal_ids).where(
            story_versions.c.story_id == row["id"],
            story_versions.c.version == row["current_version"],
        )
    ).scalar_one()
    return StoryRef(row["id"], row["slug"], topic_key, row["current_version"], tuple(signal_ids))


def slug_taken(conn: Connection, slug: str, story_id: str) -> bool:
    """Return whether another story already uses `slug`."""
    query = select(stories.c.id).where(stories.c.slug == slug, stories.c.id != story_id)
    return conn.execute(query).first() is not None


def save_version(
    conn: Connection,
    *,
    story_id: str,
    slug: str,
    topic_key: str,
    draft: Draft,
    fidelity: dict[str, Any],
    published: bool,
) -> int:
    """Store `draft` as the story's next version (creating the story); return the version number."""
    moment = now_utc()
    current = conn.execute(
        select(stories.c.current_version).where(stories.c.id == story_id)
    ).scalar_one_or_none()
    version = 1 if current is None else current + 1
    status = "published" if published else "held"
    story_values = {
        "slug": slug,
        "story_type": draft.story_type,
        "beat": draft.beats[0] if draft.beats else None,
        "status": status,
        "current_version": version,
        "headline": draft.headline,
        "updated_at": moment,
    }
    if current is None:
        conn.execute(
            stories.insert().values(
                id=story_id, topic_key=topic_key, created_at=moment, **story_values
            )
        )
    else:
        conn.execute(update(stories).where(stories.c.id == story_id).values(**story_values))
    conn.execute(
        story_versions.insert().values(
            **_version_values(story_id, version, draft),
            fidelity_score=fidelity["score"],
            fidelity_report=fidelity,
            published=published,
            created_at=moment,
        )
    )
    if draft.citations:
        conn.execute(
            citations.insert(),
            [
                {
                    "story_id": story_id,
                    "version": version,
                    "number": citation.number,
                    "record_id": citation.record_id,
                    "quote": citation.quote,
                }
                for citation in draft.citations
            ],
        )
    return version


def _version_values(story_id: str, version: int, draft: Draft) -> dict[str, Any]:
    return {
        "story_id": story_id,
        "version": version,
        "headline": draft.headline,
        "dek": draft.dek,
        "body": draft.body,
        "takeaways": list(draft.takeaways),
        "seo_description": draft.seo_description,
        "story_type": draft.story_type,
        "beats": list(draft.beats),
        "signal_ids": list(draft.signal_ids),
        "faq": list(draft.faq),
        "writer": draft.writer,
        "model": draft.model,
        "prompt_hash": draft.prompt_hash,
        "tokens_in": draft.tokens_in,
        "tokens_out": draft.tokens_out,
        "cost_usd": draft.cost_usd,
    }


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


def _current_version_query() -> Any:
    return select(
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
    ).join(
        story_versions,
        (story_versions.c.story_id == stories.c.id)
        & (story_versions.c.version == stories.c.current_version),
    )


def published_stories(
    conn: Connection, *, limit: int = 50, beat: str | None = None
) -> list[dict[str, Any]]:
    """Return published stories, current version, lead stories first then newest first."""
    query = _current_version_query().where(stories.c.status == "published")
    if beat is not None:
        query = query.where(stories.c.beat == beat)
    query = query.order_by(
        (stories.c.story_type == "lead").desc(), stories.c.updated_at.desc(), stories.c.id
    ).limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]


def story_by_slug(conn: Connection, slug: str) -> dict[str, Any] | None:
    """Return a story's current version by slug or id, or None."""
    query = _current_version_query().where((stories.c.slug == slug) | (stories.c.id == slug))
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)
