"""Shared dependencies of the API routes, as named types: the store, the key, its scope."""

from __future__ import annotations

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
from beatwire.web.api.limits import STATE_KEY, RateLimiter, StreamSlots
from beatwire.web.cache import DataCache

_MAX_TOKEN = 200

_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <key>`")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="`X-API-Key: <key>`")


def key_entry(token: str) -> tuple[str, str]:
    """Return the cache key of the API key a token was authenticated as."""
    return ("api-key", token)


@dataclass(slots=True)
class ApiState:
    """What every API request shares: settings, store, limits, open streams and the clock."""

    settings: Settings
    store: Store
    limiter: RateLimiter
    cache: DataCache  # the app's one cache: answers and the keys the routes authenticated
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
    request: Request,
    api: ApiStateDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header: Annotated[str | None, Depends(_header)],
) -> ApiKey:
    token = _token(bearer, header)
    key = None
    if len(token) <= _MAX_TOKEN:
        # Kept while the data holds: a revocation is a write, so the next request sees it.
        ttl = api.settings.api.key_cache_s
        key = api.cache.get_or_make(key_entry(token), lambda: _authenticate(api, token), ttl=ttl)
    if key is None:
        raise Unauthorized("unknown or revoked API key")
    setattr(request.state, STATE_KEY, api.limiter.check(key.id, key.rpm))
    return key


def _authenticate(api: ApiState, token: str) -> ApiKey | None:
    with api.store.read() as conn:
        return authenticate(conn, token)


ApiKeyDep = Annotated[ApiKey, Depends(_api_key)]


def scoped(scope: str) -> Any:
    """Return a dependency that lets a request through only with a key holding `scope`."""

    async def check(key: ApiKeyDep) -> ApiKey:
        if scope not in key.scopes:
            raise Forbidden(f"this key lacks the {scope!r} scope")
        return key

    return Depends(check)
