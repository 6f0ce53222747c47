"""The ecosystem page: who made the downloads of the trending Hugging Face models.

Standings of the newest week (countries, makers, models, newcomers), every week's
shares by country and by maker (the charts' data, also as tables), and the
ecosystem signals. The figures are store/standings' (downloads gained between
snapshots of the models on the trending list); unlisted makers are "unknown".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from beatwire.makers import UNKNOWN, group_name
from beatwire.store.engine import Store
from beatwire.store.signals import list_signals
from beatwire.store.standings import Standings, load_standings
from beatwire.web.context.common import Clock, site_clock

CHART_GROUPS = 5  # lines on a shares chart: the groups with the most downloads over all weeks
SIGNALS = 20


@dataclass(slots=True)
class ShareSeries:
    """Shares per week of the groups a chart draws, in percent (None where a group had none)."""

    periods: list[str]
    lines: list[tuple[str, list[float | None]]]  # group name -> percent per period


@dataclass(slots=True)
class EcosystemContext:
    """The ecosystem page."""

    clock: Clock
    week: dict[str, Any] | None  # the newest week's standings, None before any snapshot
    countries: ShareSeries
    makers: ShareSeries
    weeks: list[dict[str, Any]] = field(default_factory=list)  # every week, newest first
    signals: list[dict[str, Any]] = field(default_factory=list)


def _groups(found: Standings, scope: str, limit: int) -> list[dict[str, Any]]:
    return [
        {"key": g.key, "name": group_name(scope, g.key), "share": g.share, "gained": g.gained,
         "likes": g.likes, "places": g.places, "models": list(g.models[:3])}
        for g in found.groups(scope)[:limit]
    ]  # fmt: skip


def _week(found: Standings) -> dict[str, Any]:
    return {
        "period": found.period, "start": found.start.isoformat(), "end": found.end.isoformat(),
        "days": found.days, "gained": found.gained, "countries": _groups(found, "country", 8),
        "makers": _groups(found, "maker", 10),
        "models": [
            {"model": m.model, "maker": m.maker, "country": m.country, "gained": m.gained,
             "likes": m.likes, "newcomer": m.newcomer}
            for m in found.models[:15]
        ],
        "newcomers": [m.model for m in found.newcomers[:5]],
    }  # fmt: skip


def share_series(weeks: list[Standings], scope: str) -> ShareSeries:
    """Return the shares per week of the groups with the most downloads over all the weeks."""
    totals: dict[str, int] = {}
    for found in weeks:
        for group in found.groups(scope):
            if group.key != UNKNOWN:
                totals[group.key] = totals.get(group.key, 0) + group.gained
    chosen = sorted(totals, key=lambda key: -totals[key])[:CHART_GROUPS]
    lines = [
        (group_name(scope, key),
         [round(found.share(scope, key) * 100, 1) if found.gained else None for found in weeks])
        for key in chosen
    ]  # fmt: skip
    return ShareSeries(periods=[found.period for found in weeks], lines=lines)


def ecosystem_context(store: Store) -> EcosystemContext:
    """Return the ecosystem page's data."""
    with store.read() as conn:
        clock = site_clock(conn)
        weeks = load_standings(conn, "week")
        signals = list_signals(
            conn, kind="model_ecosystem", beat=None, since=None, until=None, after=None,
            limit=SIGNALS,
        )  # fmt: skip
    return EcosystemContext(
        clock=clock,
        week=_week(weeks[-1]) if weeks else None,
        countries=share_series(weeks, "country"),
        makers=share_series(weeks, "maker"),
        weeks=[
            {
                "period": w.period,
                "start": w.start.isoformat(),
                "gained": w.gained,
                "countries": _groups(w, "country", 4),
            }
            for w in reversed(weeks)
        ],
        signals=[{"window_start": s["window_start"], "sentence": s["sentence"]} for s in signals],
    )
