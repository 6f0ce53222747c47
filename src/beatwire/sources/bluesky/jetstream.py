"""A Jetstream consumer: websocket frames in, bounded pages of kept post events out.

The cursor is Jetstream's `time_us` (Unix microseconds) of the last message
read; every kept message up to it is in a page already yielded. Pages come in
stream order. On every (re)connection the cursor is rewound `rewind_s` seconds,
so switching hosts leaves no gap (each instance stamps its own `time_us`); the
replayed posts are dropped by a bounded LRU of `did/rkey`. A watchdog switches
to the next host when the stream is silent for `silence_s` seconds.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from websockets.asyncio.client import connect

from beatwire.sources.base import Page
from beatwire.sources.bluesky.payloads import is_post_create
from beatwire.sources.payload import decode_json

logger = logging.getLogger(__name__)

DEFAULT_HOSTS = (
    "wss://jetstream2.us-east.bsky.network",
    "wss://jetstream1.us-east.bsky.network",
    "wss://jetstream1.us-west.bsky.network",
    "wss://jetstream2.us-west.bsky.network",
)

Frame = str | bytes
Connect = Callable[[str], AsyncIterator[Frame]]
"""Opens a subscription URL and yields its raw frames until the connection ends."""
Keep = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class JetstreamOptions:
    """How the consumer connects, batches and recovers."""

    hosts: tuple[str, ...] = DEFAULT_HOSTS
    collections: tuple[str, ...] = ("app.bsky.feed.post",)
    rewind_s: float = 5.0
    silence_s: float = 30.0
    batch_events: int = 500
    batch_s: float = 2.0
    heartbeat_s: float = 60.0  # a page that only moves the cursor, when nothing matched
    dedup_size: int = 100_000
    failures_before_switch: int = 3
    backoff_s: float = 1.0
    max_backoff_s: float = 60.0
    queue_size: int = 10_000


@dataclass(slots=True)
class JetstreamStats:
    """What the consumer has seen so far."""

    frames: int = 0
    kept: int = 0
    duplicates: int = 0
    bad_frames: int = 0
    connections: int = 0
    host_switches: int = 0
    urls: list[str] = field(default_factory=list)


class _Silent(Exception):
    """The stream said nothing for too long."""


@dataclass(slots=True)
class _Ended:
    reason: str
    received: int


def subscribe_url(host: str, collections: tuple[str, ...], cursor_us: int | None) -> str:
    """Return the /subscribe URL of a Jetstream host for `collections` from `cursor_us`."""
    query: list[tuple[str, str]] = [("wantedCollections", name) for name in collections]
    if cursor_us is not None:
        query.append(("cursor", str(cursor_us)))
    return f"{host.rstrip('/')}/subscribe?{urlencode(query)}"


class JetstreamConsumer:
    """Reads Jetstream over websockets and yields pages of the post events `keep` accepts."""

    def __init__(
        self,
        options: JetstreamOptions,
        *,
        keep: Keep,
        connect: Connect,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options
        self.stats = JetstreamStats()
        self._keep = keep
        self._connect = connect
        self._sleep = sleep
        self._clock = clock
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._time_us: int | None = None
        self._batch: list[str] = []
        self._batch_started = 0.0
        self._last_page_at = clock()
        self._idle_frame: str | None = None
        self._cursor_at_page: int | None = None

    async def pages(self, cursor: str | None) -> AsyncIterator[Page]:
        """Yield pages forever from `cursor` (a time_us string, None for the live tail)."""
        self._time_us = int(cursor) if cursor else None
        self._cursor_at_page = self._time_us
        host_index, failures = 0, 0
        while True:
            url = self._url(self.options.hosts[host_index % len(self.options.hosts)])
            try:
                async for page in self._connection(url):
                    yield page
            except _Silent:
                logger.warning("bluesky: Jetstream silent %ss on %s", self.options.silence_s, url)
                host_index, failures = host_index + 1, 0
                self.stats.host_switches += 1
                continue
            except _EndedError as ended:
                logger.info("bluesky: Jetstream connection ended (%s)", ended.ended.reason)
                failures = 0 if ended.ended.received else failures + 1
            if failures >= self.options.failures_before_switch:
                host_index, failures = host_index + 1, 0
                self.stats.host_switches += 1
            await self._sleep(self._backoff(failures))

    def _url(self, host: str) -> str:
        cursor = None
        if self._time_us is not None:
            cursor = max(0, self._time_us - int(self.options.rewind_s * 1_000_000))
        url = subscribe_url(host, self.options.collections, cursor)
        self.stats.urls.append(url)
        self.stats.connections += 1
        return url

    def _backoff(self, failures: int) -> float:
        if failures == 0:
            return 0.0
        delay = min(self.options.max_backoff_s, self.options.backoff_s * 2 ** (failures - 1))
        return delay * random.uniform(0.5, 1.0)  # jitter spreads reconnections of many clients

    async def _connection(self, url: str) -> AsyncIterator[Page]:
        queue: asyncio.Queue[Frame | _Ended] = asyncio.Queue(self.options.queue_size)
        reader = asyncio.create_task(_read(self._connect(url), queue))
        last_frame_at = self._clock()
        received = 0
        try:
            while True:
                try:
                    item = await self._next(queue, last_frame_at)
                except _Silent:
                    if self._batch:
                        yield self._flush()
                    raise
                if item is None:
                    page = self._due_page()
                    if page is not None:
                        yield page
                    continue
                if isinstance(item, _Ended):
                    if self._batch:
                        yield self._flush()
                    raise _EndedError(_Ended(item.reason, received))
                received += 1
                last_frame_at = self._clock()
                self._take(item)
                page = self._due_page()
                if page is not None:
                    yield page
        finally:
            reader.cancel()
            await asyncio.gather(reader, return_exceptions=True)

    async def _next(self, queue: asyncio.Queue[Frame | _Ended], last_frame_at: float) -> Any:
        if not queue.empty():
            return queue.get_nowait()
        now = self._clock()
        silent_for = now - last_frame_at
        if silent_for >= self.options.silence_s:
            raise _Silent()
        timeout = self.options.silence_s - silent_for
        if self._batch:
            timeout = min(timeout, max(0.0, self._batch_started + self.options.batch_s - now))
        try:
            return await asyncio.wait_for(queue.get(), timeout)
        except TimeoutError:
            return None

    def _take(self, frame: Frame) -> None:
        self.stats.frames += 1
        text = frame.decode("utf-8", "replace") if isinstance(frame, bytes) else frame
        try:
            event = decode_json(text)
            time_us = event["time_us"]
        except (ValueError, KeyError, TypeError):
            self.stats.bad_frames += 1
            return
        if isinstance(time_us, int) and (self._time_us is None or time_us > self._time_us):
            self._time_us = time_us
        if not is_post_create(event):
            self._idle_frame = text
            return
        key = f"{event.get('did')}/{event['commit'].get('rkey')}"
        if key in self._seen:
            self.stats.duplicates += 1
            return
        if not self._keep(event):
            return
        self._remember(key)
        if not self._batch:
            self._batch_started = self._clock()
        self._batch.append(text)
        self.stats.kept += 1

    def _remember(self, key: str) -> None:
        self._seen[key] = None
        if len(self._seen) > self.options.dedup_size:
            self._seen.popitem(last=False)

    def _due_page(self) -> Page | None:
        now = self._clock()
        if self._batch and (
            len(self._batch) >= self.options.batch_events
            or now - self._batch_started >= self.options.batch_s
        ):
            return self._flush()
        moved = self._time_us != self._cursor_at_page
        idle = now - self._last_page_at >= self.options.heartbeat_s
        if not self._batch and moved and idle and self._idle_frame is not None:
            # Nothing matched for a while: store a non-post frame so the cursor moves on.
            payload, self._idle_frame = self._idle_frame, None
            return self._page([payload])
        return None

    def _flush(self) -> Page:
        batch, self._batch = self._batch, []
        return self._page(batch)

    def _page(self, frames: list[str]) -> Page:
        self._last_page_at = self._clock()
        self._cursor_at_page = self._time_us
        cursor = str(self._time_us) if self._time_us is not None else None
        return Page(payload="\n".join(frames).encode("utf-8"), cursor=cursor, url="jetstream")


class _EndedError(Exception):
    def __init__(self, ended: _Ended) -> None:
        super().__init__(ended.reason)
        self.ended = ended


async def _read(frames: AsyncIterator[Frame], queue: asyncio.Queue[Frame | _Ended]) -> None:
    reason = "closed by the server"
    try:
        async for frame in frames:
            await queue.put(frame)
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # any transport failure ends this connection; the loop reconnects
        reason = f"{type(exc).__name__}: {exc}"
    finally:
        aclose = getattr(frames, "aclose", None)
        if aclose is not None:
            await aclose()
    await queue.put(_Ended(reason, 0))


def websocket_connect(*, user_agent: str, max_size: int = 2**22) -> Connect:
    """Return a Connect that opens a real websocket with the `websockets` library."""

    async def frames(url: str) -> AsyncIterator[Frame]:
        async with connect(
            url, user_agent_header=user_agent, max_size=max_size, open_timeout=15
        ) as socket:
            async for message in socket:
                yield message

    return frames
