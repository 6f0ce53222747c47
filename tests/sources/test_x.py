"""X: v2 recent search payloads written from the API reference; token, paging, cursor."""

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
from beatwire.errors import ParseError, SourceError
from beatwire.http_client import make_client
from beatwire.sources import x

PAYLOADS = Path(__file__).parent / "payloads" / "x"
PAGE1 = (PAYLOADS / "search_recent_page1.json").read_bytes()
PAGE2 = (PAYLOADS / "search_recent_page2.json").read_bytes()
ESCAPED = (PAYLOADS / "search_recent_escaped.json").read_bytes()
NOW = datetime(2026, 1, 2, 12, tzinfo=UTC)


def with_token(**sources: Any) -> Settings:
    secrets = {"x_bearer_token": SecretStr("AAAA-test-token")}
    return Settings(sources=SourceSettings(secrets=secrets, **sources))


def test_post_maps_every_field() -> None:
    first = x.parse(PAGE1, collected_at=NOW)[0]
    assert first.native_id == "1874900000000000300" and first.kind == "post"
    assert first.text.endswith(
        "Full breakdown: https://evals.example.com/2025-review?utm_campaign=x #AI"
    )
    assert first.author == "priyaevals" and first.author_name == "Priya Raman"
    assert first.url == "https://x.com/priyaevals/status/1874900000000000300"
    assert first.canonical_url == "https://x.com/i/web/status/1874900000000000300"
    assert first.published_at == datetime(2026, 1, 2, 10, 15, 30, tzinfo=UTC)
    assert first.lang == "en"
    assert first.engagement == {
        "likes": 230,
        "reposts": 41,
        "replies": 7,
        "quotes": 5,
        "bookmarks": 19,
        "impressions": 18250,
    }
    assert first.parent_id is None and first.thread_id is None
    assert first.extra["tags"] == ["AI"]
    assert first.raw == json.loads(PAGE1)["data"][0]


def test_text_is_unescaped_once() -> None:
    plain, note = x.parse(ESCAPED, collected_at=NOW)
    # X escapes & < > in `text`; the expanded link keeps its own raw "&".
    assert plain.text == (
        "Benchmarks > vibes, but evals & red-teaming cost money <3 "
        "https://costs.example.org/evals?year=2025&team=red"
    )
    # Someone who typed "&amp;" (sent as "&amp;amp;") gets their "&amp;" back, not "&".
    assert note.text == (
        "In HTML you write &amp; for an ampersand. The note says more: "
        "&lt; is a less-than sign, &gt; a greater-than."
    )


def test_reply_and_quote_links() -> None:
    _, reply, quote = x.parse(PAGE1, collected_at=NOW)
    assert reply.parent_id == "1874800000000000150"
    assert reply.thread_id == "1874800000000000100"
    assert quote.extra["quote_of"] == "1874700000000000001" and quote.lang == "es"


def test_malformed_post_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    assert len(x.parse(PAGE1, collected_at=NOW)) == 3
    assert "skipped 1 malformed item" in caplog.text


def test_long_post_text_comes_from_note_tweet() -> None:
    (record,) = x.parse(PAGE2, collected_at=NOW)
    assert record.text == json.loads(PAGE2)["data"][0]["note_tweet"]["text"]


def test_empty_search_is_no_posts() -> None:
    assert x.parse((PAYLOADS / "search_recent_empty.json").read_bytes(), collected_at=NOW) == []


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ((PAYLOADS / "error_unauthorized.json").read_bytes(), "API error: Unauthorized"),
        (b"", "empty"),
        (b'{"data": [', "JSON"),
        (b"<html>rate limited</html>", "HTML"),
        (b'{"data": "x"}', "not a list"),
        (b"[]", "not a response object"),
    ],
)
def test_malformed_payloads_raise(payload: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        x.parse(payload, collected_at=NOW)


def test_disabled_without_a_token_with_one_clear_line() -> None:
    reason = x.enabled(Settings())
    assert reason is not None and "\n" not in reason
    assert "BEATWIRE_SOURCES__SECRETS__X_BEARER_TOKEN" in reason
    assert x.enabled(with_token()) is None


def test_query_is_built_from_keywords_and_languages() -> None:
    settings = with_token(keywords=["LLM", "machine learning"], languages=["en", "de"])
    assert (
        x.search_query(settings) == '(LLM OR "machine learning") -is:retweet (lang:en OR lang:de)'
    )


def run_fetch(settings: Settings, handler: Any, cursor: str | None) -> list[Any]:
    async def run() -> list[Any]:
        async with make_client(settings, transport=httpx2.MockTransport(handler)) as client:
            return [page async for page in x.fetch(client, cursor, settings)]

    return asyncio.run(run())


def test_fetch_pages_with_next_token_and_moves_since_id_last() -> None:
    asked: list[httpx2.Request] = []
    bodies = [PAGE1, PAGE2]

    def handler(request: httpx2.Request) -> httpx2.Response:
        asked.append(request)
        return httpx2.Response(200, content=bodies.pop(0))

    pages = run_fetch(with_token(), handler, "1874800000000000000")
    assert asked[0].headers["authorization"] == "Bearer AAAA-test-token"
    assert asked[0].url.params["since_id"] == "1874800000000000000"
    assert asked[0].url.params["expansions"] == "author_id"
    assert "next_token" not in asked[0].url.params
    assert asked[1].url.params["next_token"] == "b26v89c19zqg8o3fo7gesq314yb9l2l4ptqy"
    # Until the last page is read, the cursor stays where it was.
    assert [page.cursor for page in pages] == ["1874800000000000000", "1874900000000000300"]


def test_fetch_without_results_keeps_the_cursor() -> None:
    empty = (PAYLOADS / "search_recent_empty.json").read_bytes()
    pages = run_fetch(with_token(), lambda request: httpx2.Response(200, content=empty), "42")
    assert [page.cursor for page in pages] == ["42"]


def test_fetch_without_a_token_raises_the_hint() -> None:
    with pytest.raises(SourceError, match="no bearer token"):
        run_fetch(Settings(), lambda request: httpx2.Response(200), None)


def test_token_is_not_in_the_url_or_the_page() -> None:
    seen: list[str] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(str(request.url))
        return httpx2.Response(200, content=PAGE2)

    pages = run_fetch(with_token(), handler, None)
    assert not any("AAAA-test-token" in url for url in seen + [p.url for p in pages])
