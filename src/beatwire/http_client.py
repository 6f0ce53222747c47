"""The one HTTP client factory: Beatwire's User-Agent, timeouts, redirects and per-host limiter.

It sits below the stages because two layers build clients: the sources (through
`sources/http.py`, which adds retries and error translation) and the LLM clients.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx2

from beatwire.config import Settings
from beatwire.retry import Sleep

_LIMITERS: weakref.WeakKeyDictionary[httpx2.AsyncClient, HostLimiter] = weakref.WeakKeyDictionary()


class HostLimiter:
    """Keeps at least `1 / rps` seconds between two requests to the same host."""

    def __init__(self, rps: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 1.0 / rps if rps > 0 else 0.0
        self._clock = clock
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def wait(self, url: str, *, sleep: Sleep = asyncio.sleep) -> float:
        """Wait for `url`'s host turn and return the seconds waited."""
        if self.interval <= 0:
            return 0.0
        host = (urlsplit(url).hostname or "").lower()
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            now = self._clock()
            due = self._next.get(host, now)
            delay = max(0.0, due - now)
            # Book the slot before sleeping so concurrent callers queue behind it.
            self._next[host] = max(now, due) + self.interval
            if delay > 0:
                await sleep(delay)
            return delay


def user_agent(settings: Settings) -> str:
    """Return the descriptive User-Agent with the operator's contact."""
    agent, contact = settings.http.user_agent.strip(), settings.http.contact.strip()
    if not contact:
        return agent
    if agent.endswith(")"):
        return f"{agent[:-1]}; {contact})"
    return f"{agent} ({contact})"


def make_client(
    settings: Settings,
    *,
    transport: httpx2.AsyncBaseTransport | None = None,
    headers: dict[str, str] | None = None,
) -> httpx2.AsyncClient:
    """Return an AsyncClient with Beatwire's User-Agent, timeouts, redirects and host limiter."""
    merged = {"User-Agent": user_agent(settings), **(headers or {})}
    client = httpx2.AsyncClient(
        headers=merged,
        timeout=httpx2.Timeout(settings.http.timeout_s),
        follow_redirects=True,
        transport=transport,
    )
    _LIMITERS[client] = HostLimiter(settings.http.per_host_rps)
    return client


def limiter_for(client: httpx2.AsyncClient) -> HostLimiter | None:
    """Return the host limiter `make_client` attached to `client`, if any."""
    return _LIMITERS.get(client)
