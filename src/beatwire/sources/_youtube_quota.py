"""The YouTube Data API quota: units per call, a daily budget, spent units kept in the cursor."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

COSTS = {"videos.list": 1, "commentThreads.list": 1, "search.list": 100}
# Google resets the quota at midnight Pacific Time, not UTC.
_QUOTA_ZONE = ZoneInfo("America/Los_Angeles")


def quota_day(now: datetime) -> str:
    """Return the quota day (Pacific date, YYYY-MM-DD) that `now` falls in."""
    return now.astimezone(_QUOTA_ZONE).date().isoformat()


@dataclass(slots=True)
class QuotaBudget:
    """Units spent today against the daily budget."""

    daily: int
    day: str
    spent: int = 0

    @classmethod
    def from_cursor(cls, cursor: str | None, *, daily: int, now: datetime) -> QuotaBudget:
        """Return today's budget, carrying the units a cursor of the same day recorded."""
        today = quota_day(now)
        try:
            state = json.loads(cursor) if cursor else {}
        except ValueError:
            state = {}
        spent = state.get("units", 0) if isinstance(state, dict) else 0
        if not isinstance(spent, int) or state.get("quota_day") != today:
            spent = 0
        return cls(daily=daily, day=today, spent=spent)

    def spend(self, method: str) -> bool:
        """Book the units of one call of `method`; False (and nothing booked) if they don't fit."""
        cost = COSTS[method]
        if self.spent + cost > self.daily:
            return False
        self.spent += cost
        return True

    def cursor(self) -> str:
        """Return the cursor value that records today's spent units."""
        return json.dumps({"quota_day": self.day, "units": self.spent})
