"""Model ecosystem: downloads of trending Hugging Face models by maker and by maker's country.

The history is the Hugging Face source's own snapshots of the trending models, one
set per day (store/frames.load_model_days). A signal says when, on the newest
snapshot day, a country's share moved by `ecosystem_shift_points` against the oldest
snapshot day within `baseline_days`, and joins what people said about those makers
(their entity mentions' mean sentiment).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import numpy as np

from beatwire.makers import UNKNOWN, load_makers
from beatwire.signal_details import ModelEcosystemDetails
from beatwire.signals.context import Context
from beatwire.signals.make import Finding
from beatwire.store.frames import Model

ADJECTIVES = {
    "CN": "Chinese", "US": "American", "FR": "French", "GB": "British", "DE": "German",
    "CA": "Canadian", "KR": "Korean", "AE": "Emirati", "IN": "Indian", "JP": "Japanese",
}  # fmt: skip


def shares(models: list[Model]) -> dict[str, dict[str, float]]:
    """Return download shares by maker and by country: {"maker": {...}, "country": {...}}."""
    total = sum(m[2] for m in models) or 1
    by: dict[str, dict[str, float]] = {"maker": defaultdict(float), "country": defaultdict(float)}
    for _model, org, downloads, _likes in models:
        maker = load_makers().get(org.lower())
        # An unlisted org is counted under its own name and an unknown country.
        by["maker"][maker.name if maker else org] += downloads / total
        by["country"][maker.country if maker else UNKNOWN] += downloads / total
    return {kind: dict(values) for kind, values in by.items()}


def _talk(context: Context, country: str) -> tuple[float, np.ndarray]:
    """Return the mean sentiment (points) of records mentioning the country's makers, and them."""
    slugs = {
        maker.entity
        for maker in load_makers().values()
        if maker.country == country and maker.entity is not None
    }
    entities = context.frame.entities
    codes = [entities.slugs.code(slug) for slug in slugs]
    rows = np.unique(entities.rows[np.isin(entities.slugs.codes, [c for c in codes if c >= 0])])
    recent = rows[context.days[rows] >= context.day_count - 7] if len(rows) else rows
    scores = context.frame.sentiment[recent]
    scores = scores[~np.isnan(scores)]
    return (float(scores.mean() * 100) if len(scores) else float("nan")), recent


def _compared_days(context: Context, days: dict[str, list[Model]]) -> tuple[str, str, int] | None:
    """Return the newest snapshot day, the oldest one in its baseline, and the newest's index."""
    if len(days) < 2 or not context.day_count:
        return None
    newest = max(days)
    index = context.index(date.fromisoformat(newest))
    if not context.report_from <= index < context.day_count:
        return None  # reported by an earlier pass, or after every analysed record
    earliest = date.fromisoformat(newest) - timedelta(days=context.settings.detect.baseline_days)
    baseline = [day for day in days if earliest.isoformat() <= day < newest]
    return (newest, min(baseline), index) if baseline else None


def ecosystem_findings(context: Context, days: dict[str, list[Model]]) -> list[Finding]:
    """Return country shares that moved between the baseline's first and the newest snapshot."""
    detect = context.settings.detect
    compared = _compared_days(context, days)
    if compared is None:
        return []
    newest, first_day, index = compared
    models = days[newest]
    if len(models) < detect.ecosystem_min_models:
        return []
    before = shares(days[first_day])["country"]
    now = shares(models)["country"]
    found = []
    for country, share in sorted(now.items()):
        moved = (share - before.get(country, 0.0)) * 100
        if abs(moved) < detect.ecosystem_shift_points or country == UNKNOWN:
            continue
        mood, rows = _talk(context, country)
        who = ADJECTIVES.get(country, country)
        verb = "now take most" if share > 0.5 else "take"
        sentence = (
            f"{who} labs' models {verb} downloads among the {len(models)} trending models: "
            f"{share:.0%}, {'up' if moved > 0 else 'down'} from {before.get(country, 0.0):.0%} "
            f"on {first_day}."
        )
        if len(rows) and not np.isnan(mood):
            sentence += (
                f" Posts about these makers averaged {mood:+.0f} points over {len(rows)} records."
            )
        found.append(Finding(
            kind="model_ecosystem", key=f"country:{country}", beat=None,
            day=index, value=share, baseline=before.get(country, 0.0),
            effect=moved, significance=abs(moved) / detect.ecosystem_shift_points * 3,
            min_count=detect.ecosystem_min_models, sentence=sentence, rows=rows,
            from_posts=False,
            details=ModelEcosystemDetails(
                group=f"{who} labs", country=country, since=first_day,
                shares={k: round(v, 4) for k, v in sorted(now.items())},
                talk_points=None if np.isnan(mood) else round(mood, 1)),
        ))  # fmt: skip
    return found
