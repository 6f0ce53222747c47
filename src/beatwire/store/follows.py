"""What a story is about, for the people who follow it: its beats, entities, narratives, score.

A story is about an entity when its topic is the entity (`entity:<slug>`, as promotion
names a topic) or a record its version cites names the entity; it is in a narrative
when its topic is the narrative or a record it cites belongs to the narrative: the
topic is what the story was written about and the citations what it stands on. Its
score is the highest promotion score (`signals.promotion`) of the signals it was
written from, None when none is stored. The feeds read the reverse: the public
stories about one entity or in one narrative.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Connection, Table, and_, func, or_, select

from beatwire.store.schema import (
    citations,
    narrative_members,
    record_entities,
    signals,
    stories,
    story_versions,
)
from beatwire.store.stories import PUBLIC_STATUSES, SUMMARY_COLUMNS, with_current_version


@dataclass(frozen=True, slots=True)
class Subjects:
    """What one version of a story is about."""

    beats: tuple[str, ...]
    entities: tuple[tuple[str, str], ...]  # (slug, name), most cited first
    narratives: tuple[str, ...]
    score: float | None


def _cited(story_id: str, version: int) -> Any:
    return select(citations.c.record_id).where(
        citations.c.story_id == story_id, citations.c.version == version
    )


def version_subjects(conn: Connection, story_id: str, version: int) -> Subjects:
    """Return what version `version` of a story is about."""
    row = conn.execute(
        select(story_versions.c.beats, story_versions.c.signal_ids, stories.c.topic_key)
        .join(stories, stories.c.id == story_versions.c.story_id)
        .where(story_versions.c.story_id == story_id, story_versions.c.version == version)
    ).one()
    kind, _, topic = str(row.topic_key).partition(":")
    cited = _cited(story_id, version)
    scores: list[float] = list(
        conn.execute(
            select(signals.c.score).where(signals.c.id.in_(list(row.signal_ids or [])))
        ).scalars()
    )
    return Subjects(
        beats=tuple(row.beats or ()),
        entities=_entities(conn, cited, topic if kind == "entity" else None),
        narratives=_narratives(conn, cited, topic if kind == "narrative" else None),
        score=max(scores, default=None),
    )


def _entities(conn: Connection, cited: Any, topic: str | None) -> tuple[tuple[str, str], ...]:
    """Return (slug, name) of the topic's entity, then those the cited records name most."""
    e = record_entities.c
    named = conn.execute(select(e.slug, e.name).where(e.record_id.in_(cited))).all()
    counts = Counter(str(slug) for slug, _ in named)
    names = {str(slug): str(name) for slug, name in named}
    if topic is not None:
        counts[topic] = max(counts.values(), default=0) + 1
        names.setdefault(topic, _entity_name(conn, topic))
    return tuple((slug, names[slug]) for slug, _ in sorted(counts.items(), key=_by_count))


def _narratives(conn: Connection, cited: Any, topic: str | None) -> tuple[str, ...]:
    """Return the topic's narrative, then those the cited records belong to."""
    held = narrative_members.c
    query = select(held.narrative_id).where(held.record_id.in_(cited)).distinct()
    found: list[str] = sorted(conn.execute(query).scalars())
    return tuple(dict.fromkeys(([topic] if topic else []) + found))


def _entity_name(conn: Connection, slug: str) -> str:
    name = conn.execute(
        select(func.min(record_entities.c.name)).where(record_entities.c.slug == slug)
    ).scalar()
    return str(name or slug)


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _stories_about(
    conn: Connection, kind: str, link: Table, column: Column[Any], value: str, limit: int
) -> list[dict[str, Any]]:
    """Return public story summaries whose topic is `kind:value` or that cite a record of it."""
    cited = (
        select(citations.c.story_id)
        .join(link, link.c.record_id == citations.c.record_id)
        .join(
            stories,
            and_(
                stories.c.id == citations.c.story_id,
                stories.c.current_version == citations.c.version,
            ),
        )
        .where(column == value)
    )
    query = (
        select(*SUMMARY_COLUMNS)
        .select_from(with_current_version())
        .where(
            stories.c.status.in_(PUBLIC_STATUSES),
            or_(stories.c.topic_key == f"{kind}:{value}", stories.c.id.in_(cited)),
        )
        .order_by(stories.c.updated_at.desc(), stories.c.id.desc())
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def entity_stories(conn: Connection, slug: str, *, limit: int) -> list[dict[str, Any]]:
    """Return the public stories about entity `slug`, most recently updated first."""
    return _stories_about(conn, "entity", record_entities, record_entities.c.slug, slug, limit)


def narrative_stories(conn: Connection, narrative_id: str, *, limit: int) -> list[dict[str, Any]]:
    """Return the public stories in narrative `narrative_id`, most recently updated first."""
    link = narrative_members
    return _stories_about(conn, "narrative", link, link.c.narrative_id, narrative_id, limit)


def followed_entities(conn: Connection) -> list[str]:
    """Return the slugs of every entity a public story is about (its topic or cited), sorted."""
    current = and_(
        citations.c.story_id == stories.c.id, citations.c.version == stories.c.current_version
    )
    public = stories.c.status.in_(PUBLIC_STATUSES)
    cited = (
        select(record_entities.c.slug)
        .join(citations, citations.c.record_id == record_entities.c.record_id)
        .join(stories, current)
        .where(public)
    )
    topics = select(stories.c.topic_key).where(public, stories.c.topic_key.startswith("entity:"))
    found: set[str] = set(conn.execute(cited).scalars())
    keys: list[str] = list(conn.execute(topics).scalars())
    return sorted(found | {key.partition(":")[2] for key in keys})
