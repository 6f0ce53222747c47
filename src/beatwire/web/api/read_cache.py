"""The API's answers kept in process: a repeated read costs a key check and a dictionary lookup.

An answer depends on the path, the query and the key's scopes (search shows what the
scopes allow), so those make the cache key; an entry holds only while the store's data
version is the one it was made at, and at most `ttl` seconds (answers measured from
"now"). A hit still authenticates (through the keys the routes keep in the same cache:
a key is only trusted here once a route has checked it) and spends a rate-limit token;
anything else (a new key, a 429, a miss) goes to the routes, which answer as always.
"""

from __future__ import annotations

from typing import Any

from fastapi.security.utils import get_authorization_scheme_param
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from beatwire.errors import RateLimited
from beatwire.web.api.caching import matches
from beatwire.web.api.deps import ApiState, key_entry
from beatwire.web.api.limits import STATE_KEY, without_rate_headers
from beatwire.web.cache import DataCache
from beatwire.web.response_cache import (
    Stored,
    cache_key,
    cacheable,
    call_and_keep,
    send_stored,
)

_NOT_MODIFIED_HEADERS = (b"etag", b"cache-control", b"vary")


def request_token(headers: Headers) -> str | None:
    """Return the token the routes would authenticate: a Bearer credential, else X-API-Key."""
    authorization = headers.get("authorization")
    scheme, credentials = get_authorization_scheme_param(authorization)
    if authorization and scheme and credentials and scheme.lower() == "bearer":
        return credentials
    return headers.get("x-api-key") or None


async def _send_304(send: Send, stored: Stored) -> None:
    headers = [(k, v) for k, v in stored.headers if k in _NOT_MODIFIED_HEADERS]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


class ApiReadCache:
    """Answers repeated reads of the /v1 app `api` from `cache` while the data is unchanged.

    It sits in front of the whole site, so a hit skips the site's routing too.
    """

    def __init__(
        self, app: ASGIApp, cache: DataCache, ttl: float, api: Any, prefix: str = "/v1/"
    ) -> None:
        self.app = app
        self.cache = cache
        self.ttl = ttl
        self.api = api
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not cacheable(scope, self.ttl) or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        state: ApiState = self.api.state.api
        headers = Headers(scope=scope)
        token = request_token(headers)
        version = self.cache.version()  # read before answering: a write meanwhile invalidates
        key = self.cache.get(key_entry(token), version) if token else None
        stored = self.cache.get(cache_key("answer", scope, key.scopes), version) if key else None
        if stored is not None and key is not None:
            try:
                allowance = state.limiter.check(key.id, key.rpm)
            except RateLimited:
                stored = None  # the routes answer the 429 in the one error format
            else:
                # RateLimitHeaders, outside this cache, adds where the key stands.
                scope.setdefault("state", {})[STATE_KEY] = allowance
                etag = stored.header(b"etag")
                if etag is not None and matches(headers.get("if-none-match"), etag.decode()):
                    await _send_304(send, stored)
                else:
                    await send_stored(send, stored)
                return
        answer = await call_and_keep(self.app, scope, receive, send)
        # Kept only when a route answered with an ETag (a read), for a key it just accepted.
        key = self.cache.get(key_entry(token), version) if token else None
        if answer is not None and key is not None and answer.header(b"etag"):
            kept = Stored(answer.status, without_rate_headers(answer.headers), answer.body)
            self.cache.put(cache_key("answer", scope, key.scopes), kept, version, ttl=self.ttl)
