"""Cross-source duplicates through ingest: a publisher's article and its Google News copy."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import select

from beatwire.config import HttpSettings, Settings, SourceSettings
from beatwire.sources import news
from beatwire.sources.ingest import ingest_file, ingest_live
from beatwire.store.engine import Store
from beatwire.store.schema import records

PUBLISHER_FEED = "https://www.wire.example/feed.xml"
ARTICLE = "https://wire.example/tech/robots-fold"


def channel(title: str, link: str, item: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{link}</link>{item}</channel></rss>"
    ).encode()


def publisher_feed() -> bytes:
    item = (
        "<item><title>Robots learn to fold laundry</title>"
        "<link>https://www.wire.example/tech/robots-fold/?utm_source=rss&amp;utm_medium=feed</link>"
        "<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate>"
        "<description>A lab showed a robot folding shirts.</description></item>"
    )
    return channel("Example Wire", "https://www.wire.example/", item)


def google_feed() -> bytes:
    # Google News wraps the publisher URL in a protobuf inside its own article link.
    token = base64.urlsafe_b64encode(b"\x08\x13\x22\x27" + ARTICLE.encode() + b"\xd2\x01\x00")
    link = f"https://news.google.com/rss/articles/{token.decode().rstrip('=')}?oc=5"
    item = (
        f"<item><title>Robots learn to fold laundry - Example Wire</title><link>{link}</link>"
        "<pubDate>Mon, 02 Mar 2026 10:07:00 GMT</pubDate>"
        '<source url="https://www.wire.example">Example Wire</source></item>'
    )
    return channel("robots - Google News", "https://news.google.com/search?q=robots", item)


def stored(store: Store) -> list[dict]:
    with store.read() as conn:
        query = select(records.c.native_id, records.c.sources, records.c.text, records.c.extra)
        return [dict(row._mapping) for row in conn.execute(query)]


def test_live_publisher_and_google_news_copies_are_one_record_with_both_sources(
    store: Store, db_url: str
) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        body = google_feed() if request.url.host == "news.google.com" else publisher_feed()
        return httpx2.Response(200, content=body)

    settings = Settings(
        db=db_url,
        http=HttpSettings(per_host_rps=0, retries=0),
        sources=SourceSettings(
            options={"news": {"feeds": [PUBLISHER_FEED], "google_news_queries": ["robots"]}}
        ),
    )
    transport = httpx2.MockTransport(handler)
    report = asyncio.run(ingest_live(store, settings, ["news"], transport=transport))
    assert report.figures["inserted"] == 1 and report.figures["updated"] == 1

    (record,) = stored(store)
    assert record["native_id"] == ARTICLE
    assert record["sources"] == [
        "https://www.wire.example/",
        "https://news.google.com/search?q=robots",
    ]
    assert record["text"] == "A lab showed a robot folding shirts."  # the publisher's, stored first

    # A second run of the same feeds adds no copy and no source twice.
    asyncio.run(ingest_live(store, settings, ["news"], transport=transport))
    (again,) = stored(store)
    assert again["sources"] == record["sources"]


@pytest.mark.parametrize("google_first", [True, False], ids=["google-first", "publisher-first"])
def test_from_file_copies_merge_in_either_order(
    store: Store, settings: Settings, tmp_path: Path, google_first: bool
) -> None:
    files = {"google.xml": google_feed(), "publisher.xml": publisher_feed()}
    order = ["google.xml", "publisher.xml"] if google_first else ["publisher.xml", "google.xml"]
    for name in order:
        (tmp_path / name).write_bytes(files[name])
        ingest_file(store, settings, news, tmp_path / name)  # type: ignore[arg-type]
    (record,) = stored(store)
    assert record["native_id"] == ARTICLE
    assert set(record["sources"]) == {
        "https://www.wire.example/",
        "https://news.google.com/search?q=robots",
    }
    assert record["extra"]["publisher"] == "Example Wire"
