"""Hacker News adapter: parsing the real Algolia/Firebase payloads, slicing, fallback."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest

from beatwire.config import HttpSettings, Settings, SourceSettings
from beatwire.errors import ParseError
from beatwire.http_client import make_client
from beatwire.sources import hackernews
from beatwire.sources.base import Page

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared/corpora/api-fixtures/hackernews"
COLLECTED = datetime(2026, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(name: str) -> list:
    return hackernews.parse(load(name), collected_at=COLLECTED)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.name)
def test_every_fixture_parses(path: Path) -> None:
    records = hackernews.parse(path.read_bytes(), collected_at=COLLECTED)
    assert all(r.provider == "hackernews" and r.published_at.tzinfo is not None for r in records)


def test_firebase_story_maps_fields() -> None:
    (story,) = parse("firebase_item_8863.json")
    raw = json.loads(load("firebase_item_8863.json"))
    assert story.native_id == "8863" and story.kind == "story"
    assert story.author == "dhouston"
    assert story.published_at == datetime.fromtimestamp(1175714200, UTC)
    assert story.title == raw["title"] and story.text == raw["title"]
    assert story.url == "https://news.ycombinator.com/item?id=8863"
    assert story.engagement == {"score": 111, "comments": 71, "replies": len(raw["kids"])}
    assert story.extra["link"] == raw["url"]
    assert story.thread_id == "8863" and story.parent_id is None
    assert story.raw == raw


def with_fields(name: str, **fields: str) -> bytes:
    return json.dumps({**json.loads(load(name)), **fields}).encode()


@pytest.mark.parametrize(
    ("title", "read"),
    [
        ("The &lt;output&gt; element &amp; you", "The <output> element & you"),
        ("The <output> element", "The <output> element"),  # most titles come as typed
        ("Write &amp;amp; for &amp;", "Write &amp; for &"),
    ],
)
def test_story_titles_are_unescaped_once(title: str, read: str) -> None:
    (story,) = hackernews.parse(
        with_fields("firebase_item_8863.json", title=title), collected_at=COLLECTED
    )
    assert story.title == read and story.text == read


def test_comment_html_is_decoded_once() -> None:
    payload = with_fields("firebase_item_2921983.json", text="AT&amp;amp;T &lt;3 &gt; <i>all</i>")
    (comment,) = hackernews.parse(payload, collected_at=COLLECTED)
    assert comment.text == "AT&amp;T <3 > all"


def test_firebase_comment_html_becomes_text_with_paragraphs() -> None:
    (comment,) = parse("firebase_item_2921983.json")
    assert comment.kind == "comment" and comment.author == "norvig"
    assert comment.parent_id == "2921506"
    assert "<p>" not in comment.text and "\n\n" in comment.text
    assert comment.title is None


def test_ask_hn_story_keeps_its_text_and_title() -> None:
    (story,) = parse("firebase_item_121003.json")
    assert story.title is not None and story.text != story.title
    assert "<i>" not in story.text and "<p>" not in story.text


def test_poll_option_links_to_its_poll() -> None:
    (option,) = parse("firebase_item_160705.json")
    assert option.kind == "comment" and option.parent_id == "160704"
    assert option.engagement == {"score": 335}


def test_algolia_search_hits_map_fields() -> None:
    records = parse("communal_algolia_sampleNewsOutput.json")
    hits = json.loads(load("communal_algolia_sampleNewsOutput.json"))["hits"]
    assert [r.native_id for r in records] == [h["objectID"] for h in hits]
    first = records[0]
    assert first.author == "dkua"
    assert first.published_at == datetime(2015, 1, 2, 21, 5, 46, tzinfo=UTC)
    assert first.engagement == {"score": 270, "comments": 103}
    assert first.extra["link"] == hits[0]["url"]
    assert "_highlightResult" not in (first.raw or {})


def test_algolia_items_tree_is_flattened_with_thread_links() -> None:
    tree = {
        "id": 1,
        "created_at": "2024-05-01T10:00:00.000Z",
        "type": "story",
        "author": "ann",
        "title": "A story",
        "url": "https://example.org/a?utm_source=hn",
        "points": 9,
        "children": [
            {
                "id": 2,
                "created_at": "2024-05-01T10:05:00.000Z",
                "type": "comment",
                "author": "bob",
                "text": "<p>Hi &amp; bye</p>",
                "parent_id": 1,
                "story_id": 1,
                "children": [
                    {
                        "id": 3,
                        "created_at": "2024-05-01T10:06:00.000Z",
                        "type": "comment",
                        "author": "cy",
                        "text": "Reply",
                        "parent_id": 2,
                        "story_id": 1,
                        "children": [],
                    }
                ],
            },
            {
                "id": 4,
                "created_at": "2024-05-01T10:07:00.000Z",
                "type": "comment",
                "author": None,
                "text": None,
                "children": [],
            },
        ],
    }
    records = hackernews.parse(json.dumps(tree).encode(), collected_at=COLLECTED)
    assert [(r.native_id, r.parent_id, r.thread_id) for r in records] == [
        ("1", None, "1"),
        ("2", "1", "1"),
        ("3", "2", "1"),
        ("4", "1", "1"),
    ]
    assert records[1].text == "Hi & bye"
    assert records[0].extra["link_canonical"] == "https://example.org/a"


def test_deleted_items_are_dropped() -> None:
    payload = json.dumps({"id": 5, "type": "comment", "deleted": True, "time": 1}).encode()
    assert hackernews.parse(payload, collected_at=COLLECTED) == []


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty body"),
        (b"<html><body>502 Bad Gateway</body></html>", "HTML"),
        (b'{"hits": [{"objectID": "1"', "truncated JSON"),
        (b'{"hits": "nope"}', "'hits' is not a list"),
        (b'"a string"', "not a Hacker News"),
    ],
)
def test_malformed_payloads_raise_one_parse_error(payload: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as caught:
        hackernews.parse(payload, collected_at=COLLECTED)
    assert reason in str(caught.value)


def test_one_bad_hit_is_skipped_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    data = json.loads(load("communal_algolia_sampleNewsOutput.json"))
    data["hits"].insert(1, {"objectID": "99", "_tags": ["story"]})  # no time
    data["hits"].insert(2, "junk")
    records = hackernews.parse(json.dumps(data).encode(), collected_at=COLLECTED)
    assert len(records) == 4
    assert "skipped item 99" in caplog.text


def conf(**options: object) -> Settings:
    return Settings(
        http=HttpSettings(per_host_rps=0, retries=1),
        sources=SourceSettings(options={"hackernews": {"queries": ["llm"], **options}}),
    )


async def noop_sleep(_: float) -> None:
    return None


def collect(handler, settings: Settings, cursor: str | None) -> list[Page]:
    async def go() -> list[Page]:
        async with make_client(settings, transport=httpx2.MockTransport(handler)) as client:
            return [
                page
                async for page in hackernews.fetch(
                    client, cursor, settings, sleep=noop_sleep, now=lambda: NOW
                )
            ]

    return asyncio.run(go())


def window(request: httpx2.Request) -> tuple[int, int]:
    filters = parse_qs(urlsplit(str(request.url)).query)["numericFilters"][0]
    low, high = (int(part.split("=")[-1].split(">")[-1]) for part in filters.split(","))
    return low, high


def test_fetch_walks_hour_slices_and_moves_the_cursor_with_them() -> None:
    seen: list[tuple[int, int]] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(window(request))
        return httpx2.Response(200, content=load("communal_algolia_sampleNewsOutput.json"))

    end = int(NOW.timestamp()) - 60
    start = end - 3 * 3600 + 100
    pages = collect(handler, conf(), str(start))
    assert seen == [(start, start + 3600), (start + 3600, start + 7200), (start + 7200, end)]
    assert [p.cursor for p in pages] == [str(high) for _, high in seen]
    assert all(hackernews.parse(p.payload, collected_at=COLLECTED) for p in pages)


def test_fetch_halves_a_slice_over_the_hit_cap() -> None:
    seen: list[tuple[int, int]] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        low, high = window(request)
        seen.append((low, high))
        hits = 1500 if high - low > 1000 else 10
        return httpx2.Response(200, json={"hits": [], "nbHits": hits})

    end = int(NOW.timestamp()) - 60
    pages = collect(handler, conf(slice_hours=0.5), str(end - 1800))
    middle = end - 900
    assert seen == [(end - 1800, end), (end - 1800, middle), (middle, end)]
    assert [p.cursor for p in pages] == [str(end - 1800), str(end)]


def test_only_the_last_query_of_a_slice_moves_the_cursor() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json={"hits": [], "nbHits": 0})

    end = int(NOW.timestamp()) - 60
    settings = conf()
    settings.sources.options["hackernews"]["queries"] = ["llm", "gpt"]
    pages = collect(handler, settings, str(end - 600))
    assert [p.cursor for p in pages] == [str(end - 600), str(end)]


def test_fetch_falls_back_to_firebase_when_algolia_fails() -> None:
    story = {
        "id": 7,
        "type": "story",
        "by": "ann",
        "time": int(NOW.timestamp()) - 30,
        "title": "New LLM benchmark",
        "score": 3,
    }
    other = {
        "id": 8,
        "type": "story",
        "by": "bob",
        "time": int(NOW.timestamp()) - 20,
        "title": "Gardening tips",
        "score": 1,
    }

    def handler(request: httpx2.Request) -> httpx2.Response:
        path = request.url.path
        if request.url.host == "hn.algolia.com":
            return httpx2.Response(503)
        if path.endswith("newstories.json"):
            return httpx2.Response(200, json=[8, 7])
        return httpx2.Response(200, json=story if path.endswith("/7.json") else other)

    since = int(NOW.timestamp()) - 600
    pages = collect(handler, conf(), str(since))
    assert len(pages) == 1
    assert pages[0].cursor == str(story["time"])
    (record,) = hackernews.parse(pages[0].payload, collected_at=COLLECTED)
    assert record.native_id == "7"
