"""Downloads gained between two Hugging Face snapshots of a model or dataset.

The Hub's `downloads` is a rolling count: the downloads of the last 30 days at
the moment of the fetch. The difference of two such counts is not what was
downloaded in between: it is what came in minus what fell out of the window.
The gain between a snapshot at t1 and one at t2 (d = t2 - t1 in days) is taken,
in order of preference, as:

1. `all_time` (exact): the difference of `downloadsAllTime`, the count that only
   grows, when both snapshots carry it (the live fetch asks for it).
2. `rolling_30d_new` (exact): the difference of the rolling counts when the repo
   was created less than 30 days before t2: nothing has fallen out of its window
   yet, so the rolling count is every download it ever had.
3. `rolling_30d_estimate`: the difference of the rolling counts plus what fell
   out of the window, estimated as the earlier count spread evenly over its 30
   days: gain = D(t2) - D(t1) + D(t1) * min(d, 30) / 30. Never below 0: a count
   falling faster than that means the downloads that left were bunched, and the
   gain is then read as nothing.

`downloads_per_day` is the gain divided by d (by 30 when an estimate spans more
than the window, which then holds only the last 30 days). `extra.delta_basis`
names the case, `downloads_count_change` keeps the plain difference of the counts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime, timedelta

from beatwire.model import Record
from beatwire.sources.payload import from_iso

DELTA_KINDS = ("model", "dataset")  # the records whose downloads are counted
WINDOW_DAYS = 30  # the Hub's rolling `downloads` window
_DAY = 86_400.0


def snapshot_deltas(before: Iterable[Record], after: Iterable[Record]) -> list[Record]:
    """Return the models and datasets of `after` also in `before`, with deltas in `extra`."""
    previous = {record.native_id: record for record in before if record.kind in DELTA_KINDS}
    found: list[Record] = []
    for record in after:
        old = previous.get(record.native_id)
        if record.kind not in DELTA_KINDS or old is None:
            continue
        found.append(dataclasses.replace(record, extra={**record.extra, **_delta(old, record)}))
    return found


def rising(deltas: Iterable[Record], *, min_delta: int = 1, top: int = 20) -> list[Record]:
    """Return the `top` models that gained the most downloads per day (at least `min_delta`)."""
    gaining = [r for r in deltas if r.extra.get("downloads_delta", 0) >= min_delta]
    return sorted(gaining, key=lambda r: r.extra["downloads_per_day"], reverse=True)[:top]


def downloads_gained(old: Record, new: Record) -> tuple[int, str]:
    """Return the downloads gained between two snapshots of one repo, and the basis used."""
    key = "downloads_all_time"
    if key in old.engagement and key in new.engagement:
        return new.engagement[key] - old.engagement[key], "all_time"
    change = new.engagement.get("downloads", 0) - old.engagement.get("downloads", 0)
    created = from_iso(new.extra.get("created_at"))
    if created is not None and new.collected_at - created < timedelta(days=WINDOW_DAYS):
        return change, "rolling_30d_new"
    days = min(_days(old.collected_at, new.collected_at), WINDOW_DAYS)
    left = old.engagement.get("downloads", 0) * days / WINDOW_DAYS
    return max(0, round(change + left)), "rolling_30d_estimate"


def _days(start: datetime, end: datetime) -> float:
    # Two snapshots within the hour still divide by an hour, never by zero.
    return max((end - start).total_seconds() / _DAY, 1 / 24)


def _delta(old: Record, new: Record) -> dict[str, object]:
    gained, basis = downloads_gained(old, new)
    days = _days(old.collected_at, new.collected_at)
    if basis == "rolling_30d_estimate":
        days = min(days, WINDOW_DAYS)
    return {
        "downloads_delta": gained,
        "downloads_per_day": round(gained / days, 1),
        "downloads_count_change": (
            new.engagement.get("downloads", 0) - old.engagement.get("downloads", 0)
        ),
        "likes_delta": new.engagement.get("likes", 0) - old.engagement.get("likes", 0),
        "delta_basis": basis,
        "previous_snapshot_at": old.collected_at.isoformat(),
        "snapshot_at": new.collected_at.isoformat(),
    }
