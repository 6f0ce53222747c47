"""The live wire: signals and dispatches, newest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from beatwire.store.engine import Store
from beatwire.store.signals import list_signals
from beatwire.store.stories import list_stories
from beatwire.taxonomy import beat_name
from beatwire.web.context.common import Clock, datelines, happened_at, site_clock
from beatwire.web.context.wire_words import kind_name, plain_sentence


@dataclass(slots=True)
class WireItem:
    """One line of the wire: a signal the detectors found or a dispatch the newsroom filed."""

    kind: str  # signal kind (volume_spike...) or "dispatch"
    at: datetime
    text: str  # one plain sentence
    beat: str | None
    beat_name: str | None
    story_slug: str | None = None
    figures: dict[str, float] = field(default_factory=dict)
    title: str = ""  # the kind as a reader names it
    stats: str | None = None  # the detector's own sentence, with its statistics
    narrative_id: str | None = None
    note: str | None = None  # a data note: why this signal is not a story (collection artefact)


@dataclass(slots=True)
class WireContext:
    """The live wire page."""

    clock: Clock
    items: list[WireItem]


def signal_item(row: dict[str, Any]) -> WireItem:
    """Return a signal row as a line of the wire: a plain sentence, the statistics apart."""
    return WireItem(
        kind=row["kind"],
        at=happened_at(row["window_end"]),  # the day it happened, not the next
        text=plain_sentence(row),
        beat=row["beat"],
        beat_name=beat_name(row["beat"]) if row["beat"] else None,
        figures={"value": row["value"], "baseline": row["baseline"], "effect": row["effect"]},
        title=kind_name(row["kind"]),
        stats=row["sentence"],
        narrative_id=row.get("narrative_id")
        or (row["key"] if row["kind"] == "emerging_narrative" else None),
        note=(row["details"] or {}).get("data_note"),
    )


def _dispatch_item(row: dict[str, Any], dateline: datetime | None) -> WireItem:
    return WireItem(
        kind="dispatch",
        at=dateline or row["updated_at"],  # filed later, but about the day of its event
        text=row["headline"],
        beat=row["beat"],
        beat_name=beat_name(row["beat"]) if row["beat"] else None,
        story_slug=row["slug"],
        title=kind_name("dispatch"),
    )


def wire_items(conn: Connection, limit: int) -> list[WireItem]:
    """Return the newest signals and dispatches, merged, newest first."""
    signals = list_signals(
        conn, kind=None, beat=None, since=None, until=None, after=None, limit=limit
    )
    dispatches = list_stories(
        conn, story_type="dispatch", beat=None, status=None, after=None, limit=limit
    )
    when = datelines(conn, [row["id"] for row in dispatches])
    items = [signal_item(row) for row in signals]
    items += [_dispatch_item(row, when.get(row["id"])) for row in dispatches]
    items.sort(key=lambda item: item.at, reverse=True)
    return items[:limit]


def wire_context(store: Store, limit: int = 100) -> WireContext:
    """Return the live wire page's data."""
    with store.read() as conn:
        return WireContext(clock=site_clock(conn), items=wire_items(conn, limit))
