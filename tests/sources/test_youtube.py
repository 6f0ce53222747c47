"""YouTube: channel RSS and Data API v3 payloads written from the docs; quota budget."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
import pytest
from pydantic import SecretStr

from beatwire.config import Settings, SourceSettings
from beatwire.errors import ParseError
from beatwire.http_client import make_client
from beatwire.sources import youtube
from beatwire.sources._youtube_quota import QuotaBudget, quota_day

PAYLOADS = Path(__file__).parent / "payloads" / "youtube"
NOW = datetime(2026, 1, 2, 12, tzinfo=UTC)


def read(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


def parse(name: str) -> list[Any]:
    return youtube.parse(read(name), collected_at=NOW)


def test_feed_entry_maps_every_field(caplog: pytest.LogCaptureFixture) -> None:
    first, second = parse("channel_feed.xml")  # the entry without an id is skipped
    assert "skipped 1 malformed item" in caplog.text
    assert first.kind == "video" and first.native_id == "vid00000001"
    assert first.title == "How sparse attention works, in 12 minutes"
    assert first.text == (
        "We draw the attention matrix by hand & show which entries a sparse pattern keeps.\n"
        "Slides: https://lectures.example.org/sparse-attention"
    )
    assert first.url == "https://www.youtube.com/watch?v=vid00000001"
    assert first.author == "UCbeatwireExample0000001"
    assert first.author_name == "Example AI Lectures"
    assert first.published_at == datetime(2026, 1, 1, 15, 0, 6, tzinfo=UTC)
    assert first.engagement == {"views": 48211}
    assert first.extra["rating_count"] == 1520
    assert second.title == "Q&A: will small models replace big ones?" and second.text == ""


def test_videos_list_reads_string_counts() -> None:
    first, second = parse("videos_list.json")
    assert first.engagement == {"views": 48502, "likes": 1534, "comments": 87}
    assert first.lang == "en" and first.extra["tags"] == ["attention", "transformers", "lecture"]
    assert second.engagement == {"views": 9133, "comments": 12}  # likes hidden by the owner
    assert second.lang == "en-US"
    assert first.raw == json.loads(read("videos_list.json"))["items"][0]


def test_comment_threads_map_comments_and_replies() -> None:
    top, reply, other = parse("comment_threads.json")
    assert top.kind == "comment" and top.native_id == "UgxThread000000001"
    assert top.text == (
        "The diagram at 4:10 finally made block-sparse patterns click for me.\n"
        "Could you do one on linear attention?"
    )
    assert top.author == "UCauthorMaya000000000001" and top.author_name == "@maya_codes"
    assert top.engagement == {"likes": 41, "replies": 1}
    assert top.parent_id == top.thread_id == "vid00000001"
    assert top.url == "https://www.youtube.com/watch?v=vid00000001&lc=UgxThread000000001"
    assert reply.parent_id == "UgxThread000000001" and reply.thread_id == "vid00000001"
    assert reply.engagement == {"likes": 3}
    assert other.published_at == datetime(2026, 1, 2, 7, 30, tzinfo=UTC)


def test_search_keeps_videos_only() -> None:
    (video,) = parse("search_list.json")
    assert video.native_id == "vid00000003" and video.author_name == "Weekly Model Roundup"
    assert video.engagement == {}


def with_snippet(name: str, **snippet: str) -> bytes:
    """Return a payload whose first item's snippet has `snippet`'s fields replaced."""
    document = json.loads(read(name))
    document["items"][0]["snippet"] |= snippet
    return json.dumps(document).encode()


def test_search_snippets_are_unescaped_once() -> None:
    payload = with_snippet(
        "search_list.json",
        title="Q&amp;A: &quot;what&#39;s next&quot; for &lt;open&gt; models",
        description="Write &amp;amp; to get an ampersand",
        channelTitle="Tom &amp; Ana",
    )
    (video,) = youtube.parse(payload, collected_at=NOW)
    assert video.title == 'Q&A: "what\'s next" for <open> models'
    assert video.text == "Write &amp; to get an ampersand"
    assert video.author_name == "Tom & Ana"


def test_channel_feed_titles_are_decoded_once_by_xml() -> None:
    feed = read("channel_feed.xml").decode()
    title = parse("channel_feed.xml")[0].title
    escaped = feed.replace(f"<title>{title}</title>", "<title>Tom &amp;amp; Ana &lt;3</title>", 1)
    video = youtube.parse(escaped.encode(), collected_at=NOW)[0]
    assert video.title == "Tom &amp; Ana <3"


def test_videos_list_text_is_taken_as_written() -> None:
    payload = with_snippet("videos_list.json", title="Tom &amp; Ana", description="x &lt; y")
    video = youtube.parse(payload, collected_at=NOW)[0]
    assert (video.title, video.text) == ("Tom &amp; Ana", "x &lt; y")


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (read("error_quota.json"), "API error 403: quotaExceeded"),
        (b"", "empty"),
        (b'{"kind": "youtube#videoListResponse", "items": [', "JSON"),
        (b"<!DOCTYPE html><html><body>Error 500</body></html>", "HTML"),
        (b"<feed><entry>", "not well-formed"),
        (b"<rss/>", "not an Atom feed"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>', "DTD"),
        (b'{"kind": "youtube#playlistListResponse", "items": []}', "not a videos"),
    ],
)
def test_malformed_payloads_raise(payload: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        youtube.parse(payload, collected_at=NOW)


def test_quota_day_is_pacific_and_budget_stops_when_spent() -> None:
    assert quota_day(datetime(2026, 1, 2, 7, tzinfo=UTC)) == "2026-01-01"
    budget = QuotaBudget.from_cursor(
        json.dumps({"quota_day": "2026-01-02", "units": 9_950}), daily=10_000, now=NOW
    )
    assert budget.spent == 9_950
    assert not budget.spend("search.list")  # 100 units do not fit
    assert all(budget.spend("videos.list") for _ in range(50))
    assert not budget.spend("commentThreads.list")
    assert json.loads(budget.cursor()) == {"quota_day": "2026-01-02", "units": 10_000}


def test_a_new_quota_day_starts_from_zero() -> None:
    old = json.dumps({"quota_day": "2025-12-31", "units": 10_000})
    assert QuotaBudget.from_cursor(old, daily=10_000, now=NOW).spent == 0


def settings(*, key: bool = True, **options: Any) -> Settings:
    secrets = {"youtube_api_key": SecretStr("AIza-test-key")} if key else {}
    base = {"channels": ["UCbeatwireExample0000001"], **options}
    return Settings(sources=SourceSettings(secrets=secrets, options={"youtube": base}))


def run_fetch(config: Settings, cursor: str | None = None) -> tuple[list[Any], list[Any]]:
    asked: list[httpx2.Request] = []
    routes = {
        "/feeds/videos.xml": read("channel_feed.xml"),
        "/youtube/v3/search": read("search_list.json"),
        "/youtube/v3/videos": read("videos_list.json"),
        "/youtube/v3/commentThreads": read("comment_threads.json"),
    }

    def handler(request: httpx2.Request) -> httpx2.Response:
        asked.append(request)
        if request.url.params.get("videoId") == "vid00000002":
            return httpx2.Response(403, json={"error": {"code": 403, "errors": []}})
        return httpx2.Response(200, content=routes[request.url.path])

    async def run() -> list[Any]:
        async with make_client(config, transport=httpx2.MockTransport(handler)) as client:
            return [page async for page in youtube.fetch(client, cursor, config)]

    return asyncio.run(run()), asked


def test_without_a_key_only_the_feeds_are_read() -> None:
    pages, asked = run_fetch(settings(key=False))
    assert [r.url.path for r in asked] == ["/feeds/videos.xml"]
    assert asked[0].url.params["channel_id"] == "UCbeatwireExample0000001"
    assert len(pages) == 1


def test_with_a_key_statistics_then_comments_of_the_most_viewed() -> None:
    pages, asked = run_fetch(settings(comment_videos=2))
    assert [r.url.path for r in asked] == [
        "/feeds/videos.xml",
        "/youtube/v3/videos",
        "/youtube/v3/commentThreads",
        "/youtube/v3/commentThreads",
    ]
    assert asked[1].url.params["id"] == "vid00000001,vid00000002"
    assert asked[1].headers["x-goog-api-key"] == "AIza-test-key"
    assert "AIza-test-key" not in str(asked[1].url)
    assert asked[2].url.params["videoId"] == "vid00000001"  # most viewed first
    # Comments off on the second video: skipped, the run goes on. Its unit is booked after
    # the last page, so the stored cursor undercounts by that one call.
    assert len(pages) == 3
    assert json.loads(pages[-1].cursor)["units"] == 2
    assert json.loads(pages[0].cursor)["units"] == 0


def test_search_costs_100_units_and_the_budget_stops_the_run() -> None:
    pages, asked = run_fetch(settings(search_queries=["ai news"], daily_quota=100))
    assert [r.url.path for r in asked] == ["/feeds/videos.xml", "/youtube/v3/search"]
    assert asked[1].url.params["q"] == "ai news"
    assert json.loads(pages[-1].cursor)["units"] == 100


def test_enabled_needs_channels_or_a_keyed_search() -> None:
    reason = youtube.enabled(Settings())
    assert reason is not None and "channels" in reason
    assert youtube.enabled(settings(key=False)) is None
    assert youtube.CADENCE.total_seconds() == 4 * 3600
