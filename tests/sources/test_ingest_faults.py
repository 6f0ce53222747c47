"""Faults end to end through `ingest_live`: rate limits, 5xx, timeouts, bad pages, secrets.

Every test drives the real ingest stage over `httpx2.MockTransport` against the
real store (SQLite and PostgreSQL). Adapters take their `sleep` (and Hacker
News its `now`) as keyword defaults; the tests replace those defaults so that
backoff delays are recorded instead of waited.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx2
import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from beatwire.config import HttpSettings, Settings, SourceSettings
from beatwire.model import StageReport
from beatwire.sources import hackernews, huggingface, reddit, x, youtube
from beatwire.sources.ingest import ingest_live
from beatwire.store.engine import Store
from beatwire.store.schema import records
from beatwire.store.state import get_cursor

NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
END = int(NOW.timestamp()) - 60  # Hacker News reads up to a minute ago (index lag)
START = END - 3 * 3600  # three one-hour slices: three pages, each moving the cursor
Handler = Callable[[httpx2.Request], httpx2.Response]


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The delays the adapters asked for, recorded instead of waited."""
    delays: list[float] = []

    async def record(seconds: float) -> None:
        delays.append(seconds)

    for module in (hackernews, huggingface, reddit, x, youtube):
        monkeypatch.setitem(module.fetch.__kwdefaults__, "sleep", record)
    monkeypatch.setitem(hackernews.fetch.__kwdefaults__, "now", lambda: NOW)
    return delays


def conf(db: str, *, retries: int = 2, **options: dict[str, Any]) -> Settings:
    defaults: dict[str, dict[str, Any]] = {
        "hackernews": {"queries": ["llm"], "lookback_hours": 3},
        "huggingface": {"sorts": ["trendingScore"], "daily_papers": False},
    }
    return Settings(
        db=db,
        http=HttpSettings(per_host_rps=0, retries=retries, backoff_s=1.0, max_backoff_s=30.0),
        sources=SourceSettings(options={**defaults, **options}),
    )


def hits(low: int, count: int = 2) -> bytes:
    """An Algolia page of `count` stories, with ids unique to the slice starting at `low`."""
    found = [
        {
            "objectID": f"{low}{n}",
            "created_at_i": low + 60 + n,
            "title": f"LLM story {n} of slice {low}",
            "url": f"https://blog.example/{low}/{n}",
            "author": f"writer{n}",
            "points": 10 + n,
            "num_comments": n,
            "_tags": ["story", f"author_writer{n}"],
        }
        for n in range(count)
    ]
    return json.dumps({"hits": found, "nbHits": len(found)}).encode()


def low_of(request: httpx2.Request) -> int:
    filters = request.url.params["numericFilters"]
    return int(filters.split(",")[0].split(">")[-1])


def run(store: Store, settings: Settings, names: list[str], handler: Handler) -> StageReport:
    transport = httpx2.MockTransport(handler)
    return asyncio.run(ingest_live(store, settings, names, transport=transport))


def count(store: Store, provider: str) -> int:
    with store.read() as conn:
        query = select(func.count()).select_from(records).where(records.c.provider == provider)
        return int(conn.execute(query).scalar_one())


def cursor(store: Store, source: str) -> str | None:
    with store.read() as conn:
        return get_cursor(conn, source)


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_429_waits_as_long_as_retry_after_asks(
    store: Store, db_url: str, slept: list[float]
) -> None:
    asked: list[int] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        asked.append(low_of(request))
        if len(asked) == 1:
            return httpx2.Response(429, headers={"Retry-After": "7"}, text="slow down")
        return httpx2.Response(200, content=hits(low_of(request)))

    report = run(store, conf(db_url), ["hackernews"], handler)
    assert slept == [7.0]
    assert asked == [START, START, START + 3600, START + 7200]  # the limited slice asked again
    assert report.figures["errors"] == 0 and report.figures["pages"] == 3
    assert count(store, "hackernews") == 6 and cursor(store, "hackernews") == str(END)


def test_retry_after_beyond_the_bound_gives_up_at_once(
    store: Store, db_url: str, slept: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(429, headers={"Retry-After": "3600"})

    report = run(store, conf(db_url), ["huggingface"], handler)
    assert slept == [] and report.figures["errors"] == 1
    (message,) = errors(caplog)
    assert "rate limited" in message and "HTTP 429" in message


def server_error(request: httpx2.Request) -> httpx2.Response:
    return httpx2.Response(503, text="<html><body>Service Unavailable</body></html>")


def timeout(request: httpx2.Request) -> httpx2.Response:
    raise httpx2.ReadTimeout("timed out reading", request=request)


@pytest.mark.parametrize(("fault", "said"), [(server_error, "HTTP 503"), (timeout, "ReadTimeout")])
def test_5xx_and_timeouts_are_retried_then_one_error_and_the_others_still_run(
    store: Store,
    db_url: str,
    slept: list[float],
    caplog: pytest.LogCaptureFixture,
    fault: Handler,
    said: str,
) -> None:
    hub_calls: list[str] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.url.host == "huggingface.co":
            hub_calls.append(str(request.url))
            return fault(request)
        return httpx2.Response(200, content=hits(low_of(request)))

    report = run(store, conf(db_url, retries=2), ["huggingface", "hackernews"], handler)
    assert len(hub_calls) == 3  # the first try and two retries, no more
    # Bounded, jittered exponential backoff: [1/2, 1] then [1, 2] seconds for backoff_s=1.
    assert len(slept) == 2 and 0.5 <= slept[0] <= 1.0 and 1.0 <= slept[1] <= 2.0
    (message,) = errors(caplog)
    assert message.startswith("huggingface:") and said in message and "3 attempts" in message
    assert "\n" not in message
    assert report.figures["errors"] == 1 and report.notes == [message]
    assert cursor(store, "huggingface") is None and count(store, "huggingface") == 0
    assert count(store, "hackernews") == 6 and cursor(store, "hackernews") == str(END)


BAD_BODIES = {
    "html error page": b"<html><head><title>502 Bad Gateway</title></head></html>",
    "truncated JSON": b'{"hits": [{"objectID": "1", "created_at_i": 17',
    "empty body": b"",
    "wrong types": b'{"hits": "none today", "nbHits": 0}',
}


@pytest.mark.parametrize("bad", BAD_BODIES.values(), ids=list(BAD_BODIES))
def test_a_malformed_page_mid_run_leaves_the_cursor_at_the_last_stored_page(
    store: Store, db_url: str, slept: list[float], caplog: pytest.LogCaptureFixture, bad: bytes
) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        low = low_of(request)
        return httpx2.Response(200, content=bad if low == START + 3600 else hits(low))

    report = run(store, conf(db_url), ["hackernews"], handler)
    assert count(store, "hackernews") == 2  # the first slice's records only
    assert cursor(store, "hackernews") == str(START + 3600)  # where the first slice ended
    (message,) = errors(caplog)
    assert message.startswith("hackernews:") and report.figures["errors"] == 1

    # The next run starts where the stored data ends and reads the rest.
    asked: list[int] = []

    def healed(request: httpx2.Request) -> httpx2.Response:
        asked.append(low_of(request))
        return httpx2.Response(200, content=hits(low_of(request)))

    run(store, conf(db_url), ["hackernews"], healed)
    assert asked == [START + 3600, START + 7200]
    assert count(store, "hackernews") == 6 and cursor(store, "hackernews") == str(END)


def test_a_page_that_does_not_parse_stores_nothing_of_itself(
    store: Store, db_url: str, slept: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    model = {"id": "lab/model-a", "downloads": 5, "likes": 1, "createdAt": "2026-01-01T00:00:00Z"}
    bodies = {"trendingScore": json.dumps([model]).encode(), "downloads": b'{"error": "busy"}'}

    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=bodies[request.url.params["sort"]])

    settings = conf(db_url, huggingface={"sorts": ["trendingScore", "downloads"]})
    report = run(store, settings, ["huggingface"], handler)
    assert count(store, "huggingface") == 1 and report.figures["pages"] == 1
    assert cursor(store, "huggingface") is None  # the snapshot day moves only once it is whole
    assert "Hub error: busy" in errors(caplog)[0]


SECRETS = {
    "x_bearer_token": "xbt-0123456789-SECRET",
    "reddit_client_id": "rcid-SECRET-42",
    "reddit_client_secret": "rcs-9876543210-SECRET",
    "youtube_api_key": "ytk-AIza-SECRET-777",
}
ACCESS_TOKEN = "reddit-access-SECRET-555"


def test_secrets_and_tokens_never_reach_the_logs_or_the_report(
    store: Store, db_url: str, slept: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    def handler(request: httpx2.Request) -> httpx2.Response:
        sent = request.headers.get("authorization", "") + request.headers.get("x-goog-api-key", "")
        if request.url.path == "/api/v1/access_token":
            return httpx2.Response(200, json={"access_token": ACCESS_TOKEN, "expires_in": 3600})
        if request.url.host == "oauth.reddit.com":
            return httpx2.Response(503, text=f"overloaded; you sent {sent}")
        # Servers that echo the credential they refuse: the worst case for an error message.
        return httpx2.Response(401, text=f"invalid credential {sent}")

    settings = conf(
        db_url,
        reddit={"subreddits": ["MachineLearning"]},
        youtube={"search_queries": ["llm"], "channels": []},
    )
    settings.sources.secrets.update({k: SecretStr(v) for k, v in SECRETS.items()})
    report = run(store, settings, ["x", "reddit", "youtube"], handler)
    assert report.figures["errors"] == 3 and len(errors(caplog)) == 3
    written = caplog.text + json.dumps(report.as_dict()) + repr(settings)
    for secret in [*SECRETS.values(), ACCESS_TOKEN]:
        assert secret not in written
