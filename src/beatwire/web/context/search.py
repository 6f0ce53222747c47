"""Search: full text over records and stories, with filters, answered on the server."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from beatwire.model import PLATFORMS
from beatwire.store.engine import Store
from beatwire.store.records import RecordFilter, list_records
from beatwire.store.stories import search_stories
from beatwire.taxonomy import load_taxonomy
from beatwire.web.context.common import Clock, platform_name, site_clock, story_cards
from beatwire.web.record_view import excerpt

MAX_QUERY = 200
RESULTS = 30
WINDOWS = {"": None, "1d": 1, "7d": 7, "30d": 30}
SENTIMENTS = ("", "positive", "neutral", "negative")
SCOPES = ("all", "records", "stories")


@dataclass(slots=True)
class SearchQuery:
    """What the reader asked; anything unknown is dropped, never passed to a query."""

    q: str = ""
    scope: str = "all"
    platform: str = ""
    beat: str = ""
    sentiment: str = ""
    window: str = ""


@dataclass(slots=True)
class SearchContext:
    """The search page: the form's choices and what matched."""

    clock: Clock
    query: SearchQuery
    platforms: list[tuple[str, str]]
    beats: list[tuple[str, str]]
    records: list[dict[str, Any]] = field(default_factory=list)
    stories: list[dict[str, Any]] = field(default_factory=list)


def parse_query(params: dict[str, str]) -> SearchQuery:
    """Return the search asked for by query-string parameters, unknown values dropped."""
    beats = {beat.slug for beat in load_taxonomy()}

    def pick(name: str, allowed: Any) -> str:
        value = params.get(name, "")
        return value if value in allowed else ""

    return SearchQuery(
        q=" ".join(params.get("q", "").split())[:MAX_QUERY],
        scope=pick("scope", SCOPES) or "all",
        platform=pick("platform", PLATFORMS),
        beat=pick("beat", beats),
        sentiment=pick("sentiment", SENTIMENTS),
        window=pick("window", WINDOWS),
    )


def _record_row(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "platform": platform_name(row["provider"]), "excerpt": excerpt(row["text"])}


def search_context(store: Store, params: dict[str, str]) -> SearchContext:
    """Return the search page for these parameters (an empty query finds nothing)."""
    query = parse_query(params)
    with store.read() as conn:
        clock = site_clock(conn)
        context = SearchContext(
            clock=clock,
            query=query,
            platforms=[(p, platform_name(p)) for p in PLATFORMS],
            beats=[(beat.slug, beat.name) for beat in load_taxonomy()],
        )
        if not query.q:
            return context
        days = WINDOWS[query.window]
        since = None if days is None else clock.now - timedelta(days=days)
        if query.scope in ("all", "records"):
            flt = RecordFilter(
                source=query.platform or None,
                beat=query.beat or None,
                sentiment=query.sentiment or None,
                since=since,
                q=query.q,
            )
            rows = list_records(conn, flt, after=None, limit=RESULTS)
            context.records = [_record_row(row) for row in rows]
        if query.scope in ("all", "stories"):
            rows = search_stories(conn, query.q, limit=RESULTS * 3)
            cards = story_cards(
                conn, [r for r in rows if not query.beat or r["beat"] == query.beat]
            )
            context.stories = [c for c in cards if since is None or c["updated_at"] >= since][
                :RESULTS
            ]
    return context
