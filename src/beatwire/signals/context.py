"""What every detector reads: the records as columns, the day grid, and which days are new."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np

from beatwire.config import Settings
from beatwire.signals.series import DAY_S, day_index
from beatwire.store.frames import Ints, RecordFrame


@dataclass(slots=True)
class Context:
    """Records of the pass, their UTC day numbers, and the first day signals are reported for."""

    frame: RecordFrame
    settings: Settings
    first_day: date
    day_count: int
    days: Ints  # day number of each record
    report_from: int = 0  # days before this only serve as baseline

    @classmethod
    def build(cls, frame: RecordFrame, settings: Settings, report_from: date | None) -> Context:
        """Return the context of `frame`; signals are reported for `report_from` onwards."""
        if not len(frame):
            today = datetime.now(UTC).date()
            return cls(frame, settings, today, 0, np.zeros(0, np.int64))
        first_s = int(frame.times.min()) // DAY_S * DAY_S
        days = day_index(frame.times, first_s)
        first = datetime.fromtimestamp(first_s, UTC).date()
        start = 0 if report_from is None else max(0, (report_from - first).days)
        return cls(frame, settings, first, int(days.max()) + 1, days, start)

    def day(self, index: int) -> date:
        """Return the date of day number `index`."""
        return self.first_day + timedelta(days=index)

    def index(self, day: date) -> int:
        """Return the day number of `day` (negative before the first day)."""
        return (day - self.first_day).days

    def window(self, index: int) -> tuple[datetime, datetime]:
        """Return the start and end (exclusive) of day `index` as UTC datetimes."""
        start = datetime.combine(self.day(index), datetime.min.time(), tzinfo=UTC)
        return start, start + timedelta(days=1)

    def reported_days(self, history: int) -> range:
        """Return the day numbers to test: new ones that have `history` days before them."""
        return range(max(self.report_from, history), self.day_count)
