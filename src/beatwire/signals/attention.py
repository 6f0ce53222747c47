"""Attention: a record far more engaged than its platform's records usually are.

Each platform and kind (Hacker News stories, Hugging Face models, Daily Papers, Bluesky
posts...) is its own scale, so the thresholds are relative and work at every volume: a
record's attention is log(1 + weighted engagement) (`model.ENGAGEMENT_WEIGHTS`: points,
comments, likes, reposts, upvotes, a hundredth of downloads), compared with the AI
records of the same scale published that day and in the previous `baseline_days` (and,
while a scale holds fewer than `attention_min_history` records, the next days). A
record is notable when it beats `1 - attention_top_share` of them and its robust z-score reaches
`attention_z`; of a scale's notable records on a day only the `attention_max_per_day`
strongest count, so a scale with 30,000 posts a day is held to the same few a day as one
with 30. A scale with no engagement at all (news feeds) has no notable records: its
records report events, they do not rank them. Each notable record is an `attention`
signal whose evidence is that record: the trigger an event is built around.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from beatwire.model import PLATFORM_NAMES
from beatwire.signal_details import AttentionDetails
from beatwire.signals.baseline import MAD_TO_SIGMA
from beatwire.signals.context import Context
from beatwire.signals.make import Finding

KIND_PLURALS = {"story": "stories", "reply": "replies"}
SCALE_NAMES = {"news": "news"}  # "a news article", not "a news sites article"
MIN_SPREAD = 0.25  # log units: a scale whose records are all alike still needs a real lead


@dataclass(frozen=True, slots=True)
class Scale:
    """The records a day's records are measured against: their levels and the days they span."""

    levels: np.ndarray  # log(1 + weighted engagement)
    first: int  # day numbers, both included
    last: int

    @property
    def median(self) -> float:
        """Return the median weighted engagement (not its log)."""
        return float(np.expm1(np.median(self.levels)))


def scale_around(level: np.ndarray, days: np.ndarray, day: int, span: int, least: int) -> Scale:
    """Return the scale of `day`: the scale's records of that day and the `span` days before.

    The day itself is part of its scale (a quiet source has too few records otherwise);
    when a scale is new and holds fewer than `least` records there, up to `span` next days
    the pass holds are added until it does, as a new source is judged by what it showed
    first (an old item, such as a model page published long before it trended, has none).
    """
    first, last = day - span, day
    inside = (days >= first) & (days <= last)
    while inside.sum() < least and last < min(days.max(), day + span):
        last += 1
        inside = (days >= first) & (days <= last)
    return Scale(level[inside], max(first, int(days.min())), last)


def _scale_findings(context: Context, rows: np.ndarray) -> list[Finding]:
    """Return the notable records among `rows` (one platform and kind, in time order)."""
    detect, frame = context.settings.detect, context.frame
    level = np.log1p(frame.engagement[rows])
    days = context.days[rows]
    found: list[Finding] = []
    for day in range(context.report_from, context.day_count):
        today = np.flatnonzero(days == day)
        if not len(today):
            continue
        scale = scale_around(level, days, day, detect.baseline_days, detect.attention_min_history)
        past = scale.levels
        if len(past) < detect.attention_min_history or not past.max() > 0:
            continue
        median = float(np.median(past))
        spread = max(float(np.median(np.abs(past - median))) * MAD_TO_SIGMA, MIN_SPREAD)
        z = (level[today] - median) / spread
        beaten = np.searchsorted(np.sort(past), level[today], side="right") / len(past)
        notable = (beaten >= 1 - detect.attention_top_share) & (z >= detect.attention_z)
        strongest = today[notable][np.argsort(-z[notable], kind="stable")]
        for at in strongest[: detect.attention_max_per_day]:
            i = int(np.flatnonzero(today == at)[0])
            found.append(
                _finding(context, int(rows[at]), day, float(z[i]), float(beaten[i]), scale)
            )
    return found


def _finding(
    context: Context, row: int, day: int, z: float, beaten: float, scale: Scale
) -> Finding:
    frame = context.frame
    platform, kind = (
        frame.platforms.name(int(frame.platforms.codes[row])),
        frame.kinds.name(int(frame.kinds.codes[row])),
    )
    engagement, date, history = float(frame.engagement[row]), context.day(day), len(scale.levels)
    where = SCALE_NAMES.get(platform) or PLATFORM_NAMES.get(platform, platform)
    kinds = KIND_PLURALS.get(kind, f"{kind}s")
    beaten_count = round(beaten * history)
    rank = (
        f"the most of the {history} {where} {kinds}"
        if beaten_count >= history
        else f"more than {beaten_count - 1} of the {history} {where} {kinds}"
    )
    first, last = context.day(scale.first), context.day(scale.last)
    article = "An" if where[0] in "AEIOUaeiou" else "A"
    sentence = (
        f"{article} {where} {kind} of {date:%B} {date.day} drew an engagement score of "
        f"{engagement:,.0f}, {rank} published from {first:%B} {first.day} to {last:%B} "
        f"{last.day} (median {scale.median:,.0f})."
    )
    return Finding(
        kind="attention", key=f"record:{int(frame.ids[row])}",
        beat=frame.beats.name(int(frame.beats.codes[row])), day=day, value=engagement,
        baseline=scale.median, effect=engagement / max(scale.median, 1.0), significance=z,
        min_count=0, sentence=sentence, rows=np.asarray([row], np.int64), score=z,
        from_posts=False,
        details=AttentionDetails(record_id=int(frame.ids[row]), platform=platform,
                                 record_kind=kind, engagement=engagement, percentile=beaten,
                                 scale_median=scale.median, scale_records=history),
    )  # fmt: skip


def attention_findings(context: Context) -> list[Finding]:
    """Return the notable records of the new days, each against its own platform and kind.

    Every AI-relevant record of a scale is its baseline; only reports (`attention_kinds`)
    can be notable (whether they name a subject is read from their text: `subjects.py`).
    """
    frame, detect = context.frame, context.settings.detect
    if not context.day_count or len(frame.engagement) != len(frame):
        return []
    relevant = frame.relevance >= detect.attention_min_relevance
    scale = frame.platforms.codes * max(len(frame.kinds.names), 1) + frame.kinds.codes
    reports = set(detect.attention_kinds)
    found: list[Finding] = []
    for code in np.unique(scale[relevant]).tolist():
        rows = np.flatnonzero(relevant & (scale == code))
        platform, kind = (
            frame.platforms.name(int(frame.platforms.codes[rows[0]])),
            frame.kinds.name(int(frame.kinds.codes[rows[0]])),
        )
        if f"{platform}/{kind}" in reports:
            found.extend(_scale_findings(context, rows))
    return found
