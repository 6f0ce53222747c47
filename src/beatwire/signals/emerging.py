"""Emerging narratives: young narratives that grow fast and reach more than one platform."""

from __future__ import annotations

import numpy as np

from beatwire.model import PLATFORM_NAMES
from beatwire.signal_details import EmergingNarrativeDetails
from beatwire.signals.context import Context
from beatwire.signals.make import Finding
from beatwire.signals.narratives import NarrativePass
from beatwire.taxonomy import beat_name


def _platform_names(context: Context, rows: np.ndarray) -> list[str]:
    codes, counts = np.unique(context.frame.platforms.codes[rows], return_counts=True)
    order = np.argsort(-counts, kind="stable")
    return [context.frame.platforms.name(int(codes[i])) for i in order]


def _emerging(
    context: Context, nid: str, rows: np.ndarray, born: int, day: int, label: str, beat: str
) -> Finding | None:
    detect = context.settings.detect
    per_day = np.bincount(context.days[rows] - born, minlength=day - born + 1)
    today = int(per_day[day - born])
    before = float(per_day[: day - born].mean()) if day > born else 0.0
    growth = today / max(before, 1.0)
    up_to_today = rows[context.days[rows] <= day]
    platforms = _platform_names(context, up_to_today)
    if today < detect.emerging_min_size or growth < detect.emerging_min_growth:
        return None
    if len(platforms) < detect.emerging_min_platforms:
        return None
    date = context.day(day)
    where = ", ".join(PLATFORM_NAMES.get(p, p) for p in platforms[:-1])
    where += f" and {PLATFORM_NAMES.get(platforms[-1], platforms[-1])}"
    if day == born:
        grew = f"appeared on {date:%B} {date.day} with {today} records"
    else:
        grew = (
            f"drew {today} records on {date:%B} {date.day}, {growth:.1f} times its daily mean "
            f"of {before:.1f} since it appeared {day - born} day{'s' if day - born > 1 else ''} "
            "earlier"
        )
    sentence = (
        f"A new narrative on {beat_name(beat)} ({label}) {grew}, across {len(platforms)} "
        f"platforms: {where}."
    )
    return Finding(
        kind="emerging_narrative", key=nid, beat=beat, day=day, value=today, baseline=before,
        effect=growth, significance=(today - before) / np.sqrt(max(before, 1.0)),
        min_count=detect.emerging_min_size, sentence=sentence,
        rows=up_to_today[context.days[up_to_today] == day], narrative_id=nid,
        details=EmergingNarrativeDetails(label=label, platforms=tuple(platforms),
                                         age_days=day - born, size=len(up_to_today)),
    )  # fmt: skip


def emerging_findings(
    context: Context, narratives: NarrativePass, labels: dict[str, str], born: dict[str, int]
) -> list[Finding]:
    """Return emerging narratives on the new days (`born`: each narrative's first day)."""
    detect = context.settings.detect
    found = []
    for nid, members in sorted(narratives.members.items()):
        if nid in narratives.split_from:  # a part of an older narrative is not a new one
            continue
        rows = np.asarray(members, dtype=np.int64)
        first = born.get(nid, narratives.born[nid])
        for day in sorted(set(context.days[rows].tolist())):
            if day < context.report_from or day - first > detect.emerging_max_age_days:
                continue
            if first < detect.baseline_min_days:  # born with the data: no way to tell it is new
                continue
            label, beat = labels.get(nid, ""), narratives.beats[nid]
            finding = _emerging(context, nid, rows, first, day, label, beat)
            if finding is not None:
                found.append(finding)
    return found
