"""Serving whole responses from the DataCache as plain ASGI: a hit skips routing, FastAPI and SQL.

`SiteCache` wraps the site: every successful GET of a page, chart or feed is kept by
its path and query at the store's data version. The API has its own front
(web/api/read_cache.py) on the same cache, as its answers also depend on the key.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from beatwire.web.cache import DataCache

Headers = list[tuple[bytes, bytes]]
_UNCACHED = ("/v1/", "/static/", "/metrics")
_MAX_CHUNKS = 64


@dataclass(frozen=True, slots=True)
class Stored:
    """A complete response: status, headers and body."""

    status: int
    headers: Headers
    body: bytes

    def header(self, name: bytes) -> bytes | None:
        """Return the first value of header `name` (lower case), or None."""
        return next((value for key, value in self.headers if key == name), None)


async def send_stored(send: Send, stored: Stored) -> None:
    """Send a stored response."""
    await send({"type": "http.response.start", "status": stored.status, "headers": stored.headers})
    await send({"type": "http.response.body", "body": stored.body})


async def call_and_keep(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> Stored | None:
    """Run `app`, passing its messages on; return its response when it was a 200 in one piece."""
    status = 0
    headers: Headers = []
    chunks: list[bytes] = []

    async def keep(message: Message) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            # Copied now: the middleware outside may add its headers to the message afterwards.
            status, headers = (
                message["status"],
                [(bytes(k), bytes(v)) for k, v in message.get("headers", [])],
            )
        elif message["type"] == "http.response.body" and len(chunks) <= _MAX_CHUNKS:
            chunks.append(message.get("body", b""))
        await send(message)

    await app(scope, receive, keep)
    if status != 200 or len(chunks) > _MAX_CHUNKS:  # a stream is not a page
        return None
    return Stored(200, headers, b"".join(chunks))


def cacheable(scope: Scope, ttl: float) -> bool:
    """Return whether a request may be answered from the cache: an HTTP GET, with a ttl."""
    return scope["type"] == "http" and scope["method"] == "GET" and ttl > 0


def cache_key(kind: str, scope: Scope, *extra: Hashable) -> tuple[Hashable, ...]:
    """Return the key of a request: its kind, path, query and whatever else it depends on."""
    return (kind, scope["path"], scope.get("query_string", b""), *extra)


class SiteCache:
    """Answers repeated GETs of the site's pages from `cache`, for `ttl` s while the data holds."""

    def __init__(self, app: ASGIApp, cache: DataCache, ttl: float) -> None:
        self.app = app
        self.cache = cache
        self.ttl = ttl

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not cacheable(scope, self.ttl) or scope["path"].startswith(_UNCACHED):
            await self.app(scope, receive, send)
            return
        key = cache_key("page", scope)
        version = self.cache.version()  # read before rendering: a write meanwhile invalidates
        stored = self.cache.get(key, version)
        if stored is not None:
            await send_stored(send, stored)
            return
        stored = await call_and_keep(self.app, scope, receive, send)
        if stored is not None:
            self.cache.put(key, stored, version, ttl=self.ttl)
