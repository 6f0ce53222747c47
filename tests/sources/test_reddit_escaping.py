"""Reddit escapes & < > unless asked for raw JSON: text is unescaped once, and only then."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from beatwire.sources import reddit

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared/corpora/api-fixtures/reddit"
COLLECTED = datetime(2026, 1, 1, tzinfo=UTC)
ESCAPED = ("communal_reddit_comments_sample.json", "communal_reddit_search_sample.json")


def things(node: Any) -> list[dict[str, Any]]:
    """Return the data of every t1/t3 thing in a payload, replies included."""
    found: list[dict[str, Any]] = []
    if isinstance(node, list):
        for child in node:
            found += things(child)
    elif isinstance(node, dict):
        if node.get("kind") in ("t1", "t3") and isinstance(node.get("data"), dict):
            found.append(node["data"])
        for value in node.values():
            found += things(value)
    return found


def by_name(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    payload = path.read_bytes()
    raw = {data["name"]: data for data in things(json.loads(payload))}
    parsed = {r.native_id: r for r in reddit.parse(payload, collected_at=COLLECTED)}
    return raw, parsed


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.name)
def test_the_fixtures_recorded_with_raw_json_are_told_apart(path: Path) -> None:
    # SOURCE.md: the praw cassettes asked with raw_json=1, the communal samples did not.
    assert reddit.is_escaped(path.read_bytes()) is (path.name in ESCAPED)


def test_an_escaped_comment_tree_reads_as_people_wrote_it() -> None:
    raw, parsed = by_name(FIXTURES / "communal_reddit_comments_sample.json")
    quoting = [name for name, data in raw.items() if "&gt;" in (data.get("body") or "")]
    assert len(quoting) >= 3  # markdown quotes, sent as "&gt;"
    for name in quoting:
        text = parsed[name].text
        assert "&gt;" not in text and text == raw[name]["body"].replace("&gt;", ">").replace(
            "&lt;", "<"
        ).replace("&amp;", "&")


def test_a_raw_json_payload_is_left_as_sent() -> None:
    # An old comment kept "&amp;" in its markdown; raw JSON sends it as stored.
    raw, parsed = by_name(FIXTURES / "comments_3hahrw_thread_2016-03-22.json")
    kept = [name for name, data in raw.items() if "&amp;" in (data.get("body") or "")]
    assert kept and all(parsed[name].text == raw[name]["body"] for name in kept)


def test_a_typed_entity_survives_one_unescape() -> None:
    listing = {
        "kind": "Listing",
        "data": {
            "children": [
                {
                    "kind": "t3",
                    "data": {
                        "name": "t3_abc123",
                        "id": "abc123",
                        "created_utc": 1767225600.0,
                        "title": "Write &amp;amp; in HTML for &amp;",
                        "selftext": "A &lt;tag&gt; is not a tag here",
                        "selftext_html": '&lt;div class="md"&gt;&lt;p&gt;A &amp;lt;tag&amp;gt;'
                        " is not a tag here&lt;/p&gt;&lt;/div&gt;",
                        "subreddit": "test",
                        "permalink": "/r/test/comments/abc123/write/",
                        "is_self": True,
                    },
                }
            ]
        },
    }
    link_post = {
        "kind": "t3",
        "data": {
            "name": "t3_abc124",
            "created_utc": 1767225700.0,
            "title": "Q&amp;A",
            "url": "https://example.org/item?id=7&amp;page=2",
            "is_self": False,
        },
    }
    listing["data"]["children"].append(link_post)  # type: ignore[index]
    post, link = reddit.parse(json.dumps(listing).encode(), collected_at=COLLECTED)
    assert post.title == "Write &amp; in HTML for &"
    assert post.text == "A <tag> is not a tag here"
    assert link.title == "Q&A"
    # The link is unescaped before it is canonicalised, or its query would be "amp;page".
    assert link.extra["link"] == "https://example.org/item?id=7&page=2"
    assert link.extra["link_canonical"] == "https://example.org/item?id=7&page=2"
