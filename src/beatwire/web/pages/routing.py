"""One registration per page: its HTML at `PATH`, `PATH/index.html` and its twin at `index.json`."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from beatwire.web.context.common import data_through
from beatwire.web.links import root_for

Build = Callable[..., Any]
TWINS: list[str] = []  # every page path registered, for the export and the twin test


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, bytes | set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_json(context: Any) -> bytes:
    """Return a page context as JSON bytes."""
    data = asdict(context) if is_dataclass(context) and not isinstance(context, type) else context
    return json.dumps(data, default=_default, ensure_ascii=False, indent=1).encode("utf-8")


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    """Return a template rendered with the page's root prefix and the site's settings."""
    app = request.app
    html = app.state.templates.get_template(template).render(
        root=root_for(request.url.path),
        site=app.state.settings.web.site_title,
        path=request.url.path,
        data_through=data_through(app.state.store),
        **context,
    )
    return HTMLResponse(html)


def memo(request: Request, build: Callable[..., Any], *args: Any) -> Any:
    """Return `build(store, *args)` from the app's cache while the data holds.

    Only for a context made from the data alone, with no clock in it (story_context):
    the page, its twin, chart and text then share one.
    """
    store = request.app.state.store
    key = ("context", build.__qualname__, *args)
    return request.app.state.cache.get_or_make(key, lambda: build(store, *args), ttl=None)


def page(router: APIRouter, path: str, template: str) -> Callable[[Build], Build]:
    """Register `build(request, **path_params)` as the HTML page `template` and its JSON twin."""

    def register(build: Build) -> Build:
        # Repeated requests are answered by the SiteCache in front of the app (response_cache.py).
        def html(request: Request) -> Response:
            return render(request, template, page=build(request, **request.path_params))

        def twin(request: Request) -> Response:
            body = to_json(build(request, **request.path_params))
            return Response(body, media_type="application/json")

        name = build.__name__
        router.add_api_route(path, html, methods=["GET"], name=name, response_class=HTMLResponse)
        router.add_api_route(
            f"{path}index.html",
            html,
            methods=["GET"],
            name=f"{name}_html",
            response_class=HTMLResponse,
        )
        router.add_api_route(f"{path}index.json", twin, methods=["GET"], name=f"{name}_json")
        TWINS.append(path)
        return build

    return register
