"""The web application factory: pages, feeds and the API on one store."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from beatwire.config import Settings
from beatwire.errors import ApiError
from beatwire.store.engine import Store
from beatwire.web import pages

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def make_templates() -> Jinja2Templates:
    """Return the Jinja2 environment of the site (autoescape on)."""
    directory = str(resources.files("beatwire.web") / "templates")
    templates = Jinja2Templates(directory=directory, autoescape=True)
    templates.env.filters.update(pages.FILTERS)
    return templates


def create_app(settings: Settings, store: Store) -> FastAPI:
    """Return the web app for `store`; nothing is created at import time."""
    app = FastAPI(title=settings.web.site_title, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.store = store
    app.state.templates = make_templates()
    static = str(resources.files("beatwire.web") / "static")
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.include_router(pages.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> HTMLResponse | JSONResponse:
        body = {"error": {"code": exc.code, "message": exc.one_line()}}
        if request.url.path.startswith("/v1/"):
            return JSONResponse(body, status_code=exc.status)
        html = app.state.templates.get_template("error.html").render(
            root=pages.root_for(request.url.path),
            title="Not found",
            message=exc.one_line(),
            site=settings.web.site_title,
        )
        return HTMLResponse(html, status_code=exc.status)

    return app
