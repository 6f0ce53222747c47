"""A story's event timeline: its beat's records and attention per day around the event.

Counted as the detectors count (primary beat, copies left out), so the event's day shows the
figure the story gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection

from beatwire.store.beats import primary_beat_days
from beatwire.store.sql import fill_days

BEFORE_DAYS = 7  # the week before the event shows what was usual
AFTER_DAYS = 7  # and the week after what followed, as far as the data runs


@dataclass(slots=True)
class EventTimeline:
    """Records and attention (likes, points, replies... summed) per day, the event's day marked."""

    days: list[str]
    records: list[int]
    attention: list[int]
    event_day: str | None


def _midnight(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def event_timeline(
    conn: Connection,
    beat: str | None,
    event: datetime | None,
    through: datetime | None,
    *,
    provider: str | None = None,
) -> EventTimeline | None:
    """Return the beat's days from a week before the event to a week after (or the data's end).

    A story about no one beat (a lead across beats) is shown against every record, or every
    record of `provider` when its signal is one platform's volume.
    """
    if through is None or (beat is None and event is None):
        return None
    centre = event or through
    start = _midnight(centre - timedelta(days=BEFORE_DAYS))
    end = min(centre + timedelta(days=AFTER_DAYS), through)
    records: dict[str, int] = {}
    attention: dict[str, int] = {}
    for count in primary_beat_days(conn, beat, start, end + timedelta(microseconds=1)):
        if provider is not None and count.provider != provider:
            continue
        records[count.day] = records.get(count.day, 0) + count.records
        attention[count.day] = attention.get(count.day, 0) + count.attention
    days = [d for d, _ in fill_days({}, start, end, 0)]
    return EventTimeline(
        days=days,
        records=[records.get(d, 0) for d in days],
        attention=[attention.get(d, 0) for d in days],
        event_day=None if event is None else event.date().isoformat(),
    )
