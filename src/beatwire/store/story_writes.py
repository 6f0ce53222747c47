"""Story versions: saving a version (held ones never hide a published one) and the history."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select, update

from beatwire.model import Draft, now_utc
from beatwire.store.schema import citations, stories, story_versions


def _version_row(story_id: str, version: int, draft: Draft) -> dict[str, Any]:
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


def _has_published(conn: Connection, story_id: str) -> bool:
    query = select(story_versions.c.version).where(
        story_versions.c.story_id == story_id, story_versions.c.published.is_(True)
    )
    return conn.execute(query.limit(1)).first() is not None


def save_story_version(
    conn: Connection,
    *,
    story_id: str,
    slug: str,
    topic_key: str,
    draft: Draft,
    fidelity: dict[str, Any],
    published: bool,
    status: str,
) -> int:
    """Store the next version of a story; return its number.

    A published version becomes current (headline, slug and `status`, developing or
    final, follow it). A held version is kept in the history but never replaces a
    published one; a story with nothing published yet is `held`.
    """
    moment = now_utc()
    last = conn.execute(
        select(func.max(story_versions.c.version)).where(story_versions.c.story_id == story_id)
    ).scalar()
    version = (last or 0) + 1
    exists = conn.execute(select(stories.c.id).where(stories.c.id == story_id)).first()
    had_published = exists is not None and _has_published(conn, story_id)
    values = {
        "slug": slug,
        "story_type": draft.story_type,
        "beat": draft.beats[0] if draft.beats else None,
        "status": status if published else "held",
        "current_version": version,
        "headline": draft.headline,
        "updated_at": moment,
    }
    if exists is None:
        conn.execute(
            stories.insert().values(id=story_id, topic_key=topic_key, created_at=moment, **values)
        )
    elif published or not had_published:
        conn.execute(update(stories).where(stories.c.id == story_id).values(**values))
    conn.execute(
        story_versions.insert().values(
            **_version_row(story_id, version, draft),
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
                {"story_id": story_id, "version": version, "number": c.number,
                 "record_id": c.record_id, "quote": c.quote}
                for c in draft.citations
            ],
        )  # fmt: skip
    return version


def story_history(conn: Connection, story_id: str) -> list[dict[str, Any]]:
    """Return every version of a story (published or held), oldest first."""
    query = (
        select(story_versions)
        .where(story_versions.c.story_id == story_id)
        .order_by(story_versions.c.version)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def latest_version(conn: Connection, story_id: str) -> dict[str, Any] | None:
    """Return the newest version of a story, published or held, or None."""
    query = (
        select(story_versions)
        .where(story_versions.c.story_id == story_id)
        .order_by(story_versions.c.version.desc())
        .limit(1)
    )
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)


def story_row(conn: Connection, story_id: str) -> dict[str, Any] | None:
    """Return a story's row (any status) by id or slug, or None."""
    query = select(stories).where((stories.c.id == story_id) | (stories.c.slug == story_id))
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)
