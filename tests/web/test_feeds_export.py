"""Feeds parse as RSS and Atom; the static export writes a site whose relative links resolve."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import feedparser
import httpx2

from beatwire.config import Settings
from beatwire.store.engine import Store
from beatwire.web.diffs import changed, word_diff
from beatwire.web.export import build_site
from beatwire.web.links import root_for


def test_rss_and_atom_parse_with_every_public_story(
    client: httpx2.Client, seeded: dict[str, Any]
) -> None:
    for path, version in (("/feeds/stories.rss", "rss20"), ("/feeds/stories.atom", "atom10")):
        parsed = feedparser.parse(client.get(path).content)
        assert parsed.version == version and not parsed.bozo
        assert len(parsed.entries) == len(seeded["slugs"])


def test_beat_feed_holds_only_its_beat(client: httpx2.Client) -> None:
    parsed = feedparser.parse(client.get("/beats/ai-agents/feed.rss").content)
    assert parsed.entries and all(e.tags[0].term == "ai-agents" for e in parsed.entries)


def test_static_export_writes_pages_whose_relative_links_exist(
    site_store: tuple[Store, dict[str, Any]], site_settings: Settings, tmp_path: Path
) -> None:
    # A thread of its own: Playwright's sync API may hold an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        report = pool.submit(build_site, site_store[0], site_settings, tmp_path).result()
    assert report.figures["pages"] > 100
    missing = []
    for page in tmp_path.rglob("*.html"):
        for href in re.findall(r'(?:href|src)="([^"#?:]+)"', page.read_text()):
            if not href.startswith("data") and not (page.parent / href).resolve().exists():
                missing.append(f"{page.relative_to(tmp_path)} -> {href}")
    assert missing == []


def test_root_for_climbs_back_to_the_site_root() -> None:
    assert root_for("/") == root_for("/index.html") == ""
    assert root_for("/beats/") == root_for("/beats/index.json") == "../"
    assert root_for("/stories/a-b/index.html") == "../../"


def test_word_diff_marks_added_and_removed_words() -> None:
    runs = word_diff("talk rose fast", "talk rose very fast")
    assert ("added", "very ") in runs and changed(runs)
    assert not changed(word_diff("same text", "same text"))
