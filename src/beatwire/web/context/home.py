"""The front page: lead story, more stories, the wire strip and the beat tiles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection

from beatwire.store.beats import all_beat_days, beat_counts
from beatwire.store.engine import Store
from beatwire.store.sql import fill_days
from beatwire.store.stories import list_stories
from beatwire.taxonomy import load_taxonomy
from beatwire.web.context.common import Clock, change, site_clock, story_cards
from beatwire.web.context.wire import WireItem, wire_items

SPARK_DAYS = 14


@dataclass(slots=True)
class BeatTile:
    """A beat as a tile: its last week and its daily volume line."""

    slug: str
    name: str
    category: str
    records_7d: int
    week_change: float | None
    stories: int
    spark: list[int]


@dataclass(slots=True)
class HomeContext:
    """The front page."""

    clock: Clock
    lead: dict[str, Any] | None
    more: list[dict[str, Any]]
    wire: list[WireItem]
    beats: list[BeatTile]


def beat_tiles(conn: Connection, clock: Clock) -> list[BeatTile]:
    """Return a tile per beat of the taxonomy, busiest last week first."""
    end = clock.now + timedelta(microseconds=1)
    start = (clock.now - timedelta(days=2 * SPARK_DAYS - 1)).replace(hour=0, minute=0, second=0)
    days = all_beat_days(conn, start, end)
    stories = beat_counts(conn, clock.now - timedelta(days=1))
    tiles = []
    for beat in load_taxonomy():
        series = [n for _, n in fill_days(days.get(beat.slug, {}), start, clock.now, 0)]
        week, before = sum(series[-7:]), sum(series[-14:-7])
        tiles.append(
            BeatTile(
                slug=beat.slug,
                name=beat.name,
                category=beat.category,
                records_7d=week,
                week_change=change(week, before),
                stories=stories.get(beat.slug, {}).get("stories", 0),
                spark=series[-SPARK_DAYS:],
            )
        )
    tiles.sort(key=lambda tile: (-tile.records_7d, tile.slug))
    return tiles


def home_context(store: Store) -> HomeContext:
    """Return the front page's data."""
    with store.read() as conn:
        clock = site_clock(conn)
        rows = list_stories(conn, story_type=None, beat=None, status=None, after=None, limit=13)
        wire = wire_items(conn, 7)
        tiles = beat_tiles(conn, clock)
        cards = story_cards(conn, rows)
    lead = next((c for c in cards if c["type"] == "lead"), cards[0] if cards else None)
    more = [c for c in cards if c is not lead][:12]
    return HomeContext(clock=clock, lead=lead, more=more, wire=wire, beats=tiles)
