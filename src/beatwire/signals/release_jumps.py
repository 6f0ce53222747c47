"""Release jumps: a maker's new model reaches the trending list and the maker's downloads jump.

A release is the first day a model is on the trending list (its page appears among
the trending models; a model on the list from the history's first day is not one).
The maker's downloads a day over that day and the three after (`JUMP_DAYS`) are
compared with its downloads a day over the week before: a jump is at least
`detect.ecosystem_jump_ratio` times as many and at least
`detect.ecosystem_jump_min_per_day` a day. The released models must have made at least
half of the jump, and the maker must have been on the list the week before (a
maker's arrival is a share shift or a newcomer). The maker's models released on
one day make one finding, reported on the window's last day; the evidence is their pages,
then the posts naming the maker from three days before the release to the window's
end (a lab's own post announcing it among them).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import numpy as np

from beatwire.makers import UNKNOWN, group_name
from beatwire.signal_details import ModelEcosystemDetails
from beatwire.signals.context import Context
from beatwire.signals.make import Finding
from beatwire.signals.maker_talk import maker_country, talk
from beatwire.store.frames import Model, ModelDelta
from beatwire.store.standings import (
    Standings,
    deltas_by_period,
    maker_and_country,
    standings,
    week_label,
)

JUMP_DAYS = 4  # the release day and the three after it
BEFORE_DAYS = 7
MIN_BEFORE_DAYS = 3  # snapshot days of the week before needed to compare with


def _releases(model_days: dict[str, list[Model]]) -> dict[tuple[str, str], list[str]]:
    """Return the models first on the list on each day after the first, by (day, maker)."""
    days = sorted(model_days)
    seen = {m[0] for m in model_days[days[0]]} if days else set()
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for day in days[1:]:
        for model, org, _downloads, _likes in model_days[day]:
            if model not in seen:
                seen.add(model)
                maker, _country = maker_and_country(org)
                if maker != UNKNOWN:
                    found[(day, maker)].append(model)
    return found


def _per_day(daily: dict[str, Standings], days: list[str], maker: str) -> tuple[float, int, int]:
    """Return the maker's downloads a day over `days`, its total, and every model's total."""
    gained = sum(g.gained for d in days for g in daily[d].makers if g.key == maker)
    return gained / len(days), gained, sum(daily[d].gained for d in days)


def release_jumps(
    context: Context,
    model_days: dict[str, list[Model]],
    deltas: list[ModelDelta],
    pages: dict[str, int],
) -> list[Finding]:
    """Return the makers whose downloads jumped after a new model reached the list."""
    detect = context.settings.detect
    if not model_days:
        return []
    newest = date.fromisoformat(max(model_days))
    by_day = deltas_by_period(deltas, "day")
    daily = {
        d: standings(model_days, by_day[date.fromisoformat(d)], "day", date.fromisoformat(d))
        for d in model_days
    }
    found = []
    for (day, maker), models in sorted(_releases(model_days).items()):
        start = date.fromisoformat(day)
        end = start + timedelta(days=JUMP_DAYS - 1)
        first_before = (start - timedelta(days=BEFORE_DAYS)).isoformat()
        before_days = [d for d in sorted(daily) if first_before <= d < day]
        after_days = [d for d in sorted(daily) if day <= d <= end.isoformat()]
        if (
            end > newest
            or len(before_days) < MIN_BEFORE_DAYS
            or context.index(end) < context.report_from
        ):
            continue
        before, gained_before, total_before = _per_day(daily, before_days, maker)
        after, gained, total = _per_day(daily, after_days, maker)
        ratio = after / max(before, 1.0)
        if not before or ratio < detect.ecosystem_jump_ratio:
            continue  # a maker new to the list: its arrival is a share shift or a newcomer
        if after < detect.ecosystem_jump_min_per_day:
            continue
        window = {m: sum(g.gained for d in after_days for g in daily[d].models if g.model == m)
                  for m in models}  # fmt: skip
        named = tuple(sorted((m for m in models if window[m]), key=lambda m: -window[m]))[:3]
        if sum(window.values()) < (after - before) * len(after_days) / 2:
            continue  # the new models did not make most of the jump
        mood, rows = talk(context, {maker}, range(context.index(start) - 3, context.index(end) + 1))
        details = ModelEcosystemDetails(
            change="release_jump", scope="maker", group=group_name("maker", maker),
            country=maker_country(maker), maker=maker, week=week_label(start),
            since=first_before, share=round(gained / total, 4) if total else 0.0,
            share_before=round(gained_before / total_before, 4) if total_before else 0.0,
            gained=gained, total_gained=total,
            models=named, model_gains=tuple(window[m] for m in named), shares={},
            talk_points=None if mood is None else round(mood, 1), release_day=day,
            per_day_before=round(before, 1), per_day_after=round(after, 1),
        )  # fmt: skip
        listed = ", ".join(f"{m} ({window[m]:,})" for m in named)
        sentence = (
            f"Trending models from {maker} gained {after:,.0f} downloads a day from "
            f"{start:%B} {start.day} to {end:%B} {end.day}, {ratio:.1f} times the {before:,.0f} a "
            f"day of the week before, after new {maker} models reached the trending list: "
            f"{listed}."
        )
        found.append(Finding(
            kind="model_ecosystem", key=f"release:{maker}:{day}", beat=None,
            day=context.index(end), days=JUMP_DAYS, value=after, baseline=before, effect=ratio,
            significance=float(np.log2(ratio)) * 2, min_count=detect.ecosystem_jump_min_per_day,
            sentence=sentence, rows=rows, from_posts=False, details=details,
            pages=tuple(pages[m] for m in named if m in pages),
        ))  # fmt: skip
    return found
