"""Mastodon: statuses from the documented Status entity, cross-instance copies, paging."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
import pytest

from beatwire.config import Settings, SourceSettings
from beatwire.errors import ParseError
from beatwire.http_client import make_client
from beatwire.sources import mastodon

PAYLOADS = Path(__file__).parent / "payloads" / "mastodon"
HOME = PAYLOADS / "tag_ai_mastodon.example.json"
REMOTE = PAYLOADS / "tag_ai_fosstodon.example.json"
NOW = datetime(2026, 1, 2, 12, tzinfo=UTC)
SHARED_URI = "https://mastodon.example/users/lena/statuses/113700000000000101"


def parse(path: Path) -> list[Any]:
    return mastodon.parse(path.read_bytes(), collected_at=NOW)


def test_html_content_is_decoded_once() -> None:
    statuses = json.loads(HOME.read_bytes())
    statuses[0]["content"] = "<p>Write &amp;amp; for &amp; &lt;br&gt; &#39;quoted&#39;</p>"
    record = mastodon.parse(json.dumps(statuses[:1]).encode(), collected_at=NOW)[0]
    assert record.text == "Write &amp; for & <br> 'quoted'"


def test_status_maps_every_field() -> None:
    raw = json.loads(HOME.read_bytes())[1]
    record = {r.native_id: r for r in parse(HOME)}[SHARED_URI]
    assert record.kind == "post" and record.provider == "mastodon"
    assert record.text == (
        "New #AI model card dropped today & the benchmark numbers look too good.\n\n"
        "Has anyone reproduced them?\n"
        "Link: https://lab.example.org/model-card?utm_source=mastodon"
    )
    assert record.author == "lena@mastodon.example"  # a local acct gets its domain
    assert record.author_name == "Lena Okafor"
    assert record.published_at == datetime(2026, 1, 2, 9, 12, 40, tzinfo=UTC)
    assert record.url == raw["url"]
    assert record.lang == "en"
    assert record.engagement == {"likes": 30, "reposts": 12, "replies": 4}
    assert record.extra["card_url"] == "https://lab.example.org/model-card"
    assert record.raw == raw


def test_reply_keeps_the_instance_local_parent_id() -> None:
    reply = parse(HOME)[0]
    assert reply.text.startswith("Replying to the thread: @lena the eval set")
    assert reply.extra["in_reply_to_id"] == "113700000000000101"
    assert reply.extra["tags"] == ["ai", "llm"]


def test_copies_on_two_instances_are_one_item() -> None:
    home = {r.native_id: r for r in parse(HOME)}
    remote = {r.native_id: r for r in parse(REMOTE)}
    assert SHARED_URI in home and SHARED_URI in remote
    assert home[SHARED_URI].author == remote[SHARED_URI].author == "lena@mastodon.example"
    assert home[SHARED_URI].extra["instance_id"] != remote[SHARED_URI].extra["instance_id"]
    both = mastodon.parse(
        json.dumps(json.loads(HOME.read_bytes()) + json.loads(REMOTE.read_bytes())).encode(),
        collected_at=NOW,
    )
    assert [r.native_id for r in both].count(SHARED_URI) == 1


def test_remote_status_keeps_language_and_content_warning() -> None:
    kim = parse(REMOTE)[0]
    assert kim.author == "kim@fediscience.example" and kim.lang == "de"
    assert kim.extra["spoiler_text"] == "EU-Regulierung"


def test_malformed_status_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    assert len(parse(REMOTE)) == 2
    assert "skipped 1 malformed item" in caplog.text


def test_a_boost_is_read_as_the_boosted_status() -> None:
    original = json.loads(HOME.read_bytes())[1]
    boost = {**original, "id": "1", "uri": "https://x.example/boost/1", "reblog": original}
    (record,) = mastodon.parse(json.dumps([boost]).encode(), collected_at=NOW)
    assert record.native_id == SHARED_URI


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty"),
        (b"[{", "JSON"),
        (b"<!DOCTYPE html><title>503</title>", "HTML"),
        (b'{"error": "Record not found"}', "Record not found"),
        (b"42", "not a list"),
    ],
)
def test_malformed_payloads_raise(payload: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        mastodon.parse(payload, collected_at=NOW)


def fetch_all(settings: Settings, handler: Any, cursor: str | None) -> list[Any]:
    async def run() -> list[Any]:
        async with make_client(settings, transport=httpx2.MockTransport(handler)) as client:
            return [page async for page in mastodon.fetch(client, cursor, settings)]

    return asyncio.run(run())


def test_fetch_pages_forward_from_min_id_on_each_instance() -> None:
    asked: list[str] = []
    options = {"instances": ["mastodon.example", "fosstodon.example"], "tags": ["ai"], "limit": 2}
    settings = Settings(sources=SourceSettings(options={"mastodon": options}))
    bodies = {"mastodon.example": [HOME.read_bytes(), b"[]"], "fosstodon.example": [b"[]"]}

    def handler(request: httpx2.Request) -> httpx2.Response:
        asked.append(f"{request.url.host}{request.url.path}?{request.url.query.decode()}")
        return httpx2.Response(200, content=bodies[request.url.host].pop(0))

    cursor = json.dumps({"mastodon.example/ai": "113700000000000100"})
    pages = fetch_all(settings, handler, cursor)
    assert asked == [
        "mastodon.example/api/v1/timelines/tag/ai?limit=2&min_id=113700000000000100",
        "mastodon.example/api/v1/timelines/tag/ai?limit=2&min_id=113700000000000105",
        "fosstodon.example/api/v1/timelines/tag/ai?limit=2",
    ]
    assert json.loads(pages[0].cursor) == {"mastodon.example/ai": "113700000000000105"}
    assert json.loads(pages[-1].cursor) == {"mastodon.example/ai": "113700000000000105"}


def test_fetch_does_not_move_the_cursor_past_an_unreadable_page() -> None:
    settings = Settings(
        sources=SourceSettings(options={"mastodon": {"instances": ["m.example"], "tags": ["ai"]}})
    )
    cursor = json.dumps({"m.example/ai": "5"})
    pages = fetch_all(settings, lambda request: httpx2.Response(200, text="<html>"), cursor)
    assert [json.loads(page.cursor) for page in pages] == [{"m.example/ai": "5"}]


def test_defaults() -> None:
    assert mastodon.CADENCE.total_seconds() == 3600 and mastodon.enabled(Settings()) is None
