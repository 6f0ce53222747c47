"""Downloads gained between two Hugging Face snapshots: the "rising" models detectors use.

The Hub's `downloads` is a rolling 30-day count; `downloadsAllTime` (asked for
with `expand[]`) only grows. A delta uses the all-time counts when both
snapshots have them (downloads gained in between) and the rolling counts
otherwise (how the monthly figure moved); `extra.delta_basis` says which.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from beatwire.model import Record

_DAY = 86_400.0


def snapshot_deltas(before: Iterable[Record], after: Iterable[Record]) -> list[Record]:
    """Return the models of `after` also in `before`, with their deltas in `extra`."""
    previous = {record.native_id: record for record in before if record.kind == "model"}
    found: list[Record] = []
    for record in after:
        old = previous.get(record.native_id)
        if record.kind != "model" or old is None:
            continue
        found.append(dataclasses.replace(record, extra={**record.extra, **_delta(old, record)}))
    return found


def rising(deltas: Iterable[Record], *, min_delta: int = 1, top: int = 20) -> list[Record]:
    """Return the `top` models that gained the most downloads per day (at least `min_delta`)."""
    gaining = [r for r in deltas if r.extra.get("downloads_delta", 0) >= min_delta]
    return sorted(gaining, key=lambda r: r.extra["downloads_per_day"], reverse=True)[:top]


def _delta(old: Record, new: Record) -> dict[str, object]:
    key = "downloads_all_time"
    basis = "all_time" if key in old.engagement and key in new.engagement else "rolling_30d"
    name = key if basis == "all_time" else "downloads"
    gained = new.engagement.get(name, 0) - old.engagement.get(name, 0)
    days = max((new.collected_at - old.collected_at).total_seconds() / _DAY, 1 / 24)
    return {
        "downloads_delta": gained,
        "downloads_per_day": round(gained / days, 1),
        "likes_delta": new.engagement.get("likes", 0) - old.engagement.get("likes", 0),
        "delta_basis": basis,
        "previous_snapshot_at": old.collected_at.isoformat(),
        "snapshot_at": new.collected_at.isoformat(),
    }
