"""News adapter: real RSS/Atom/RDF feeds, Google News, conditional GET."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import httpx2
import pytest

from beatwire.config import HttpSettings, Settings, SourceSettings
from beatwire.errors import ParseError
from beatwire.http_client import make_client
from beatwire.sources import news
from beatwire.sources.base import Page

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared/corpora/api-fixtures/rss"
COLLECTED = datetime(2026, 1, 1, tzinfo=UTC)
MALFORMED = "feedrs_rss_2.0_invalid_1.xml"
GOOD = sorted(p for p in FIXTURES.iterdir() if p.name not in ("SOURCE.md", MALFORMED))


def parse(name: str) -> list:
    return news.parse((FIXTURES / name).read_bytes(), collected_at=COLLECTED)


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_every_good_fixture_parses(path: Path) -> None:
    records = news.parse(path.read_bytes(), collected_at=COLLECTED)
    assert records
    assert all(r.kind == "article" and r.text for r in records)


def test_malformed_fixture_raises_parse_error() -> None:
    with pytest.raises(ParseError, match="malformed feed"):
        parse(MALFORMED)


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty body"),
        (b'{"version": "1", "items": []}', "not a JSON Feed"),
        (b"<html><body><h1>503 Service Unavailable</h1></body></html>", "malformed feed"),
    ],
)
def test_bad_bodies_raise_parse_error(payload: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        news.parse(payload, collected_at=COLLECTED)


def test_rss2_item_maps_fields() -> None:
    (record,) = parse("feedrs_rss_2.0_nbcny.xml")
    assert record.published_at == datetime(2023, 12, 16, 2, 2, 33, tzinfo=UTC)
    assert record.lang == "en"
    assert record.extra["publisher"] == "NBC New York"
    assert record.native_id == record.canonical_url
    assert record.canonical_url.startswith("https://nbcnewyork.com/")
    assert "<" not in record.text


def test_atom_entries_keep_authors_and_dates() -> None:
    records = parse("feedrs_atom_mediarss_reddit_1.xml")
    assert len(records) == 25
    assert all(r.author and r.author.startswith("/u/") for r in records)
    assert records[0].published_at == datetime(2023, 7, 23, 17, 38, 30, tzinfo=UTC)


def test_rdf_feed_parses_every_item() -> None:
    assert len(parse("rssparser_rss-1.rss")) == 69


def test_portuguese_dates_are_read() -> None:
    records = parse("rssparser_uolNoticias.rss")
    assert records[0].published_at == datetime(2018, 9, 24, 22, 42, 40, tzinfo=UTC)
    assert all(r.published_at != COLLECTED for r in records)


def test_tracking_parameters_leave_the_identity() -> None:
    records = parse("feedrs_rss_1.0_biorxiv.xml")
    assert "?rss" in records[0].url
    assert "?" not in records[0].native_id


def feed(items: str, title: str = "Example Wire") -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://wire.example/</link>{items}</channel></rss>"
    ).encode()


PUBLISHER_ITEM = (
    "<item><title>Robots learn to fold laundry</title>"
    "<link>https://www.wire.example/tech/robots-fold?utm_source=rss&amp;utm_medium=feed</link>"
    "<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate>"
    "<description>&lt;p&gt;A lab &lt;b&gt;showed&lt;/b&gt; it.&lt;/p&gt;</description></item>"
)


def google_item(link: str) -> str:
    return (
        "<item><title>Robots learn to fold laundry - Example Wire</title>"
        f"<link>{link}</link><pubDate>Mon, 02 Mar 2026 10:05:00 GMT</pubDate>"
        '<source url="https://wire.example">Example Wire</source></item>'
    )


def test_publisher_and_google_news_copies_share_one_identity() -> None:
    import base64

    token = (
        base64.urlsafe_b64encode(
            b"\x08\x13\x22\x2fhttps://wire.example/tech/robots-fold/\xd2\x01\x00"
        )
        .decode()
        .rstrip("=")
    )
    google_link = f"https://news.google.com/rss/articles/{token}?oc=5"
    (own,) = news.parse(feed(PUBLISHER_ITEM), collected_at=COLLECTED)
    (via_google,) = news.parse(
        feed(google_item(google_link), "Google News"), collected_at=COLLECTED
    )
    assert own.native_id == via_google.native_id == "https://wire.example/tech/robots-fold"
    assert via_google.title == own.title == "Robots learn to fold laundry"
    assert via_google.extra["publisher"] == "Example Wire"
    assert via_google.extra["google_news_link"] == google_link
    assert own.text == "A lab showed it."


def test_opaque_google_news_link_still_gives_a_record() -> None:
    link = "https://news.google.com/rss/articles/AU_yqLOpaque?oc=5"
    (record,) = news.parse(feed(google_item(link)), collected_at=COLLECTED)
    assert record.url == link and record.extra["publisher"] == "Example Wire"


def test_json_feed_items_parse() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Example Log",
        "home_page_url": "https://log.example/",
        "items": [
            {
                "id": "1",
                "url": "https://log.example/a",
                "title": "A",
                "content_html": "<p>Alpha</p>",
                "date_published": "2026-02-01T08:00:00Z",
                "authors": [{"name": "Ann"}],
            },
            "not an item",
        ],
    }
    (record,) = news.parse(json.dumps(doc).encode(), collected_at=COLLECTED)
    assert (record.text, record.author, record.extra["publisher"]) == (
        "Alpha",
        "Ann",
        "Example Log",
    )
    assert record.published_at == datetime(2026, 2, 1, 8, tzinfo=UTC)


def conf() -> Settings:
    return Settings(
        http=HttpSettings(per_host_rps=0, retries=0),
        sources=SourceSettings(
            options={"news": {"feeds": ["https://wire.example/feed"], "google_news_queries": []}}
        ),
    )


def collect(handler, cursor: str | None) -> list[Page]:
    settings = conf()

    async def go() -> list[Page]:
        async with make_client(settings, transport=httpx2.MockTransport(handler)) as client:
            return [p async for p in news.fetch(client, cursor, settings)]

    return asyncio.run(go())


def test_conditional_get_keeps_validators_in_the_cursor() -> None:
    body = (FIXTURES / "feedrs_rss_2.0_nbcny.xml").read_bytes()
    headers = {"ETag": '"v1"', "Last-Modified": "Sun, 17 Dec 2023 06:00:00 GMT"}
    (page,) = collect(lambda r: httpx2.Response(200, headers=headers, content=body), None)
    assert page.payload == body
    assert json.loads(page.cursor) == {
        "https://wire.example/feed": {"etag": '"v1"', "last_modified": headers["Last-Modified"]}
    }


def test_not_modified_yields_nothing_and_sends_validators() -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(304)

    cursor = json.dumps({"https://wire.example/feed": {"etag": '"v1"', "last_modified": "x"}})
    assert collect(handler, cursor) == []
    assert seen[0].headers["if-none-match"] == '"v1"'
    assert seen[0].headers["if-modified-since"] == "x"


def test_a_failing_feed_yields_nothing_and_does_not_raise() -> None:
    assert collect(lambda r: httpx2.Response(404), None) == []


def test_google_news_queries_become_search_urls() -> None:
    settings = Settings(
        sources=SourceSettings(
            options={"news": {"feeds": [], "google_news_queries": ["LLM agents"]}}
        )
    )
    (url,) = news.feed_urls(settings)
    assert url.startswith("https://news.google.com/rss/search?q=LLM+agents")


@pytest.mark.parametrize(
    ("title", "read"),
    [
        ("Fish &amp; chips", "Fish & chips"),  # XML decodes once, the title's HTML holds "&"
        ("<![CDATA[Fish &amp;amp; chips]]>", "Fish &amp; chips"),  # HTML decodes once
        ("Fish &amp;amp;amp; chips", "Fish &amp; chips"),  # XML once, then HTML once
    ],
)
def test_feed_titles_are_decoded_once_per_layer(title: str, read: str) -> None:
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
        "<link>https://news.example.org/</link><item>"
        f"<title>{title}</title><link>https://news.example.org/a</link>"
        "<pubDate>Mon, 05 Jan 2026 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    (record,) = news.parse(rss.encode(), collected_at=COLLECTED)
    assert record.title == read
