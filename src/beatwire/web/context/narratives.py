"""Narratives: the index, and one narrative's timeline and lineage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from beatwire.errors import NotFound
from beatwire.store.engine import Store
from beatwire.store.narratives import (
    existing_narratives,
    list_narratives,
    narrative_member_ids,
    narrative_row,
    narrative_series,
    narrative_timeline,
)
from beatwire.store.records import record_summaries
from beatwire.store.signals import narrative_signals
from beatwire.taxonomy import beat_name
from beatwire.web.context.common import Clock, platform_name, site_clock
from beatwire.web.context.narrative_view import NarrativeEntry, narrative_entries, state, title
from beatwire.web.context.wire import WireItem, signal_item
from beatwire.web.record_view import excerpt

LISTED = 200  # most recently updated narratives considered for the index
LINKS = ("from", "into", "parent", "child", "merged_into", "split_from", "narrative_id")


@dataclass(slots=True)
class NarrativesContext:
    """The narratives index."""

    clock: Clock
    narratives: list[NarrativeEntry]
    min_size: int  # smaller narratives are not listed


@dataclass(slots=True)
class LineageEvent:
    """Something that happened to the narrative, with links to the narratives it involved."""

    kind: str
    at: datetime
    details: dict[str, Any]
    related: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # what each related one is about


@dataclass(slots=True)
class NarrativeContext:
    """One narrative's page."""

    narrative: dict[str, Any]
    beat_name: str | None
    title: str
    state: str
    first_seen: str | None  # the days of its first and last record, on the data's clock
    last_seen: str | None
    series: list[tuple[str, int]]
    events: list[LineageEvent]
    records: list[dict[str, Any]]
    signals: list[WireItem]


def narratives_context(store: Store, min_size: int) -> NarrativesContext:
    """Return the narratives index: new and growing first, none under `min_size` records."""
    with store.read() as conn:
        clock = site_clock(conn)
        rows = list_narratives(conn, limit=LISTED)
        return NarrativesContext(
            clock=clock,
            narratives=narrative_entries(conn, rows, clock.through, min_size),
            min_size=min_size,
        )


def _related(details: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for key in LINKS:
        value = details.get(key)
        values = value if isinstance(value, list) else [value]
        found += [str(v) for v in values if isinstance(v, str)]
    return found


def lineage(conn: Connection, narrative_id: str) -> list[LineageEvent]:
    """Return the narrative's events oldest first, linking the narratives that still exist."""
    events = [
        LineageEvent(kind=e["kind"], at=e["at"], details=dict(e["details"]))
        for e in narrative_timeline(conn, narrative_id)
    ]
    wanted = {rid for event in events for rid in _related(event.details)}
    known = existing_narratives(conn, wanted)
    titles = {rid: title(conn, rid) or rid for rid in known}
    for event in events:
        event.related = [rid for rid in _related(event.details) if rid in known]
        event.titles = {rid: titles[rid] for rid in event.related}
    return events


def _sample(conn: Connection, narrative_id: str, limit: int) -> list[dict[str, Any]]:
    ids = narrative_member_ids(conn, narrative_id, limit)
    rows = record_summaries(conn, ids)
    return [
        {
            **rows[i],
            "platform": platform_name(rows[i]["provider"]),
            "excerpt": excerpt(rows[i]["text"]),
        }
        for i in ids
        if i in rows
    ]


def narrative_context(store: Store, narrative_id: str) -> NarrativeContext:
    """Return a narrative's page data, or raise NotFound."""
    with store.read() as conn:
        row = narrative_row(conn, narrative_id)
        if row is None:
            raise NotFound(f"no narrative {narrative_id!r}")
        series = narrative_series(conn, narrative_id)
        return NarrativeContext(
            narrative=row,
            beat_name=beat_name(row["beat"]) if row["beat"] else None,
            title=title(conn, narrative_id) or "A narrative without records",
            state=state(series, site_clock(conn).through),
            first_seen=min(series) if series else None,
            last_seen=max(series) if series else None,
            series=sorted(series.items()),
            events=lineage(conn, narrative_id),
            records=_sample(conn, narrative_id, 12),
            signals=[signal_item(row) for row in narrative_signals(conn, narrative_id, 20)],
        )
