"""Volume spikes of beats and platforms, with the onset and end of the burst around them."""

from __future__ import annotations

import numpy as np

from beatwire.model import PLATFORM_NAMES
from beatwire.signal_details import VolumeSpikeDetails
from beatwire.signals.bursts import find_bursts
from beatwire.signals.context import Context
from beatwire.signals.make import Finding
from beatwire.signals.series import DAY_S, frame_series, keyed_daily_counts
from beatwire.signals.volume import Spike, spikes_in_days
from beatwire.store.frames import Codes
from beatwire.taxonomy import beat_name

HOUR_S = 3600


def burst_around(context: Context, rows: np.ndarray, day: int) -> tuple[str, str, int] | None:
    """Return onset, end (ISO minutes, UTC) and level of the burst holding `day`'s busiest hour.

    None when no burst reaches into the day.
    """
    detect = context.settings.detect
    span = detect.baseline_days
    origin = (int(context.frame.times.min()) // DAY_S + max(0, day - span)) * DAY_S
    hours = (context.frame.times[rows] - origin) // HOUR_S
    hours = hours[(hours >= 0) & (hours < (min(span, day) + 1) * 24)]
    counts = np.bincount(hours, minlength=(min(span, day) + 1) * 24)
    bursts = find_bursts(
        counts, scale=detect.burst_scale, gamma=detect.burst_gamma, levels=detect.burst_levels
    )
    first_hour_of_day = min(span, day) * 24
    inside = [b for b in bursts if b.end >= first_hour_of_day]
    if not inside:
        return None
    burst = max(inside, key=lambda b: counts[b.peak])
    onset, end = origin + burst.start * HOUR_S, origin + (burst.end + 1) * HOUR_S
    return (
        np.datetime_as_string(np.datetime64(onset, "s"), unit="m") + "Z",
        np.datetime_as_string(np.datetime64(end, "s"), unit="m") + "Z",
        burst.level,
    )


def _finding(context: Context, codes: Codes, spike: Spike, is_beat: bool, label: str) -> Finding:
    detect = context.settings.detect
    code = codes.code(spike.key)
    rows = np.flatnonzero((codes.codes == code) & (context.days == spike.day_index))
    day = context.day(spike.day_index)
    sentence = (
        f"{label} drew {spike.count} records on {day:%B} {day.day}, "
        f"{spike.baseline.against(spike.count)}."
    )
    beat = spike.key if is_beat else None
    burst = burst_around(context, np.flatnonzero(codes.codes == code), spike.day_index)
    onset, end, level = burst if burst else (None, None, None)
    details = VolumeSpikeDetails(
        burst_onset=onset,
        burst_end=end,
        burst_level=level,
        key_type="beat" if beat else "platform",
        baseline_kind=spike.baseline.kind,
        baseline_days=spike.baseline.days,
    )
    z = spike.baseline.z(spike.count)
    return Finding(
        kind="volume_spike", key=spike.key if beat else f"platform:{spike.key}", beat=beat,
        day=spike.day_index, value=spike.count, baseline=spike.baseline.median,
        effect=spike.ratio, significance=z, sentence=sentence,
        min_count=spike.baseline.least_count(detect.spike_max_p), rows=rows, score=z,
        details=details,
    )  # fmt: skip


def spike_findings(context: Context) -> list[Finding]:
    """Return the volume spikes of every beat and every platform on the new days."""
    if not context.day_count:
        return []
    detect = context.settings.detect
    found: list[Finding] = []
    for codes, is_beat in ((context.frame.beats, True), (context.frame.platforms, False)):
        matrix = keyed_daily_counts(codes.codes, context.days, len(codes.names), context.day_count)
        series = frame_series(codes.names, matrix, context.first_day)
        for spike in spikes_in_days(series, detect, context.report_from):
            label = beat_name(spike.key) if is_beat else PLATFORM_NAMES.get(spike.key, spike.key)
            found.append(_finding(context, codes, spike, is_beat, label))
    return found
