"""Entity surges (mentioned far more than usual) and share of beat ("in one post of three")."""

from __future__ import annotations

import numpy as np

from beatwire.signal_details import EntitySurgeDetails, ShareOfBeatDetails
from beatwire.signals.baseline import Baseline, binomial_tail, trailing_baseline
from beatwire.signals.context import Context
from beatwire.signals.make import Finding
from beatwire.signals.series import keyed_daily_counts
from beatwire.taxonomy import beat_name

PARTS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
         9: "nine", 10: "ten"}  # fmt: skip


def one_in(share: float) -> str:
    """Return a share as people say it: "one post of three", or a percentage."""
    parts = min(PARTS, key=lambda n: abs(share - 1 / n))
    # within 5 % of the fraction itself: an absolute margin would call 10 % "one post of nine"
    if abs(share * parts - 1) <= 0.05:
        return f"one post of {PARTS[parts]}"
    return f"{share:.0%} of posts"


def _surge(context: Context, code: int, day: int, history: np.ndarray) -> Finding | None:
    detect = context.settings.detect
    entities = context.frame.entities
    count = int(history[-1])
    baseline = trailing_baseline(history[:-1].astype(np.float64))
    ratio = count / max(baseline.median, 1.0)
    z = baseline.z(count)
    if z < detect.entity_z or ratio < detect.entity_ratio:
        return None
    if baseline.surprise(count) > detect.entity_max_p:
        return None
    slug = entities.slugs.name(code)
    rows = entities.rows[(entities.slugs.codes == code) & (context.days[entities.rows] == day)]
    date, name = context.day(day), entities.names.get(slug, slug)
    sentence = (
        f"{name} was mentioned in {count} records on {date:%B} {date.day}, "
        f"{baseline.against(count)}."
    )
    beats = np.bincount(context.frame.beats.codes[rows])
    beat = context.frame.beats.name(int(beats.argmax()))
    return Finding(
        kind="entity_surge", key=f"entity:{slug}", beat=beat, day=day, value=count,
        baseline=baseline.median, effect=ratio, significance=z,
        min_count=baseline.least_count(detect.entity_max_p), sentence=sentence, rows=rows, score=z,
        details=EntitySurgeDetails(entity=slug, entity_name=name,
                                   entity_type=entities.types.get(slug)),
    )  # fmt: skip


def surge_findings(context: Context) -> list[Finding]:
    """Return entity surges on the new days."""
    entities, detect = context.frame.entities, context.settings.detect
    if not len(entities.rows) or not context.day_count:
        return []
    matrix = keyed_daily_counts(
        entities.slugs.codes, context.days[entities.rows], len(entities.slugs.names),
        context.day_count,
    )  # fmt: skip
    span = detect.baseline_days
    # no count under what a usually silent entity needs to be a surprise can pass
    floor = Baseline(median=0.0, spread=1.0).least_count(detect.entity_max_p)
    found = []
    for code, day in zip(*np.nonzero(matrix >= floor), strict=True):
        if day < max(min(detect.baseline_min_days, span), context.report_from):
            continue
        finding = _surge(context, int(code), int(day), matrix[code, max(0, day - span) : day + 1])
        if finding is not None:
            found.append(finding)
    return found


def _share(context: Context, code: int, beat: int, day: int) -> Finding | None:
    detect = context.settings.detect
    frame, entities = context.frame, context.frame.entities
    in_beat = (frame.beats.codes == beat) & (context.days <= day)
    in_beat &= context.days >= day - detect.baseline_days
    today = np.flatnonzero(in_beat & (context.days == day))
    mentions = entities.rows[entities.slugs.codes == code]
    with_entity = np.zeros(len(frame), dtype=bool)
    with_entity[mentions] = True
    share = with_entity[today].mean() if len(today) else 0.0
    past = in_beat & (context.days < day)
    before = with_entity[past].mean() if past.any() else 0.0
    if not len(today) or share < detect.share_min or share - before < detect.share_min_rise:
        return None
    usual = max(before, 1 / (int(past.sum()) + 1))  # a share never seen is still possible
    if binomial_tail(int(with_entity[today].sum()), len(today), usual) > detect.share_max_p:
        return None
    slug = entities.slugs.name(code)
    name, beat_slug, date = entities.names.get(slug, slug), frame.beats.name(beat), context.day(day)
    rows = today[with_entity[today]]
    sentence = (
        f"{name} is in {one_in(share)} on {beat_name(beat_slug)}: {len(rows)} of {len(today)} "
        f"records on {date:%B} {date.day} ({share:.0%}), against {before:.0%} over the previous "
        f"{detect.baseline_days} days."
    )
    return Finding(
        kind="share_of_beat", key=f"{beat_slug}:entity:{slug}", beat=beat_slug, day=day,
        value=share, baseline=before, effect=share - before,
        significance=(share - before) / max(np.sqrt(before * (1 - before) / len(today)), 0.01),
        min_count=len(rows), sentence=sentence, rows=rows,
        details=ShareOfBeatDetails(entity=slug, entity_name=name, records_in_beat=len(today)),
    )  # fmt: skip


def share_findings(context: Context, surges: list[Finding]) -> list[Finding]:
    """Return the share-of-beat findings of the entities that surged."""
    found = []
    for surge in surges:
        if not isinstance(surge.details, EntitySurgeDetails):
            continue
        code = context.frame.entities.slugs.code(surge.details.entity)
        beat = context.frame.beats.code(surge.beat or "")
        finding = _share(context, code, beat, surge.day)
        if finding is not None:
            found.append(finding)
    return found
