"""The feeds' routes: every story, and the stories of one beat, entity or narrative.

Each feed sits next to the page it follows (`/beats/<slug>/feed.rss`); an entity has
no page of its own, so its feed links a search for it. RSS 2.0 or Atom by extension.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import Connection

from beatwire.errors import NotFound
from beatwire.store.entities import entity_row
from beatwire.store.follows import entity_stories, narrative_stories
from beatwire.store.narratives import narrative_row
from beatwire.store.stories import list_stories
from beatwire.web.context.beats import find_beat
from beatwire.web.context.common import site_clock
from beatwire.web.feeds import Feed, atom, rss
from beatwire.web.links import site_base

router = APIRouter()
FEED_SIZE = 50
FORMATS = {"rss": (rss, "application/rss+xml"), "atom": (atom, "application/atom+xml")}


@dataclass(frozen=True, slots=True)
class Followed:
    """What a feed follows: its name (None for every story), its page and its stories."""

    name: str | None
    page: str  # path of the page the feed describes
    rows: list[dict[str, Any]]


def _respond(request: Request, fmt: str, followed: Callable[[Connection], Followed]) -> Response:
    if fmt not in FORMATS:
        raise NotFound(f"no feed format {fmt!r}", hint="use .rss or .atom")
    build, media_type = FORMATS[fmt]
    title, base = request.app.state.settings.web.site_title, site_base(request)
    with request.app.state.store.read() as conn:
        what = followed(conn)
        now = site_clock(conn).now
    feed = Feed(
        title=f"{title}: {what.name}" if what.name else title,
        description=f"Stories about {what.name or 'how the world talks about AI'}",
        page_url=f"{base}{what.page}",
        self_url=f"{base}{request.url.path}",
    )
    return Response(build(feed, what.rows, base, now), media_type=media_type)


def _every_story(conn: Connection) -> Followed:
    return Followed(None, "/", _latest(conn, beat=None))


def _latest(conn: Connection, *, beat: str | None) -> list[dict[str, Any]]:
    return list_stories(conn, story_type=None, beat=beat, status=None, after=None, limit=FEED_SIZE)


@router.get("/feeds/stories.{fmt}")
def stories_feed(request: Request, fmt: str) -> Response:
    """Every story, as RSS 2.0 (.rss) or Atom (.atom)."""
    return _respond(request, fmt, _every_story)


@router.get("/beats/{slug}/feed.{fmt}")
def beat_feed(request: Request, slug: str, fmt: str) -> Response:
    """A beat's stories, as RSS 2.0 (.rss) or Atom (.atom)."""
    name = find_beat(slug).name
    return _respond(
        request, fmt, lambda conn: Followed(name, f"/beats/{slug}/", _latest(conn, beat=slug))
    )


@router.get("/entities/{slug:path}/feed.{fmt}")  # a slug may hold a slash (gh:owner/repo)
def entity_feed(request: Request, slug: str, fmt: str) -> Response:
    """The stories citing records that name an entity, as RSS 2.0 or Atom."""

    def followed(conn: Connection) -> Followed:
        row = entity_row(conn, slug)
        if row is None:
            raise NotFound(f"no entity {slug!r}")
        page = f"/search/?q={quote(str(row['name']))}"
        return Followed(row["name"], page, entity_stories(conn, slug, limit=FEED_SIZE))

    return _respond(request, fmt, followed)


@router.get("/narratives/{narrative_id}/feed.{fmt}")
def narrative_feed(request: Request, narrative_id: str, fmt: str) -> Response:
    """The stories citing records of a narrative, as RSS 2.0 or Atom."""

    def followed(conn: Connection) -> Followed:
        row = narrative_row(conn, narrative_id)
        if row is None:
            raise NotFound(f"no narrative {narrative_id!r}")
        return Followed(
            row["label"],
            f"/narratives/{narrative_id}/",
            narrative_stories(conn, narrative_id, limit=FEED_SIZE),
        )

    return _respond(request, fmt, followed)
