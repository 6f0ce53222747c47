"""The /v1 API as its own app, mounted by the site: `app.mount("/v1", create_api(...))`.

Its own app gives it its own OpenAPI document, error handlers and state, so the
HTML site keeps its handlers and stays public without a key.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from beatwire.config import Settings
from beatwire.store.engine import Store
from beatwire.web.api import (
    beats,
    docs,
    ecosystem,
    entities,
    narratives,
    records,
    search,
    signals,
    stats,
    stories,
    stream,
)
from beatwire.web.api.deps import ApiState
from beatwire.web.api.errors import error_responses, install_error_handlers
from beatwire.web.api.limits import RateLimiter, RateLimitHeaders
from beatwire.web.cache import DataCache

DESCRIPTION = (
    "Read-only access to Beatwire's records, stories, beats, narratives, signals and entities. "
    "Every operation needs an API key (`Authorization: Bearer <key>` or `X-API-Key: <key>`) "
    "with the operation's scope: `records` (records, entities, ecosystem), `stories` "
    "(stories, beats, narratives, signals) or `stream`; search returns the parts the key's "
    "scopes allow and stats answers any key. Lists are paginated with opaque cursors. Reads "
    "carry an ETag and answer 304 to a matching If-None-Match. Errors share one body: "
    '`{"error": {"code": ..., "message": ...}}`.'
)
_READ: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: If-None-Match matched the ETag."}
}


def _openapi(api: FastAPI) -> dict[str, Any]:
    """Return the OpenAPI document, with FastAPI's 422 replaced by our 400 everywhere."""
    if api.openapi_schema is None:
        spec = get_openapi(
            title=api.title,
            version=api.version,
            openapi_version=api.openapi_version,
            description=api.description,
            routes=api.routes,
            servers=api.servers,
        )
        for methods in spec["paths"].values():
            for operation in methods.values():
                operation["responses"].pop("422", None)
        schemas = spec.get("components", {}).get("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        api.openapi_schema = spec
    return api.openapi_schema


def create_api(
    settings: Settings,
    store: Store,
    *,
    cache: DataCache,
    limiter: RateLimiter | None = None,
) -> FastAPI:
    """Return the /v1 API app on `store` and the site's `cache` (`limiter` injects a clock)."""
    api = FastAPI(
        title=f"{settings.web.site_title} API",
        version="1",
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        servers=[{"url": "/v1"}],
    )
    api.state.api = ApiState(
        settings=settings,
        store=store,
        limiter=limiter or RateLimiter(burst=settings.api.burst_per_second),
        cache=cache,
    )
    install_error_handlers(api)
    api.add_middleware(RateLimitHeaders)
    failures = error_responses(400, 401, 403, 404, 429, 503)
    for module in (
        records,
        stories,
        beats,
        narratives,
        signals,
        entities,
        ecosystem,
        search,
        stats,
    ):
        api.include_router(module.router, responses={**_READ, **failures})
    api.include_router(stream.router, responses=failures)
    api.include_router(docs.router)
    api.openapi = lambda: _openapi(api)  # type: ignore[method-assign]
    return api
