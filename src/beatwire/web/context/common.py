"""What several pages share: the site's clock, story cards and platform names.

One clock: "now", "today" and "this week" on every page are the data's, counted back
from its newest record when the data is older than a day (a replayed corpus).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from beatwire.model import PLATFORM_NAMES, now_utc
from beatwire.store.engine import Store
from beatwire.store.records import newest_record_time
from beatwire.store.signals import signals_by_id
from beatwire.store.stories import signal_ids_by_story
from beatwire.taxonomy import beat_name


@dataclass(frozen=True, slots=True)
class Clock:
    """The moment "now" means on a page, and whether it is a replayed corpus's newest record."""

    now: datetime
    replayed: bool
    through: datetime | None = None  # the newest record: what every page says the data runs to


def site_clock(conn: Connection, *, replay_after: datetime | None = None) -> Clock:
    """Return "now": the newest record's time when the store's data is older than a day."""
    newest = newest_record_time(conn)
    wall = replay_after or now_utc()
    if newest is None:
        return Clock(wall, replayed=False)
    # A replayed corpus ends in the past: measuring windows from the wall clock would show zeros.
    stale = (wall - newest).total_seconds() > 86400
    return Clock(newest if stale else wall, replayed=stale, through=newest)


def data_through(store: Store) -> datetime | None:
    """Return the newest record's time, which every page states as the data's end."""
    with store.read() as conn:
        return newest_record_time(conn)


def happened_at(window_end: datetime) -> datetime:
    """Return the last moment inside a signal's window: [17 Nov, 18 Nov) happened on 17 Nov."""
    return window_end - timedelta(seconds=1)


def datelines(conn: Connection, story_ids: Sequence[str]) -> dict[str, datetime]:
    """Return, per story, when the event it reports happened: the end of its latest signal.

    A story without a signal has no dateline (it is left out).
    """
    by_story = signal_ids_by_story(conn, story_ids)
    wanted = {sid for ids in by_story.values() for sid in ids}
    ends = {s.id: happened_at(s.window_end) for s in signals_by_id(conn, wanted)}
    found = {}
    for story_id, ids in by_story.items():
        times = [ends[sid] for sid in ids if sid in ends]
        if times:
            found[story_id] = max(times)
    return found


def platform_name(provider: str) -> str:
    """Return a platform's display name."""
    return PLATFORM_NAMES.get(provider, provider)


def card(row: dict[str, Any], dateline: datetime | None = None) -> dict[str, Any]:
    """Return the card of a story summary row (either store query's shape)."""
    return {
        "dateline": dateline,
        "revised": int(row.get("current_version") or 1) > 1,
        "id": row["id"],
        "slug": row["slug"],
        "type": row["story_type"],
        "beat": row["beat"],
        "beat_name": beat_name(row["beat"]) if row["beat"] else None,
        "headline": row["headline"],
        "dek": row["dek"],
        "status": row["status"],
        "updated_at": row["updated_at"],
        "fidelity_score": row["fidelity_score"],
    }


def story_cards(conn: Connection, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the cards of story summary rows, each with its dateline."""
    when = datelines(conn, [row["id"] for row in rows])
    return [card(row, when.get(row["id"])) for row in rows]


def change(now: int, before: int) -> float | None:
    """Return the relative change from `before` to `now`, None when `before` is zero."""
    return None if before == 0 else (now - before) / before
