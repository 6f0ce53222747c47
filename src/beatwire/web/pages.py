"""HTML pages. Each renders a context object; links are relative so a static export works."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from beatwire.model import PLATFORM_NAMES
from beatwire.taxonomy import beat_name
from beatwire.web.context import beat_context, home_context, story_context
from beatwire.web.render import body_html

router = APIRouter()


def root_for(path: str) -> str:
    """Return the relative prefix from the page at `path` back to the site root."""
    directory = path.rsplit("/", 1)[0] if path.endswith(".html") else path.rstrip("/")
    return "../" * directory.strip("/").count("/") + ("../" if directory.strip("/") else "")


def _when(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%d %b %Y, %H:%M} UTC"


FILTERS: dict[str, Any] = {
    "body_html": body_html,
    "when": _when,
    "beat_name": beat_name,
    "platform": lambda name: PLATFORM_NAMES.get(name, name),
}


def _render(request: Request, template: str, **context: Any) -> HTMLResponse:
    app = request.app
    html = app.state.templates.get_template(template).render(
        root=root_for(request.url.path), site=app.state.settings.web.site_title, **context
    )
    return HTMLResponse(html)


@router.get("/", response_class=HTMLResponse)
@router.get("/index.html", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request) -> HTMLResponse:
    """The front page."""
    return _render(request, "home.html", page=home_context(request.app.state.store))


@router.get("/stories/{slug}/", response_class=HTMLResponse)
@router.get("/stories/{slug}/index.html", response_class=HTMLResponse, include_in_schema=False)
def story(request: Request, slug: str) -> HTMLResponse:
    """One story with its citations."""
    return _render(request, "story.html", page=story_context(request.app.state.store, slug))


@router.get("/beats/{slug}/", response_class=HTMLResponse)
@router.get("/beats/{slug}/index.html", response_class=HTMLResponse, include_in_schema=False)
def beat(request: Request, slug: str) -> HTMLResponse:
    """One beat and its stories."""
    return _render(request, "beat.html", page=beat_context(request.app.state.store, slug))
