"""Following up strongly matching Bluesky posts: threads over XRPC after their Jetstream page."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest
from pydantic import SecretStr

from beatwire.config import HttpSettings, Settings, SourceSettings
from beatwire.http_client import make_client
from beatwire.model import now_utc
from beatwire.sources import bluesky
from beatwire.sources.base import Page
from beatwire.sources.bluesky.filters import keyword_pattern
from beatwire.sources.bluesky.threads import ThreadFollower, strong_matches

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
THREAD = SHARED / "corpora" / "api-fixtures" / "bluesky" / "bskyr_app.bsky.feed.getPostThread.json"
KEYWORDS = ["LLM", "OpenAI", "agents"]
DID = "did:plc:threadtest000000000000001"
TEXTS = {  # rkey -> text: distinct keywords matched 2, 1, 3, then 1, 1, 1
    "a1": "An LLM release from OpenAI today",
    "a2": "One more LLM benchmark",
    "a3": "OpenAI ships agents built on an LLM, and the agents are slow",
    "b1": "LLM pricing notes",
    "b2": "Agents everywhere",
    "b3": "llm, LLM and LLM again",
}


def frame(rkey: str, number: int) -> str:
    record = {"$type": "app.bsky.feed.post", "text": TEXTS[rkey], "langs": ["en"]}
    record["createdAt"] = "2026-01-01T00:00:00.000Z"
    commit = {"operation": "create", "collection": "app.bsky.feed.post", "rkey": rkey}
    event = {"did": DID, "time_us": 1_767_225_600_000_000 + number, "kind": "commit"}
    return json.dumps({**event, "commit": {**commit, "record": record, "cid": "bafy"}})


FRAMES = [frame(rkey, n) for n, rkey in enumerate(TEXTS)]


def uri(rkey: str) -> str:
    return f"at://{DID}/app.bsky.feed.post/{rkey}"


def conf(*, secrets: bool = True, **options: Any) -> Settings:
    base = {"keywords": KEYWORDS, "batch_events": 3, "batch_s": 60.0, "silence_s": 60.0}
    keys = {"bluesky_handle": "desk.example.com", "bluesky_app_password": "aaaa-bbbb-cccc-dddd"}
    return Settings(
        http=HttpSettings(per_host_rps=0, retries=0),
        sources=SourceSettings(
            options={"bluesky": {**base, "threads_per_hour": 5, **options}},
            secrets={k: SecretStr(v) for k, v in keys.items()} if secrets else {},
        ),
    )


async def no_sleep(seconds: float) -> None:
    await asyncio.sleep(0)


def played(frames: list[str]) -> Callable[[str], AsyncIterator[str]]:
    async def connect(url: str) -> AsyncIterator[str]:
        for item in frames:
            yield item
        await asyncio.Event().wait()  # then silent, as a quiet stream is

    return connect


def collect(settings: Settings, handler: Callable[[httpx2.Request], httpx2.Response]) -> list[Page]:
    """Read the stream until its second Jetstream page; return every page up to it."""

    async def run() -> list[Page]:
        got: list[Page] = []
        async with make_client(settings, transport=httpx2.MockTransport(handler)) as client:
            pages = bluesky.fetch(client, None, settings, connect=played(FRAMES), sleep=no_sleep)
            try:
                async for page in pages:
                    got.append(page)
                    if sum(not p.url.startswith("https://") for p in got) == 2:
                        break
            finally:
                await pages.aclose()  # type: ignore[attr-defined]
        return got

    return asyncio.run(asyncio.wait_for(run(), 10))


class Server:
    """The XRPC side: sessions and threads, with the requests it saw."""

    def __init__(self, *, thread_status: list[int] | None = None, body: bytes | None = None):
        self.sessions = 0
        self.threads: list[str] = []
        self.statuses = list(thread_status or [])
        self.body = body if body is not None else THREAD.read_bytes()

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        if request.url.path.endswith("createSession"):
            self.sessions += 1
            return httpx2.Response(200, json={"accessJwt": f"jwt-{self.sessions}"})
        assert request.headers["authorization"] == f"Bearer jwt-{self.sessions}"
        self.threads.append(request.url.params["uri"])
        status = self.statuses.pop(0) if self.statuses else 200
        return httpx2.Response(status, content=self.body if status == 200 else b"no")


def test_strong_matches_count_distinct_terms() -> None:
    pattern = keyword_pattern(KEYWORDS)
    assert pattern is not None
    events = [json.loads(item) for item in FRAMES]
    assert strong_matches(events, pattern, 2) == [uri("a1"), uri("a3")]
    assert strong_matches(events, pattern, 3) == [uri("a3")]


def test_threads_of_strong_posts_follow_their_page_with_its_cursor() -> None:
    server = Server()
    pages = collect(conf(), server)
    stream, thread_a1, thread_a3, second = pages
    assert server.threads == [uri("a1"), uri("a3")] and server.sessions == 1
    assert thread_a1.url.endswith(f"?uri={uri('a1')}") and thread_a3.url.endswith(uri("a3"))
    assert thread_a1.cursor == thread_a3.cursor == stream.cursor is not None
    (record,) = bluesky.parse(thread_a1.payload, collected_at=now_utc())
    assert record.engagement  # the thread brings fresh counts
    assert not second.url.startswith("https://")  # no post of the second page matters


def test_the_hourly_budget_caps_threads() -> None:
    server = Server()
    pages = collect(conf(threads_per_hour=1), server)
    assert server.threads == [uri("a1")] and len(pages) == 3


def test_budget_frees_up_after_an_hour() -> None:
    now = [0.0]
    pattern = keyword_pattern(KEYWORDS)
    assert pattern is not None
    follower = ThreadFollower(None, conf(threads_per_hour=2), pattern, clock=lambda: now[0])
    assert follower.spend()
    now[0] = 1800.0
    assert [follower.spend(), follower.spend()] == [True, False]
    now[0] = 3600.0  # the first request is an hour old: one more may go, not two
    assert [follower.spend(), follower.spend()] == [True, False]


@pytest.mark.parametrize(
    ("secrets", "per_hour"), [(False, 5), (True, 0)], ids=["no-app-password", "no-budget"]
)
def test_no_thread_is_asked_without_app_password_or_budget(secrets: bool, per_hour: int) -> None:
    server = Server()
    pages = collect(conf(secrets=secrets, threads_per_hour=per_hour), server)
    assert len(pages) == 2 and server.sessions == 0 and server.threads == []


@pytest.mark.parametrize(
    ("server", "said"),
    [(Server(thread_status=[500, 200]), "HTTP 500"), (Server(body=b"<html>oops"), "JSON")],
    ids=["server-error", "malformed"],
)
def test_a_failing_thread_is_skipped_and_the_stream_goes_on(
    server: Server, said: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    pages = collect(conf(), server)
    assert server.threads == [uri("a1"), uri("a3")]
    parses = server.body == THREAD.read_bytes()  # after a 500 for a1, a3's thread is fine
    assert len(pages) == 2 + parses
    warnings = [r.getMessage() for r in caplog.records if "thread of" in r.getMessage()]
    assert len(warnings) == 2 - parses
    assert uri("a1") in warnings[0] and said in warnings[0]


def test_an_expired_session_is_opened_again_once() -> None:
    server = Server(thread_status=[401])
    pages = collect(conf(), server)
    assert server.sessions == 2 and server.threads == [uri("a1"), uri("a1"), uri("a3")]
    assert len(pages) == 4
