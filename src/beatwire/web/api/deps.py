"""Shared dependencies of the API routes, as named types: the store, the key, its scope."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from beatwire.config import Settings
from beatwire.errors import Forbidden, Unauthorized
from beatwire.model import now_utc
from beatwire.store.engine import Store
from beatwire.store.keys import ApiKey, authenticate
from beatwire.web.api.limits import RateLimiter, StreamSlots

_MAX_TOKEN = 200

_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <key>`")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="`X-API-Key: <key>`")


class KeyCache:
    """Keys recently authenticated, for `ttl` seconds: most requests then skip the database.

    A revoked key keeps working for at most `ttl` seconds in a process that has seen it.
    """

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._keys: dict[str, tuple[float, ApiKey]] = {}

    def get(self, token: str) -> ApiKey | None:
        """Return the cached key of `token`, or None when absent or expired."""
        found = self._keys.get(token)
        if found is None or self.clock() - found[0] >= self.ttl:
            return None
        return found[1]

    def put(self, token: str, key: ApiKey) -> None:
        """Remember that `token` is `key`."""
        if len(self._keys) > 10_000:  # bound the memory a flood of distinct keys could take
            self._keys.clear()
        self._keys[token] = (self.clock(), key)


@dataclass(slots=True)
class ApiState:
    """What every API request shares: settings, store, limits, open streams and the clock."""

    settings: Settings
    store: Store
    limiter: RateLimiter
    keys: KeyCache
    streams: StreamSlots = field(default_factory=StreamSlots)
    now: Callable[[], datetime] = now_utc


async def _api_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.api
    return state


ApiStateDep = Annotated[ApiState, Depends(_api_state)]


async def _store(api: ApiStateDep) -> Store:
    return api.store


StoreDep = Annotated[Store, Depends(_store)]


def _token(bearer: HTTPAuthorizationCredentials | None, header: str | None) -> str:
    token = bearer.credentials if bearer is not None else header
    if not token:
        raise Unauthorized(
            "an API key is required", hint="send `Authorization: Bearer <key>` or `X-API-Key`"
        )
    return token


def _api_key(
    api: ApiStateDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header: Annotated[str | None, Depends(_header)],
) -> ApiKey:
    token = _token(bearer, header)
    key = api.keys.get(token)
    if key is None and len(token) <= _MAX_TOKEN:
        with api.store.read() as conn:
            key = authenticate(conn, token)
        if key is not None:
            api.keys.put(token, key)
    if key is None:
        raise Unauthorized("unknown or revoked API key")
    api.limiter.check(key.id, key.rpm)
    return key


ApiKeyDep = Annotated[ApiKey, Depends(_api_key)]


def scoped(scope: str) -> Any:
    """Return a dependency that lets a request through only with a key holding `scope`."""

    async def check(key: ApiKeyDep) -> ApiKey:
        if scope not in key.scopes:
            raise Forbidden(f"this key lacks the {scope!r} scope")
        return key

    return Depends(check)
