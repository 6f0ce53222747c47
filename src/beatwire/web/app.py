"""The web application factory: pages, feeds and the API on one store."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from beatwire.config import Settings
from beatwire.errors import ApiError
from beatwire.store.engine import Store
from beatwire.web import pages
from beatwire.web.api.app import create_api
from beatwire.web.api.limits import RateLimitHeaders
from beatwire.web.api.read_cache import ApiReadCache
from beatwire.web.cache import DataCache
from beatwire.web.filters import printable
from beatwire.web.head import HeadAsGet
from beatwire.web.headers import SecurityHeaders
from beatwire.web.metrics import metrics_router
from beatwire.web.response_cache import SiteCache
from beatwire.web.version import DataVersion


def make_templates() -> Jinja2Templates:
    """Return the Jinja2 environment of the site (autoescape on)."""
    directory = str(resources.files("beatwire.web") / "templates")
    # Starlette 1.x takes a ready environment (no **env_options): build it with autoescape on,
    # and every value a page prints free of control characters (a NUL typed into a search).
    env = Environment(loader=FileSystemLoader(directory), autoescape=True, finalize=printable)
    templates = Jinja2Templates(env=env)
    templates.env.filters.update(pages.FILTERS)
    return templates


def create_app(settings: Settings, store: Store) -> FastAPI:
    """Return the web app for `store`; nothing is created at import time."""
    app = FastAPI(title=settings.web.site_title, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.store = store
    app.state.templates = make_templates()
    app.state.cache = cache = DataCache(DataVersion(store), settings.web.page_cache_entries)
    static = str(resources.files("beatwire.web") / "static")
    app.mount("/static", StaticFiles(directory=static), name="static")
    token = settings.web.metrics_token.get_secret_value()
    app.include_router(metrics_router(store, token))  # before the pages' catch-all routes
    app.include_router(pages.router)
    api = create_api(settings, store, cache=cache)
    app.mount("/v1", api)

    # Inside the headers: a page or answer from the cache gets the same headers as a fresh one.
    app.add_middleware(SiteCache, cache=cache, ttl=settings.web.page_cache_s)
    app.add_middleware(ApiReadCache, cache=cache, ttl=settings.api.response_cache_s, api=api)
    app.add_middleware(RateLimitHeaders)  # outside the cache: a kept answer gets the asker's
    # A route may set a narrower policy of its own (chart images need inline SVG styles).
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)  # outermost: a HEAD is its GET, cached and headed alike

    def error_page(request: Request, status: int, message: str) -> HTMLResponse:
        html = app.state.templates.get_template("error.html").render(
            root=pages.root_for(request.url.path),
            title="Not found" if status == 404 else "Error",
            message=message,
            site=settings.web.site_title,
        )
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> HTMLResponse | JSONResponse:
        body = {"error": {"code": exc.code, "message": exc.one_line()}}
        if request.url.path.startswith("/v1/"):
            return JSONResponse(body, status_code=exc.status)
        return error_page(request, exc.status, exc.one_line())

    @app.exception_handler(StarletteHTTPException)
    async def unknown_page(request: Request, exc: StarletteHTTPException) -> Response:
        # A path no route knows (or a method it does not take) gets the site's own page.
        if exc.status_code != 404:
            return await http_exception_handler(request, exc)
        return error_page(request, 404, "There is no page at this address.")

    return app
