"""The site's pages, each built from a context object (web/context/)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from beatwire.web.context.about import methodology_context, sources_context
from beatwire.web.context.beats import beat_context, beats_context
from beatwire.web.context.home import home_context
from beatwire.web.context.narratives import narrative_context, narratives_context
from beatwire.web.context.search import search_context
from beatwire.web.context.story import story_context
from beatwire.web.context.wire import wire_context
from beatwire.web.pages.routing import memo, page

router = APIRouter()


def _store(request: Request) -> Any:
    return request.app.state.store


def _min_narrative(request: Request) -> int:
    # The clusterer's own floor: a group smaller than this is noise, so it is never listed.
    return int(request.app.state.settings.detect.cluster.min_size)


@page(router, "/", "home.html")
def home(request: Request) -> Any:
    """The front page."""
    return home_context(_store(request))


@page(router, "/stories/{slug}/", "story.html")
def story(request: Request, slug: str) -> Any:
    """One story."""
    return memo(request, story_context, slug)


@page(router, "/beats/", "beats.html")
def beats(request: Request) -> Any:
    """Every beat."""
    return beats_context(_store(request))


@page(router, "/beats/{slug}/", "beat.html")
def beat(request: Request, slug: str) -> Any:
    """One beat."""
    return beat_context(_store(request), slug, _min_narrative(request))


@page(router, "/narratives/", "narratives.html")
def narratives(request: Request) -> Any:
    """Every narrative."""
    return narratives_context(_store(request), _min_narrative(request))


@page(router, "/narratives/{narrative_id}/", "narrative.html")
def narrative(request: Request, narrative_id: str) -> Any:
    """One narrative: its timeline and lineage."""
    return narrative_context(_store(request), narrative_id)


@page(router, "/wire/", "wire.html")
def wire(request: Request) -> Any:
    """The live wire."""
    return wire_context(_store(request))


@page(router, "/search/", "search.html")
def search(request: Request) -> Any:
    """Search over records and stories."""
    return search_context(_store(request), dict(request.query_params))


@page(router, "/methodology/", "methodology.html")
def methodology(request: Request) -> Any:
    """How Beatwire works, from the live configuration."""
    return methodology_context(_store(request), request.app.state.settings)


@page(router, "/sources/", "sources.html")
def sources(request: Request) -> Any:
    """Where the data comes from."""
    return sources_context(_store(request), request.app.state.settings)


@page(router, "/about/", "about.html")
def about(request: Request) -> Any:
    """What Beatwire is."""
    return {"site": request.app.state.settings.web.site_title}
