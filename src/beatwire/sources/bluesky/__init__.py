"""Bluesky: posts from the Jetstream firehose, filtered by keywords, patterns and languages.

Cursor: Jetstream's `time_us` (Unix microseconds) of the last message read,
as a decimal string; pages come in stream order, each holding the kept
messages (exact JSON lines) read since the previous page. Options live in
`sources.options.bluesky`: keywords, patterns, languages, keep_unlabelled,
hosts, rewind_s, silence_s, batch_events, batch_s, heartbeat_s, dedup_size;
threads_per_hour, threads_min_matches and xrpc_base for following up threads.

The package: jetstream.py (the websocket consumer), filters.py (which posts are kept),
payloads.py and atproto.py (the payloads read into records), xrpc.py and threads.py
(authenticated follow-up of the threads that matter).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from beatwire import http_client
from beatwire.config import Settings
from beatwire.errors import ConfigError
from beatwire.model import Record
from beatwire.sources.base import Page
from beatwire.sources.bluesky import payloads
from beatwire.sources.bluesky.filters import PostFilter, build_filter
from beatwire.sources.bluesky.jetstream import (
    Connect,
    JetstreamConsumer,
    JetstreamOptions,
    websocket_connect,
)
from beatwire.sources.bluesky.threads import thread_follower
from beatwire.sources.bluesky.xrpc import fetch_threads

NAME = "bluesky"
CADENCE = timedelta(0)  # not polled: the stream runs continuously
STREAMING = True

__all__ = ["CADENCE", "NAME", "STREAMING", "enabled", "fetch", "fetch_threads", "parse"]

_NUMBERS = ("rewind_s", "silence_s", "batch_s", "heartbeat_s")
_COUNTS = ("batch_events", "dedup_size")


def parse(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the posts of a Jetstream capture or an XRPC response; ParseError otherwise."""
    return payloads.parse_payload(payload, collected_at=collected_at)


def enabled(settings: Any) -> str | None:
    """Return None: Jetstream needs no credentials."""
    return None


async def fetch(
    client: Any,
    cursor: str | None,
    settings: Settings,
    *,
    connect: Connect | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> AsyncIterator[Page]:
    """Yield pages of kept posts from Jetstream, forever, starting at `cursor`.

    With an app password and `threads_per_hour`, the threads of the posts that
    match strongly follow their Jetstream page (see `threads.py`).
    """
    consumer = build_consumer(settings, connect=connect, sleep=sleep)
    follower = thread_follower(client, settings, post_filter(settings).pattern, sleep=sleep)
    async for page in consumer.pages(cursor):
        yield page
        if follower is not None:
            async for thread in follower.pages(page):
                yield thread


def build_consumer(
    settings: Settings,
    *,
    connect: Connect | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> JetstreamConsumer:
    """Return a Jetstream consumer configured from the settings."""
    options = settings.sources.options.get(NAME, {})
    if connect is None:
        connect = websocket_connect(user_agent=http_client.user_agent(settings))
    return JetstreamConsumer(
        jetstream_options(options), keep=post_filter(settings), connect=connect, sleep=sleep
    )


def post_filter(settings: Settings) -> PostFilter:
    """Return the filter of the keywords, patterns and languages in the settings."""
    options = settings.sources.options.get(NAME, {})
    return build_filter(
        _strings(options, "keywords", settings.sources.keywords),
        _strings(options, "patterns", []),
        _strings(options, "languages", settings.sources.languages),
        keep_unlabelled=bool(options.get("keep_unlabelled", True)),
    )


def jetstream_options(options: dict[str, Any]) -> JetstreamOptions:
    """Return the consumer options in `sources.options.bluesky` over the defaults."""
    values: dict[str, Any] = {}
    try:
        for name in _NUMBERS:
            if name in options:
                values[name] = float(options[name])
        for name in _COUNTS:
            if name in options:
                values[name] = int(options[name])
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bad sources.options.bluesky value: {exc}") from exc
    if "hosts" in options:
        values["hosts"] = tuple(_strings(options, "hosts", []))
        if not values["hosts"]:
            raise ConfigError("sources.options.bluesky.hosts is empty")
    return JetstreamOptions(**values)


def _strings(options: dict[str, Any], name: str, default: list[str]) -> list[str]:
    value = options.get(name, default)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"sources.options.bluesky.{name} must be a list of strings")
    return value
