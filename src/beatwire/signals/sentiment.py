"""Sentiment shifts: a beat's mean sentiment on a day against the days before, in points.

A point is a hundredth of the score scale (score x 100, so -100..100). The
interval is a percentile bootstrap of the difference of means with a fixed
seed, so a pass is repeatable; a shift counts when it is large enough and its
interval excludes zero.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from beatwire.signal_details import SentimentShiftDetails
from beatwire.signals.context import Context
from beatwire.signals.make import Finding
from beatwire.taxonomy import beat_name

Floats = npt.NDArray[np.float64]


RESAMPLE_CAP = 2000  # larger samples are resampled at this size and rescaled (m-out-of-n)


def bootstrap_means(values: Floats, samples: int, rng: np.random.Generator) -> Floats:
    """Return `samples` bootstrap means of `values`; big samples use rescaled smaller resamples."""
    size = min(len(values), RESAMPLE_CAP)
    means = values[rng.integers(0, len(values), (samples, size))].mean(axis=1)
    centre = float(values.mean())
    # a mean of m draws varies sqrt(n / m) times more than a mean of n: shrink it back
    return centre + (means - centre) * np.sqrt(size / len(values))


def bootstrap_difference(
    after: Floats, before: Floats, samples: int, confidence: float, seed: int = 0
) -> tuple[float, float]:
    """Return the percentile bootstrap interval of mean(after) - mean(before)."""
    rng = np.random.default_rng(seed)
    differences = bootstrap_means(after, samples, rng) - bootstrap_means(before, samples, rng)
    tail = (1.0 - confidence) / 2.0 * 100.0
    low, high = np.percentile(differences, [tail, 100.0 - tail])
    return float(low), float(high)


def _shift(context: Context, beat: int, day: int) -> Finding | None:
    detect = context.settings.detect
    frame = context.frame
    scored = (frame.beats.codes == beat) & ~np.isnan(frame.sentiment)
    today = np.flatnonzero(scored & (context.days == day))
    before = scored & (context.days < day) & (context.days >= day - detect.baseline_days)
    if len(today) < detect.sentiment_min_window or before.sum() < detect.sentiment_min_baseline:
        return None
    after_scores, before_scores = frame.sentiment[today] * 100, frame.sentiment[before] * 100
    shift = float(after_scores.mean() - before_scores.mean())
    if abs(shift) < detect.sentiment_min_points:
        return None
    low, high = bootstrap_difference(
        after_scores, before_scores, detect.bootstrap_samples, detect.confidence, seed=day
    )
    if low <= 0.0 <= high:
        return None
    name, date = frame.beats.name(beat), context.day(day)
    sentence = (
        f"Sentiment on {beat_name(name)} moved {shift:+.0f} points on {date:%B} {date.day} "
        f"(mean {after_scores.mean():+.0f} over {len(today)} records against "
        f"{before_scores.mean():+.0f} over {int(before.sum())} in the previous "
        f"{detect.baseline_days} days; {detect.confidence:.0%} interval {low:+.0f} to {high:+.0f})."
    )
    spread = (high - low) / 3.92 or 1.0  # the interval's width in standard errors at 95 %
    return Finding(
        kind="sentiment_shift", key=name, beat=name, day=day,
        value=float(after_scores.mean()) / 100, baseline=float(before_scores.mean()) / 100,
        effect=shift, significance=abs(shift) / spread,
        min_count=detect.sentiment_min_window, sentence=sentence, rows=today,
        details=SentimentShiftDetails(ci_low=round(low, 2), ci_high=round(high, 2),
                                      n=len(today), baseline_n=int(before.sum())),
    )  # fmt: skip


def candidates(context: Context) -> list[tuple[int, int]]:
    """Return the (beat, day) pairs whose shift of means passes the size and count thresholds."""
    detect = context.settings.detect
    frame, beats, days = context.frame, len(context.frame.beats.names), context.day_count
    scored = ~np.isnan(frame.sentiment)
    flat = frame.beats.codes[scored] * days + context.days[scored]
    counts = np.bincount(flat, minlength=beats * days).reshape(beats, days).astype(np.float64)
    sums = np.bincount(flat, frame.sentiment[scored] * 100, beats * days).reshape(beats, days)
    span = detect.baseline_days
    kernel = np.ones(span)
    # trailing sums over the `span` days before each day (not including it)
    before_n = np.array([np.convolve(row, kernel)[:days] for row in counts]).reshape(beats, days)
    before_s = np.array([np.convolve(row, kernel)[:days] for row in sums]).reshape(beats, days)
    before_n, before_s = np.roll(before_n, 1, axis=1), np.roll(before_s, 1, axis=1)
    before_n[:, 0] = before_s[:, 0] = 0
    with np.errstate(invalid="ignore", divide="ignore"):
        shift = sums / counts - before_s / before_n
    ok = (
        (counts >= detect.sentiment_min_window)
        & (before_n >= detect.sentiment_min_baseline)
        & (np.abs(shift) >= detect.sentiment_min_points)
    )
    ok[:, : context.report_from] = False
    return [(int(b), int(d)) for b, d in zip(*np.nonzero(ok), strict=True)]


def sentiment_findings(context: Context) -> list[Finding]:
    """Return the sentiment shifts of every beat on the new days."""
    if not context.day_count:
        return []
    found = []
    for beat, day in candidates(context):
        finding = _shift(context, beat, day)
        if finding is not None:
            found.append(finding)
    return found
