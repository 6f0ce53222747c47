"""Page contexts: the data each page shows, built once for its HTML and its JSON twin."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from beatwire.errors import NotFound
from beatwire.model import PLATFORM_NAMES
from beatwire.store.engine import Store
from beatwire.store.records import records_by_id
from beatwire.store.stories import published_stories, story_by_slug, version_citations
from beatwire.taxonomy import beat_name, load_taxonomy


@dataclass(slots=True)
class HomeContext:
    """The front page: the lead story and more stories."""

    lead: dict[str, Any] | None
    more: list[dict[str, Any]]


@dataclass(slots=True)
class StoryContext:
    """One story: its current version and the records it cites."""

    story: dict[str, Any]
    citations: list[dict[str, Any]]
    more: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class BeatContext:
    """One beat: its description and its stories."""

    slug: str
    name: str
    description: str
    stories: list[dict[str, Any]]


def home_context(store: Store) -> HomeContext:
    """Return the front page's data."""
    with store.read() as conn:
        stories = published_stories(conn, limit=30)
    lead = next((s for s in stories if s["story_type"] == "lead"), stories[0] if stories else None)
    return HomeContext(lead=lead, more=[s for s in stories if s is not lead])


def story_context(store: Store, slug: str) -> StoryContext:
    """Return a published story's page data, or raise NotFound."""
    with store.read() as conn:
        story = story_by_slug(conn, slug)
        if story is None or story["status"] != "published":
            raise NotFound(f"no story {slug!r}")
        cited = version_citations(conn, story["id"], story["current_version"])
        records = records_by_id(conn, [c.record_id for c in cited])
        more = [s for s in published_stories(conn, limit=6) if s["id"] != story["id"]][:5]
    citations = []
    for citation in cited:
        record = records.get(citation.record_id)
        citations.append(
            {
                "number": citation.number,
                "quote": citation.quote,
                "record_id": citation.record_id,
                "platform": PLATFORM_NAMES.get(record.provider, record.provider)
                if record
                else None,
                "author": record.author if record else None,
                "published_at": record.published_at if record else None,
                "url": record.url if record else None,
                "excerpt": (record.text[:280] if record else "This record has been removed."),
                "engagement": dict(record.engagement) if record else {},
            }
        )
    return StoryContext(story=story, citations=citations, more=more)


def beat_context(store: Store, slug: str) -> BeatContext:
    """Return a beat page's data, or raise NotFound for an unknown beat."""
    beats = {beat.slug: beat for beat in load_taxonomy()}
    if slug not in beats:
        raise NotFound(f"no beat {slug!r}")
    with store.read() as conn:
        stories = published_stories(conn, beat=slug)
    return BeatContext(
        slug=slug, name=beat_name(slug), description=beats[slug].description, stories=stories
    )
