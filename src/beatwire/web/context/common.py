"""What several pages share: the site's clock, story cards and platform names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from beatwire.model import PLATFORM_NAMES, now_utc
from beatwire.store.records import newest_record_time
from beatwire.taxonomy import beat_name


@dataclass(frozen=True, slots=True)
class Clock:
    """The moment "now" means on a page, and whether it is a replayed corpus's newest record."""

    now: datetime
    replayed: bool


def site_clock(conn: Connection, *, replay_after: datetime | None = None) -> Clock:
    """Return "now": the newest record's time when the store's data is older than a day."""
    newest = newest_record_time(conn)
    wall = replay_after or now_utc()
    if newest is None:
        return Clock(wall, replayed=False)
    # A replayed corpus ends in the past: measuring windows from the wall clock would show zeros.
    stale = (wall - newest).total_seconds() > 86400
    return Clock(newest if stale else wall, replayed=stale)


def platform_name(provider: str) -> str:
    """Return a platform's display name."""
    return PLATFORM_NAMES.get(provider, provider)


def card(row: dict[str, Any]) -> dict[str, Any]:
    """Return the card of a story summary row (either store query's shape)."""
    return {
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


def change(now: int, before: int) -> float | None:
    """Return the relative change from `before` to `now`, None when `before` is zero."""
    return None if before == 0 else (now - before) / before
