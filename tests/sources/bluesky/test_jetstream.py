"""The Jetstream consumer: recorded frames, and a real websocket server on loopback."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from websockets.asyncio.server import ServerConnection, serve

from beatwire.config import Settings
from beatwire.errors import ConfigError
from beatwire.model import Record
from beatwire.sources import bluesky
from beatwire.sources.base import Page
from beatwire.sources.bluesky.jetstream import (
    JetstreamConsumer,
    JetstreamOptions,
    subscribe_url,
    websocket_connect,
)

CAPTURE = Path(__file__).parent / "payloads" / "jetstream" / "capture.jsonl"
FRAMES = CAPTURE.read_text(encoding="utf-8").splitlines()
NOW = datetime(2026, 1, 2, tzinfo=UTC)
KEEP_ALL: Callable[[dict[str, Any]], bool] = lambda event: True  # noqa: E731
POST_RKEYS = {"21", "22", "23", "25", "26", "28", "2a", "2b", "2c"}
AI_RKEYS = {"21", "25", "28", "2b", "2c"}  # what the default keywords keep
LAST_TIME_US = json.loads(FRAMES[-1])["time_us"]


async def no_sleep(seconds: float) -> None:
    await asyncio.sleep(0)


def rkeys(records: list[Record]) -> list[str]:
    return [record.native_id.rsplit("/", 1)[1].removeprefix("3lbwaaaaaaa") for record in records]


def records_of(pages: list[Page]) -> list[Record]:
    return [record for page in pages for record in bluesky.parse(page.payload, collected_at=NOW)]


def recorded(frames: list[str], *, then_silent: bool = True) -> Callable[[str], AsyncIterator[str]]:
    """Return a connect that plays `frames` once, then stays silent on later connections."""
    calls: list[str] = []

    async def connect(url: str) -> AsyncIterator[str]:
        calls.append(url)
        if len(calls) == 1:
            for frame in frames:
                yield frame
        if then_silent:
            await asyncio.Event().wait()

    return connect


async def take(pages: AsyncIterator[Page], until: Callable[[list[Page]], bool]) -> list[Page]:
    """Read pages until `until` holds (or fail after 10 s instead of hanging)."""
    got: list[Page] = []

    async def run() -> None:
        async for page in pages:
            got.append(page)
            if until(got):
                return

    try:
        await asyncio.wait_for(run(), 10)
    finally:
        await pages.aclose()  # type: ignore[attr-defined]
    return got


def options(**changes: Any) -> JetstreamOptions:
    base = {"batch_events": 100, "batch_s": 60.0, "silence_s": 5.0, "rewind_s": 5.0}
    return JetstreamOptions(**{**base, **changes})


def test_subscribe_url_names_collections_and_cursor() -> None:
    url = subscribe_url("wss://js.example/", ("app.bsky.feed.post",), 1767225605000000)
    assert url == (
        "wss://js.example/subscribe?wantedCollections=app.bsky.feed.post&cursor=1767225605000000"
    )


def test_batches_are_bounded_by_event_count_and_carry_last_time_us() -> None:
    consumer = JetstreamConsumer(
        options(batch_events=4, hosts=("ws://a",)),
        keep=KEEP_ALL,
        connect=recorded(FRAMES, then_silent=False),
        sleep=no_sleep,
    )
    pages = asyncio.run(take(consumer.pages(None), lambda got: len(got) == 3))
    counts = [len(page.payload.splitlines()) for page in pages]
    assert counts == [4, 4, 1]
    # The first page ends at the fourth post create (frame 5): its time_us is the cursor.
    assert pages[0].cursor == str(json.loads(FRAMES[5])["time_us"])
    assert pages[-1].cursor == str(LAST_TIME_US)
    assert sorted(rkeys(records_of(pages))) == sorted(POST_RKEYS)


def test_only_kept_posts_are_paged() -> None:
    settings = Settings()
    consumer = JetstreamConsumer(
        options(hosts=("ws://a",), batch_events=5),
        keep=bluesky.post_filter(settings),
        connect=recorded(FRAMES),
    )
    pages = asyncio.run(take(consumer.pages(None), lambda got: len(got) == 1))
    assert sorted(rkeys(records_of(pages))) == sorted(AI_RKEYS)
    assert consumer.stats.kept == 5


def test_bad_frames_are_counted_and_skipped() -> None:
    frames = ["{not json", '{"kind":"commit"}', *FRAMES[1:3]]
    consumer = JetstreamConsumer(
        options(hosts=("ws://a",), batch_events=2), keep=KEEP_ALL, connect=recorded(frames)
    )
    pages = asyncio.run(take(consumer.pages(None), lambda got: len(got) == 1))
    assert rkeys(records_of(pages)) == ["21", "22"]
    assert consumer.stats.bad_frames == 2


def test_resumes_from_a_stored_cursor_rewound() -> None:
    consumer = JetstreamConsumer(
        options(hosts=("ws://a",), batch_events=1), keep=KEEP_ALL, connect=recorded(FRAMES[10:])
    )
    pages = asyncio.run(take(consumer.pages("1767225610000000"), lambda got: len(got) == 1))
    assert parse_qs(urlsplit(consumer.stats.urls[0]).query)["cursor"] == ["1767225605000000"]
    assert pages[0].cursor == str(json.loads(FRAMES[10])["time_us"])


def test_a_quiet_filter_still_moves_the_cursor_with_heartbeat_pages() -> None:
    now = [0.0]

    def ten_seconds_per_post(event: dict[str, Any]) -> bool:
        now[0] += 10  # the clock moves as the consumer reads, whatever the reader buffered
        return False

    consumer = JetstreamConsumer(
        options(hosts=("ws://a",), heartbeat_s=15, silence_s=1000),
        keep=ten_seconds_per_post,
        connect=recorded(FRAMES),
        clock=lambda: now[0],
    )
    pages = asyncio.run(take(consumer.pages(None), lambda got: len(got) == 2))
    # Frame 0 (identity) goes out once 15 s passed (at frame 2), frame 4 (account) at frame 5.
    assert [page.payload.decode() for page in pages] == [FRAMES[0], FRAMES[4]]
    assert [page.cursor for page in pages] == [
        str(json.loads(FRAMES[2])["time_us"]),
        str(json.loads(FRAMES[5])["time_us"]),
    ]
    assert all(bluesky.parse(page.payload, collected_at=NOW) == [] for page in pages)


# --- a real websocket server on loopback -------------------------------------------------


class Replayer:
    """A Jetstream stand-in: replays the capture from the `cursor` a client asks for."""

    def __init__(self, on_connection: Callable[[Replayer, ServerConnection, int], Awaitable[None]]):
        self.on_connection = on_connection
        self.cursors: list[int | None] = []

    def frames_from(self, cursor: int | None) -> list[str]:
        return [f for f in FRAMES if cursor is None or json.loads(f)["time_us"] >= cursor]

    async def handler(self, socket: ServerConnection) -> None:
        query = parse_qs(urlsplit(socket.request.path).query)  # type: ignore[union-attr]
        assert query["wantedCollections"] == ["app.bsky.feed.post"]
        cursor = int(query["cursor"][0]) if "cursor" in query else None
        self.cursors.append(cursor)
        await self.on_connection(self, socket, len(self.cursors))


async def drop_after_seven(server: Replayer, socket: ServerConnection, number: int) -> None:
    frames = server.frames_from(server.cursors[-1])
    if number == 1:
        frames = frames[:7]
    for frame in frames:
        await socket.send(frame)
    if number == 1:
        await socket.close(code=1011, reason="going away")  # the server drops the client
        return
    await socket.wait_closed()


async def silent_after_three(server: Replayer, socket: ServerConnection, number: int) -> None:
    for frame in server.frames_from(server.cursors[-1])[:3]:
        await socket.send(frame)
    await socket.wait_closed()  # alive, but says nothing more


async def replay_all(server: Replayer, socket: ServerConnection, number: int) -> None:
    for frame in server.frames_from(server.cursors[-1]):
        await socket.send(frame)
    await socket.wait_closed()


async def run_against(
    behaviours: list[Callable[[Replayer, ServerConnection, int], Awaitable[None]]],
    want: set[str],
    **changes: Any,
) -> tuple[list[Page], JetstreamConsumer, list[Replayer]]:
    servers = [Replayer(behaviour) for behaviour in behaviours]
    running = [await serve(server.handler, "127.0.0.1", 0) for server in servers]
    hosts = tuple(f"ws://127.0.0.1:{s.sockets[0].getsockname()[1]}" for s in running)
    consumer = JetstreamConsumer(
        options(hosts=hosts, batch_s=0.05, **changes),
        keep=KEEP_ALL,
        connect=websocket_connect(user_agent="beatwire-test"),
        sleep=no_sleep,
    )

    def complete(got: list[Page]) -> bool:
        return set(rkeys(records_of(got))) >= want

    try:
        pages = await take(consumer.pages(None), complete)
    finally:
        for server in running:
            server.close()
            await server.wait_closed()
    return pages, consumer, servers


def test_loopback_reconnects_with_the_cursor_rewound_and_no_duplicates() -> None:
    pages, consumer, (server,) = asyncio.run(run_against([drop_after_seven], POST_RKEYS))
    seventh = json.loads(FRAMES[6])["time_us"]
    assert server.cursors == [None, seventh - 5_000_000]
    found = rkeys(records_of(pages))
    assert sorted(found) == sorted(POST_RKEYS)  # every post once: the replay was de-duplicated
    assert consumer.stats.duplicates == 5  # posts 21 to 26 came twice
    assert pages[-1].cursor == str(LAST_TIME_US)


def test_loopback_watchdog_switches_host_when_the_stream_goes_silent() -> None:
    pages, consumer, (quiet, live) = asyncio.run(
        run_against([silent_after_three, replay_all], POST_RKEYS, silence_s=0.3)
    )
    third = json.loads(FRAMES[2])["time_us"]
    assert quiet.cursors == [None]
    assert live.cursors == [third - 5_000_000]
    assert consumer.stats.host_switches == 1
    assert sorted(rkeys(records_of(pages))) == sorted(POST_RKEYS)


def test_loopback_unreachable_host_is_skipped_after_failures() -> None:
    async def scenario() -> JetstreamConsumer:
        live = Replayer(replay_all)
        server = await serve(live.handler, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        consumer = JetstreamConsumer(
            options(hosts=("ws://127.0.0.1:9", f"ws://127.0.0.1:{port}"), batch_s=0.05),
            keep=KEEP_ALL,
            connect=websocket_connect(user_agent="beatwire-test"),
            sleep=no_sleep,
        )
        try:
            await take(consumer.pages(None), lambda got: bool(got))
        finally:
            server.close()
            await server.wait_closed()
        return consumer

    consumer = asyncio.run(scenario())
    assert consumer.stats.host_switches == 1
    refused = "ws://127.0.0.1:9/subscribe?wantedCollections=app.bsky.feed.post"
    assert consumer.stats.urls[:3] == [refused] * 3


@pytest.mark.parametrize("name", ["rewind_s", "silence_s"])
def test_options_reject_non_numbers(name: str) -> None:
    with pytest.raises(ConfigError):
        bluesky.jetstream_options({name: "soon"})
