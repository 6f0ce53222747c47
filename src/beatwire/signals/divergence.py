"""Platform divergence: two platforms whose mean sentiment on the same beat, same day, differs."""

from __future__ import annotations

import numpy as np

from beatwire.model import PLATFORM_NAMES
from beatwire.signals.context import Context
from beatwire.signals.make import Finding
from beatwire.signals.sentiment import bootstrap_difference
from beatwire.taxonomy import beat_name


def _pair(context: Context, beat: int, day: int) -> Finding | None:
    detect, frame = context.settings.detect, context.frame
    rows = np.flatnonzero(
        (frame.beats.codes == beat) & (context.days == day) & ~np.isnan(frame.sentiment)
    )
    groups = {
        code: rows[frame.platforms.codes[rows] == code]
        for code in np.unique(frame.platforms.codes[rows])
    }
    groups = {c: g for c, g in groups.items() if len(g) >= detect.divergence_min_count}
    if len(groups) < 2:
        return None
    means = {code: frame.sentiment[g].mean() * 100 for code, g in groups.items()}
    high, low = max(means, key=means.__getitem__), min(means, key=means.__getitem__)
    gap = means[high] - means[low]
    if gap < detect.divergence_min_points:
        return None
    ci_low, ci_high = bootstrap_difference(
        frame.sentiment[groups[high]] * 100, frame.sentiment[groups[low]] * 100,
        detect.bootstrap_samples, detect.confidence, seed=day,
    )  # fmt: skip
    if ci_low <= 0:
        return None
    slug, date = frame.beats.name(beat), context.day(day)
    up, down = frame.platforms.name(high), frame.platforms.name(low)
    sentence = (
        f"On {beat_name(slug)}, {PLATFORM_NAMES.get(up, up)} was {gap:.0f} points warmer than "
        f"{PLATFORM_NAMES.get(down, down)} on {date:%B} {date.day} (mean {means[high]:+.0f} "
        f"over {len(groups[high])} records against {means[low]:+.0f} over {len(groups[low])})."
    )
    evidence = np.concatenate([groups[high], groups[low]])
    return Finding(
        kind="platform_divergence", key=f"{slug}:{up}:{down}", beat=slug, day=day,
        value=float(means[high]) / 100, baseline=float(means[low]) / 100, effect=gap,
        significance=gap / max((ci_high - ci_low) / 3.92, 1e-6),
        min_count=detect.divergence_min_count, sentence=sentence, rows=evidence,
        details={"platform_pair": [up, down], "ci_low": round(ci_low, 2),
                 "ci_high": round(ci_high, 2),
                 "by_platform": {frame.platforms.name(c): round(float(m) / 100, 4)
                                 for c, m in means.items()}},
    )  # fmt: skip


def candidates(context: Context) -> list[tuple[int, int]]:
    """Return the (beat, day) pairs where two platforms' means are far enough apart."""
    detect, frame = context.settings.detect, context.frame
    beats, days, platforms = (len(frame.beats.names), context.day_count, len(frame.platforms.names))
    scored = ~np.isnan(frame.sentiment)
    flat = (frame.beats.codes * days + context.days) * platforms + frame.platforms.codes
    size = beats * days * platforms
    counts = np.bincount(flat[scored], minlength=size).reshape(beats, days, platforms)
    sums = np.bincount(flat[scored], frame.sentiment[scored] * 100, size)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums.reshape(beats, days, platforms) / counts
    means[counts < detect.divergence_min_count] = np.nan
    enough = (counts >= detect.divergence_min_count).sum(axis=2) >= 2
    gap = np.where(enough, np.nanmax(np.where(enough[..., None], means, 0), axis=2)
                   - np.nanmin(np.where(enough[..., None], means, 0), axis=2), 0)  # fmt: skip
    ok = enough & (gap >= detect.divergence_min_points)
    ok[:, : context.report_from] = False
    return [(int(b), int(d)) for b, d in zip(*np.nonzero(ok), strict=True)]


def divergence_findings(context: Context) -> list[Finding]:
    """Return platform divergences per beat on the new days."""
    if not context.day_count or not len(context.frame.platforms.names):
        return []
    found = []
    for beat, day in candidates(context):
        finding = _pair(context, beat, day)
        if finding is not None:
            found.append(finding)
    return found
