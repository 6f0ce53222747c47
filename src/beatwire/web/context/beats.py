"""The beats index and a beat's page: its volume, change, platforms, sentiment and entities."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection

from beatwire.errors import NotFound
from beatwire.store.beats import beat_platform_days, beat_windows, platform_mix
from beatwire.store.engine import Store
from beatwire.store.entities import top_entities
from beatwire.store.narratives import list_narratives
from beatwire.store.signals import list_signals
from beatwire.store.sql import fill_days
from beatwire.store.stories import list_stories
from beatwire.taxonomy import Beat, load_taxonomy
from beatwire.web.context.common import Clock, change, platform_name, site_clock, story_cards
from beatwire.web.context.home import BeatTile, beat_tiles
from beatwire.web.context.narrative_view import NarrativeEntry, narrative_entries
from beatwire.web.context.wire import WireItem, signal_item

CHART_DAYS = 30


@dataclass(slots=True)
class BeatsContext:
    """The beats index: tiles grouped by category."""

    clock: Clock
    categories: list[tuple[str, list[BeatTile]]]


@dataclass(slots=True)
class BeatSeries:
    """A beat's last 30 days per platform: the data of its charts."""

    days: list[str]
    volume: list[tuple[str, list[int]]]
    sentiment: list[tuple[str, list[float | None]]]
    signal_days: list[str]


@dataclass(slots=True)
class BeatContext:
    """One beat's page."""

    clock: Clock
    slug: str
    name: str
    category: str
    description: str
    windows: dict[str, int]
    day_change: float | None
    week_change: float | None
    mix_week: list[tuple[str, int]]
    mix_all: list[tuple[str, int]]
    series: BeatSeries
    entities: list[dict[str, Any]]
    signals: list[WireItem]
    narratives: list[NarrativeEntry]
    stories: list[dict[str, Any]] = field(default_factory=list)


def beats_context(store: Store) -> BeatsContext:
    """Return the beats index's data, categories in taxonomy order."""
    with store.read() as conn:
        clock = site_clock(conn)
        tiles = beat_tiles(conn, clock)
    order = list(dict.fromkeys(beat.category for beat in load_taxonomy()))
    grouped = [(cat, [t for t in tiles if t.category == cat]) for cat in order]
    return BeatsContext(clock=clock, categories=grouped)


def find_beat(slug: str) -> Beat:
    """Return the beat `slug` of the taxonomy, or raise NotFound."""
    for beat in load_taxonomy():
        if beat.slug == slug:
            return beat
    raise NotFound(f"no beat {slug!r}")


def beat_series(conn: Connection, slug: str, clock: Clock) -> BeatSeries:
    """Return a beat's daily records and mean sentiment per platform over 30 days."""
    start = (clock.now - timedelta(days=CHART_DAYS - 1)).replace(hour=0, minute=0, second=0)
    end = clock.now + timedelta(microseconds=1)
    rows = beat_platform_days(conn, slug, start, end)
    days = [d for d, _ in fill_days({}, start, clock.now, 0)]
    totals: dict[str, int] = {}
    for _, provider, n, _mean in rows:
        totals[provider] = totals.get(provider, 0) + n
    platforms = sorted(totals, key=lambda p: (-totals[p], p))
    counts = {(d, p): n for d, p, n, _ in rows}
    means = {(d, p): mean for d, p, _, mean in rows}
    signals = list_signals(
        conn, kind=None, beat=slug, since=start, until=end, after=None, limit=100
    )
    return BeatSeries(
        days=days,
        volume=[(platform_name(p), [counts.get((d, p), 0) for d in days]) for p in platforms],
        sentiment=[(platform_name(p), rolling_mean(days, p, counts, means)) for p in platforms[:4]],
        signal_days=sorted({row["window_start"].date().isoformat() for row in signals}),
    )


def rolling_mean(
    days: list[str],
    platform: str,
    counts: dict[tuple[str, str], int],
    means: dict[tuple[str, str], float | None],
) -> list[float | None]:
    """Return a platform's sentiment per day as the record-weighted mean of the last 7 days."""
    found: list[float | None] = []
    for i in range(len(days)):
        window = [
            (counts.get((d, platform), 0), means.get((d, platform)))
            for d in days[max(0, i - 6) : i + 1]
        ]
        weight = sum(n for n, mean in window if mean is not None)
        total = sum(n * mean for n, mean in window if mean is not None)
        found.append(round(total / weight, 3) if weight else None)
    return found


def _mix(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(platform_name(p), n) for p, n in counts.items()]


def beat_context(store: Store, slug: str, min_narrative: int = 0) -> BeatContext:
    """Return a beat page's data, or raise NotFound for a beat not in the taxonomy.

    Its narratives are listed as on the index: titled, `min_narrative` records or more.
    """
    beat = find_beat(slug)
    with store.read() as conn:
        clock = site_clock(conn)
        windows = beat_windows(conn, slug, clock.now)
        series = beat_series(conn, slug, clock)
        week_ago = clock.now - timedelta(days=7)
        return BeatContext(
            clock=clock,
            slug=slug,
            name=beat.name,
            category=beat.category,
            description=beat.description,
            windows=windows,
            day_change=change(windows["day"], windows["prev_day"]),
            week_change=change(windows["week"], windows["prev_week"]),
            mix_week=_mix(platform_mix(conn, slug, week_ago)),
            mix_all=_mix(platform_mix(conn, slug, None)),
            series=series,
            entities=top_entities(conn, slug, clock.now - timedelta(days=CHART_DAYS), 10),
            signals=[
                signal_item(row)
                for row in list_signals(
                    conn, kind=None, beat=slug, since=None, until=None, after=None, limit=10
                )
            ],
            narratives=narrative_entries(
                conn, list_narratives(conn, beat=slug, limit=30), clock.through, min_narrative
            )[:10],
            stories=story_cards(
                conn,
                list_stories(conn, story_type=None, beat=slug, status=None, after=None, limit=20),
            ),
        )
