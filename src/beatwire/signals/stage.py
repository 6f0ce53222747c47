"""The detect stage: turn analysed records into signals, stored with their evidence."""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from datetime import date, datetime

from beatwire.config import DetectSettings, Settings
from beatwire.model import Signal, StageReport
from beatwire.signals.promotion import promote
from beatwire.signals.series import DailySeries, daily_counts, day_grid
from beatwire.signals.volume import Spike, volume_spikes
from beatwire.store.engine import Store
from beatwire.store.signals import beat_rows, replace_signals
from beatwire.taxonomy import beat_name

log = logging.getLogger(__name__)

Row = tuple[str, datetime, int, float | None, str | None]


def signal_id(kind: str, key: str, window_start: datetime) -> str:
    """Return the stable id of a signal: the same finding always gets the same id."""
    digest = hashlib.sha256(f"{kind}|{key}|{window_start.isoformat()}".encode()).hexdigest()
    return f"sig_{digest[:16]}"


def _evidence(rows: list[Row], spike: Spike, day: date, limit: int) -> list[int]:
    ids = [row[2] for row in rows if row[0] == spike.key and row[1].date() == day]
    return sorted(ids)[:limit]


def _spike_signal(
    series: DailySeries, spike: Spike, rows: list[Row], settings: DetectSettings
) -> Signal:
    start, end = series.window(spike.day_index)
    day = series.days[spike.day_index]
    median = spike.baseline.median
    sentence = (
        f"{beat_name(spike.key)} drew {spike.count} records on {day:%B} {day.day}, "
        f"{spike.ratio:.1f} times its median of {median:g} a day over the previous "
        f"{settings.baseline_days} days."
    )
    return Signal(
        id=signal_id("volume_spike", spike.key, start),
        kind="volume_spike",
        key=spike.key,
        beat=spike.key,
        window_start=start,
        window_end=end,
        value=float(spike.count),
        baseline=median,
        effect=spike.ratio,
        significance=spike.baseline.z(spike.count),
        min_count=settings.spike_min_count,
        sentence=sentence,
        score=spike.baseline.z(spike.count),
        evidence=_evidence(rows, spike, day, settings.evidence_limit),
    )


def detect(rows: list[Row], settings: Settings) -> list[Signal]:
    """Return the signals found in analysed rows (pure: no store, no clock)."""
    if not rows:
        return []
    days = day_grid(min(row[1] for row in rows).date(), max(row[1] for row in rows).date())
    series = daily_counts([(row[0], row[1]) for row in rows], days)
    return [
        _spike_signal(series, spike, rows, settings.detect)
        for spike in volume_spikes(series, settings.detect)
    ]


def run(store: Store, settings: Settings) -> StageReport:
    """Detect signals over everything analysed so far; running it twice changes nothing."""
    with store.read() as conn:
        rows = beat_rows(conn)
    found = detect(rows, settings)
    promoted = promote(found, settings)
    with store.begin() as conn:
        new = replace_signals(conn, found)
    kinds: dict[str, int] = defaultdict(int)
    for signal in found:
        kinds[signal.kind] += 1
    figures = {"records": len(rows), "signals": len(found), "new": new, "promoted": len(promoted)}
    report = StageReport("detect", figures)
    report.figures.update({f"signals.{kind}": count for kind, count in sorted(kinds.items())})
    return report
