"""Following up the Bluesky posts that matter: their threads, over authenticated XRPC, on a budget.

With an app password configured and `sources.options.bluesky.threads_per_hour`
above 0, the posts of each Jetstream page whose text matches at least
`threads_min_matches` distinct keywords or patterns are followed: their threads
(replies, parents and fresh engagement counts) come as extra pages, at most
`threads_per_hour` requests an hour. A thread that fails or does not parse is
logged and skipped: following up never stops the stream.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable
from typing import Any

from beatwire.config import Settings
from beatwire.errors import ConfigError, FetchError, ParseError
from beatwire.model import now_utc
from beatwire.sources import http
from beatwire.sources.base import Page
from beatwire.sources.bluesky import atproto
from beatwire.sources.bluesky.filters import searchable_text
from beatwire.sources.bluesky.payloads import is_post_create, parse_payload
from beatwire.sources.bluesky.xrpc import DEFAULT_XRPC, create_session, credentials, get_thread
from beatwire.sources.payload import decode_json

log = logging.getLogger(__name__)

_HOUR = 3600.0
_SEEN = 10_000  # posts already followed, remembered so one is not fetched twice
_EXPIRED = (400, 401)  # what XRPC answers with an expired access token


def strong_matches(events: list[dict[str, Any]], pattern: re.Pattern[str], least: int) -> list[str]:
    """Return the URIs of created posts whose text matches `least` distinct terms or more."""
    found = []
    for event in events:
        if not is_post_create(event) or not isinstance(event["commit"].get("record"), dict):
            continue
        commit = event["commit"]
        text = searchable_text(commit["record"])
        terms = {match.group(0).lower() for match in pattern.finditer(text)}
        did, rkey = event.get("did"), commit.get("rkey")
        if len(terms) >= least and isinstance(did, str) and isinstance(rkey, str):
            found.append(atproto.post_uri(did, rkey))
    return found


class ThreadFollower:
    """Fetches the threads of strongly matching posts after each Jetstream page, within a budget."""

    def __init__(
        self,
        client: Any,
        settings: Settings,
        pattern: re.Pattern[str],
        *,
        sleep: http.Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        options = settings.sources.options.get(atproto.PROVIDER, {})
        try:
            self.per_hour = int(options.get("threads_per_hour", 0))
            self.least = int(options.get("threads_min_matches", 2))
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"bad sources.options.bluesky threads value: {exc}") from exc
        self.base = str(options.get("xrpc_base", DEFAULT_XRPC))
        self.client, self.settings, self.pattern = client, settings, pattern
        self._sleep, self._clock = sleep, clock
        self._token: str | None = None
        self._spent: deque[float] = deque()
        self._seen: OrderedDict[str, None] = OrderedDict()

    async def pages(self, page: Page) -> AsyncIterator[Page]:
        """Yield the thread pages of the posts of `page` that matter, with `page`'s cursor."""
        for uri in strong_matches(_events(page.payload), self.pattern, self.least):
            if uri in self._seen or not self.spend():
                continue
            self._remember(uri)
            thread = await self._thread(uri)
            if thread is not None:
                # The stream's cursor, not None: a thread must not move (or clear) it.
                yield Page(thread.payload, page.cursor, thread.url)

    def spend(self) -> bool:
        """Count one request and return True when the last hour's budget allows it."""
        now = self._clock()
        while self._spent and now - self._spent[0] >= _HOUR:
            self._spent.popleft()
        if len(self._spent) >= self.per_hour:
            return False
        self._spent.append(now)
        return True

    def _remember(self, uri: str) -> None:
        self._seen[uri] = None
        if len(self._seen) > _SEEN:
            self._seen.popitem(last=False)

    async def _thread(self, uri: str) -> Page | None:
        try:
            page = await self._get(uri)
            parse_payload(page.payload, collected_at=now_utc())  # a bad answer stops here
        except (FetchError, ParseError) as exc:
            log.warning("%s (thread of %s skipped)", exc.one_line(), uri)
            return None
        return page

    async def _get(self, uri: str) -> Page:
        for attempt in (1, 2):
            if self._token is None:
                self._token = await create_session(
                    self.client, self.settings, base=self.base, sleep=self._sleep
                )
            try:
                return await get_thread(
                    self.client, uri, self._token, self.settings, base=self.base, sleep=self._sleep
                )
            except FetchError as exc:
                if exc.status not in _EXPIRED or attempt == 2:
                    raise
                self._token = None  # the session expired: open a new one and ask again
        raise AssertionError("unreachable: the second attempt returns or raises")


def thread_follower(
    client: Any, settings: Settings, pattern: re.Pattern[str] | None, *, sleep: http.Sleep
) -> ThreadFollower | None:
    """Return the follower when an app password and a budget are set, else None."""
    if pattern is None or credentials(settings) is None:
        return None
    follower = ThreadFollower(client, settings, pattern, sleep=sleep)
    return follower if follower.per_hour > 0 else None


def _events(payload: bytes) -> list[dict[str, Any]]:
    events = []
    for line in payload.splitlines():
        try:
            event = decode_json(line)
        except ValueError:
            continue
        if isinstance(event, dict):
            events.append(event)
    return events
