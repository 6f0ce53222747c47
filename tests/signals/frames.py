"""Synthetic records as the columns detectors read, for tests of single detectors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np

from beatwire.config import Settings, load_settings
from beatwire.signals.context import Context
from beatwire.store.frames import EntityFrame, RecordFrame, encode

MONDAY = datetime(2026, 10, 5, tzinfo=UTC)


@dataclass
class Records:
    """Records added day by day; each has its own author so none looks like a flood."""

    times: list[int] = field(default_factory=list)
    beats: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    sentiment: list[float] = field(default_factory=list)
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (row, entity slug)
    engagement: list[float] = field(default_factory=list)  # weighted engagement of each record
    kinds: list[str] = field(default_factory=list)

    def add(
        self, day: int, count: int, *, beat: str = "ai-jobs", platform: str = "bluesky",
        mood: float = float("nan"), spread: float = 0.0, entity: str | None = None,
        engagement: float | list[float] = 0.0, kind: str = "post",
    ) -> np.ndarray:  # fmt: skip
        """Add `count` records on day `day` after MONDAY; return their rows."""
        first = len(self.times)
        noise = np.random.default_rng(first).normal(0.0, spread, count) if spread else [0.0] * count
        for n in range(count):
            moment = MONDAY + timedelta(days=day, minutes=(n * 37) % 1440)
            self.times.append(int(moment.timestamp()))
            self.beats.append(beat)
            self.platforms.append(platform)
            self.sentiment.append(float(np.clip(mood + noise[n], -1.0, 1.0)))
            self.engagement.append(engagement[n] if isinstance(engagement, list) else engagement)
            self.kinds.append(kind)
            if entity is not None:
                self.mentions.append((first + n, entity))
        return np.arange(first, first + count)

    def frame(self) -> RecordFrame:
        """Return the records in time order, as the detect stage loads them."""
        order = np.argsort(np.array(self.times), kind="stable")
        position = np.empty(len(order), np.int64)
        position[order] = np.arange(len(order))
        mentions = sorted((int(position[row]), slug) for row, slug in self.mentions)
        slugs = [slug for _, slug in mentions]
        entities = EntityFrame(
            rows=np.array([row for row, _ in mentions], np.int64), slugs=encode(slugs),
            names={slug: slug.title() for slug in slugs},
            types=dict.fromkeys(slugs, "organization"),
        )  # fmt: skip
        return RecordFrame(
            ids=order.astype(np.int64) + 1,  # the id is the row the record was added as, plus 1
            times=np.array(self.times, np.int64)[order],
            beats=encode([self.beats[i] for i in order]),
            platforms=encode([self.platforms[i] for i in order]),
            authors=encode([f"user{i}" for i in order]),
            sentiment=np.array(self.sentiment, np.float64)[order],
            kinds=encode([self.kinds[i] for i in order]),
            entities=entities,
            engagement=np.array(self.engagement, np.float64)[order],
            relevance=np.ones(len(order), np.float64),
        )

    def context(self, settings: Settings | None = None, report_from: int = 0) -> Context:
        """Return the detectors' context; days before `report_from` only serve as baseline."""
        start: date = (MONDAY + timedelta(days=report_from)).date()
        return Context.build(self.frame(), settings or load_settings(None), start)


def rows_of(context: Context, ids: np.ndarray) -> np.ndarray:
    """Return the frame positions of the records added as rows `ids`."""
    position = {int(i): p for p, i in enumerate(context.frame.ids.tolist())}
    return np.array([position[int(i) + 1] for i in ids], np.int64)
