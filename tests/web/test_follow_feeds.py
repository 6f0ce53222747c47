"""Feeds of one entity and one narrative: valid RSS and Atom holding exactly their stories."""

from __future__ import annotations

from typing import Any

import feedparser
import httpx2
import pytest
from sqlalchemy import text

from beatwire.store.engine import Store
from beatwire.web.export import site_paths


def _story_ids_citing(store: Store, link_sql: str, value: str) -> set[str]:
    """Return the public stories whose current version cites a record linked to `value`."""
    with store.read() as conn:
        rows = conn.execute(
            text(
                "SELECT DISTINCT s.id FROM stories s JOIN citations c ON c.story_id = s.id "
                "AND c.version = s.current_version WHERE s.status != 'held' "
                f"AND c.record_id IN ({link_sql})"
            ),
            {"value": value},
        )
        return {row[0] for row in rows}


def _most_cited_entity(store: Store) -> tuple[str, str]:
    """Return (slug, name) of the entity the most public stories cite (the seeded data decides)."""
    with store.read() as conn:
        row = conn.execute(
            text(
                "SELECT e.slug, min(e.name) FROM stories s JOIN citations c ON c.story_id = s.id "
                "AND c.version = s.current_version JOIN record_entities e "
                "ON e.record_id = c.record_id WHERE s.status != 'held' "
                "GROUP BY e.slug ORDER BY count(DISTINCT s.id) DESC, e.slug LIMIT 1"
            )
        ).one()
        return str(row[0]), str(row[1])


def _ids(parsed: Any) -> set[str]:
    return {entry.id.rsplit(":", 1)[1] for entry in parsed.entries}


@pytest.mark.parametrize(("suffix", "version"), [("rss", "rss20"), ("atom", "atom10")])
def test_entity_feed_holds_the_stories_citing_records_that_name_it(
    client: httpx2.Client, site_store: tuple[Store, dict[str, Any]], suffix: str, version: str
) -> None:
    slug, name = _most_cited_entity(site_store[0])
    parsed = feedparser.parse(client.get(f"/entities/{slug}/feed.{suffix}").content)
    assert parsed.version == version and not parsed.bozo
    assert parsed.feed.title.endswith(f": {name}")
    expected = _story_ids_citing(
        site_store[0], "SELECT record_id FROM record_entities WHERE slug = :value", slug
    )
    assert expected and _ids(parsed) == expected
    assert len(expected) < len(feedparser.parse(client.get("/feeds/stories.atom").content).entries)


@pytest.mark.parametrize(("suffix", "version"), [("rss", "rss20"), ("atom", "atom10")])
def test_narrative_feed_holds_the_stories_citing_its_records(
    client: httpx2.Client, site_store: tuple[Store, dict[str, Any]], suffix: str, version: str
) -> None:
    parsed = feedparser.parse(client.get(f"/narratives/nar_1/feed.{suffix}").content)
    assert parsed.version == version and not parsed.bozo
    expected = _story_ids_citing(
        site_store[0],
        "SELECT record_id FROM narrative_members WHERE narrative_id = :value",
        "nar_1",
    )
    assert expected and _ids(parsed) == expected
    assert len(expected) < len(feedparser.parse(client.get("/feeds/stories.atom").content).entries)


def test_narrative_page_links_its_feeds(client: httpx2.Client) -> None:
    html = client.get("/narratives/nar_1/").text
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="feed.rss"' in html and 'href="feed.atom"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/entities/no-such-entity/feed.rss",
        "/narratives/nar_missing/feed.atom",
        "/beats/no-such-beat/feed.rss",
        "/beats/ai-agents/feed.xml",
        "/feeds/stories.json",
    ],
)
def test_unknown_feeds_answer_404(client: httpx2.Client, path: str) -> None:
    assert client.get(path).status_code == 404


def test_the_static_export_holds_the_feed_of_every_entity_a_story_is_about(
    site_store: tuple[Store, dict[str, Any]],
) -> None:
    paths = site_paths(site_store[0])
    slug = _most_cited_entity(site_store[0])[0]
    assert f"/entities/{slug}/feed.rss" in paths and "/narratives/nar_1/feed.atom" in paths
