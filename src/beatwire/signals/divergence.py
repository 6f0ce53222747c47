"""Platform divergence: two platforms whose mean sentiment on the same beat or narrative differs.

A group (a beat's records of a day, or a narrative's) diverges when at least two of
its platforms each have `divergence_min_count` scored records, the warmest and the
coolest means are `divergence_min_points` apart, and the bootstrap interval of that
gap excludes zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from beatwire.model import PLATFORM_NAMES
from beatwire.signal_details import PlatformDivergenceDetails
from beatwire.signals.context import Context
from beatwire.signals.make import Finding
from beatwire.signals.narratives import NarrativePass
from beatwire.signals.sentiment import bootstrap_difference
from beatwire.store.frames import Ints
from beatwire.taxonomy import beat_name


@dataclass(frozen=True, slots=True)
class Gap:
    """The warmest and coolest platforms of a group of records, and the interval of their gap."""

    groups: dict[int, Ints]  # platform code -> scored rows, for platforms with enough of them
    means: dict[int, float]  # platform code -> mean score x 100
    high: int
    low: int
    ci_low: float
    ci_high: float

    @property
    def points(self) -> float:
        """Return how many points warmer the warmest platform was than the coolest."""
        return self.means[self.high] - self.means[self.low]


def platform_gap(context: Context, rows: Ints, seed: int) -> Gap | None:
    """Return the gap between the platforms of `rows` if it passes every threshold, else None."""
    detect, frame = context.settings.detect, context.frame
    rows = rows[~np.isnan(frame.sentiment[rows])]
    platforms = frame.platforms.codes[rows]
    groups = {int(code): rows[platforms == code] for code in np.unique(platforms)}
    groups = {c: g for c, g in groups.items() if len(g) >= detect.divergence_min_count}
    if len(groups) < 2:
        return None
    means = {code: float(frame.sentiment[g].mean()) * 100 for code, g in groups.items()}
    high, low = max(means, key=means.__getitem__), min(means, key=means.__getitem__)
    if means[high] - means[low] < detect.divergence_min_points:
        return None
    ci_low, ci_high = bootstrap_difference(
        frame.sentiment[groups[high]] * 100, frame.sentiment[groups[low]] * 100,
        detect.bootstrap_samples, detect.confidence, seed=seed,
    )  # fmt: skip
    if ci_low <= 0:
        return None
    return Gap(groups, means, high, low, ci_low, ci_high)


def _finding(
    context: Context, gap: Gap, day: int, where: str, key: str, beat: str, label: str | None
) -> Finding:
    """Return the finding of `gap` on `day`; `where` opens the sentence ("On AI agents").

    `label` is the narrative's label for a narrative's gap, None for a beat's.
    """
    detect, platforms = context.settings.detect, context.frame.platforms
    up, down = platforms.name(gap.high), platforms.name(gap.low)
    date, high, low = context.day(day), gap.groups[gap.high], gap.groups[gap.low]
    sentence = (
        f"{where}, {PLATFORM_NAMES.get(up, up)} was {gap.points:.0f} points warmer than "
        f"{PLATFORM_NAMES.get(down, down)} on {date:%B} {date.day} (mean "
        f"{gap.means[gap.high]:+.0f} over {len(high)} records against {gap.means[gap.low]:+.0f} "
        f"over {len(low)})."
    )
    return Finding(
        kind="platform_divergence", key=f"{key}:{up}:{down}", beat=beat, day=day,
        value=gap.means[gap.high] / 100, baseline=gap.means[gap.low] / 100, effect=gap.points,
        significance=gap.points / max((gap.ci_high - gap.ci_low) / 3.92, 1e-6),
        min_count=detect.divergence_min_count, sentence=sentence,
        rows=np.concatenate([high, low]),
        details=PlatformDivergenceDetails(
            platform_pair=(up, down), ci_low=round(gap.ci_low, 2), ci_high=round(gap.ci_high, 2),
            by_platform={platforms.name(c): round(m / 100, 4) for c, m in gap.means.items()},
            level="beat" if label is None else "narrative", narrative_label=label),
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


def beat_divergences(context: Context) -> list[Finding]:
    """Return platform divergences per beat on the new days."""
    found = []
    for beat, day in candidates(context):
        rows = np.flatnonzero((context.frame.beats.codes == beat) & (context.days == day))
        gap = platform_gap(context, rows, seed=day)
        if gap is not None:
            slug = context.frame.beats.name(beat)
            found.append(_finding(context, gap, day, f"On {beat_name(slug)}", slug, slug, None))
    return found


def narrative_divergences(
    context: Context, narratives: NarrativePass, labels: dict[str, str]
) -> list[Finding]:
    """Return platform divergences per narrative on the new days."""
    found = []
    least = 2 * context.settings.detect.divergence_min_count  # two platforms with enough each
    for nid, members in sorted(narratives.members.items()):
        if len(members) < least:
            continue
        rows = np.asarray(members, dtype=np.int64)
        beat, label = narratives.beats[nid], labels.get(nid, "")
        where = f"In a narrative on {beat_name(beat)}" + (f" ({label})" if label else "")
        days = context.days[rows]
        for day in np.unique(days[days >= context.report_from]).tolist():
            gap = platform_gap(context, rows[days == day], seed=day)
            if gap is not None:
                finding = _finding(context, gap, day, where, f"narrative:{nid}", beat, label)
                finding.narrative_id = nid
                found.append(finding)
    return found


def divergence_findings(
    context: Context, narratives: NarrativePass, labels: dict[str, str]
) -> list[Finding]:
    """Return platform divergences per beat and per narrative on the new days."""
    if not context.day_count or not len(context.frame.platforms.names):
        return []
    return [*beat_divergences(context), *narrative_divergences(context, narratives, labels)]
