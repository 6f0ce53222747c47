"""Standings of trending models: who made the downloads of the day or week, by maker and country.

A model is on the trending list on a day when the Hugging Face source snapshotted it
that day (store/frames.load_model_days). Its downloads in a period are the daily gains
the source derived between its snapshots (`model_delta` records, method in
sources/_hf_deltas), summed over the period's days on the list: the Hub's own
`downloads` is a rolling 30-day count and is kept only as the model's level. A maker
not in data/makers.toml counts as "unknown", and so does its country: nothing is guessed.

A group's `places` is how many of the list's models it had in the period. A newcomer is
a model first on the list in the period, told only when the history holds an earlier day
(in the first period every model would look new).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, select

from beatwire.makers import UNKNOWN, load_makers
from beatwire.store.frames import Model, ModelDelta, load_model_days, load_model_deltas
from beatwire.store.schema import records

PERIODS = ("week", "day")


@dataclass(frozen=True, slots=True)
class TrendingModel:
    """One model on the list in a period, with what it gained there."""

    model: str  # the Hub id, `org/name`
    maker: str  # the maker's name, or "unknown"
    country: str  # ISO code, or "unknown"
    gained: int  # downloads gained over its days on the list in the period
    downloads: int  # the Hub's rolling 30-day count at its last snapshot of the period
    likes: int  # at its last snapshot of the period
    days: int  # days on the list in the period
    newcomer: bool  # first on the list in this period


@dataclass(frozen=True, slots=True)
class Group:
    """A maker's or a country's standing in a period."""

    key: str  # the maker's name, or the country's ISO code ("unknown" for either)
    gained: int
    share: float  # of the period's downloads gained by trending models, 0-1
    likes: int
    places: int  # models it had on the list in the period
    models: tuple[str, ...]  # its models, largest gain first


@dataclass(frozen=True, slots=True)
class Standings:
    """One day's or week's standings."""

    period: str  # "2025-W41" or "2025-10-09"
    start: date
    end: date  # inclusive
    days: int  # snapshot days in the period
    gained: int  # downloads gained by every trending model in the period
    models: tuple[TrendingModel, ...]  # largest gain first
    makers: tuple[Group, ...]  # largest share first
    countries: tuple[Group, ...]

    @property
    def newcomers(self) -> tuple[TrendingModel, ...]:
        """Return the models first on the list in this period, largest gain first."""
        return tuple(model for model in self.models if model.newcomer)

    def groups(self, scope: str) -> tuple[Group, ...]:
        """Return the makers ("maker") or the countries ("country")."""
        return self.makers if scope == "maker" else self.countries

    def share(self, scope: str, key: str) -> float:
        """Return a maker's or a country's share (0 when it had none)."""
        return next((g.share for g in self.groups(scope) if g.key == key), 0.0)


def week_label(day: date) -> str:
    """Return the ISO week of `day` as `2025-W41`."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def period_bounds(period: str, day: date) -> tuple[date, date, str]:
    """Return the first and last day of the day's or week's period holding `day`, and its label."""
    if period == "day":
        return day, day, day.isoformat()
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6), week_label(day)


def maker_and_country(org: str) -> tuple[str, str]:
    """Return the maker's name and country of an org, "unknown" for both when unlisted."""
    maker = load_makers().get(org.lower())
    return (maker.company, maker.country) if maker is not None else (UNKNOWN, UNKNOWN)


def _groups(models: list[TrendingModel], total: int, key_of: str) -> tuple[Group, ...]:
    members: dict[str, list[TrendingModel]] = defaultdict(list)
    for model in models:  # already largest gain first
        members[getattr(model, key_of)].append(model)
    groups = [
        Group(
            key=key,
            gained=sum(m.gained for m in found),
            share=sum(m.gained for m in found) / total if total else 0.0,
            likes=sum(m.likes for m in found),
            places=len(found),
            models=tuple(m.model for m in found),
        )
        for key, found in members.items()
    ]
    return tuple(sorted(groups, key=lambda g: (-g.gained, -g.places, g.key)))


def standings(
    model_days: dict[str, list[Model]],
    deltas: Iterable[ModelDelta],
    period: str,
    day: date,
) -> Standings:
    """Return the standings of the day's or week's period holding `day`."""
    start, end, label = period_bounds(period, day)
    inside = sorted(d for d in model_days if start.isoformat() <= d <= end.isoformat())
    earlier = [d for d in model_days if d < start.isoformat()]
    seen_before = {m[0] for d in earlier for m in model_days[d]}
    on_list = {(d, m[0]) for d in inside for m in model_days[d]}
    gained: dict[str, int] = defaultdict(int)
    for delta in deltas:
        moment = datetime.fromtimestamp(delta.at, UTC).date().isoformat()
        if (moment, delta.model) in on_list:
            gained[delta.model] += delta.gained
    last: dict[str, Model] = {}
    days: dict[str, int] = defaultdict(int)
    for d in inside:
        for model in model_days[d]:
            last[model[0]] = model
            days[model[0]] += 1
    models = []
    for model_id, (_id, org, downloads, likes) in last.items():
        maker, country = maker_and_country(org)
        models.append(
            TrendingModel(
                model=model_id, maker=maker, country=country, gained=gained[model_id],
                downloads=downloads, likes=likes, days=days[model_id],
                newcomer=bool(earlier) and model_id not in seen_before,
            )
        )  # fmt: skip
    models.sort(key=lambda m: (-m.gained, -m.downloads, m.model))
    total = sum(m.gained for m in models)
    return Standings(
        period=label, start=start, end=end, days=len(inside), gained=total,
        models=tuple(models), makers=_groups(models, total, "maker"),
        countries=_groups(models, total, "country"),
    )  # fmt: skip


def deltas_by_period(deltas: Iterable[ModelDelta], period: str) -> dict[date, list[ModelDelta]]:
    """Return the deltas by the first day of their day's or week's period (to pass one's only)."""
    found: dict[date, list[ModelDelta]] = defaultdict(list)
    for delta in deltas:
        found[period_bounds(period, datetime.fromtimestamp(delta.at, UTC).date())[0]].append(delta)
    return found


def every_period(
    model_days: dict[str, list[Model]], deltas: list[ModelDelta], period: str
) -> list[Standings]:
    """Return the standings of every day or week that has a snapshot day, oldest first."""
    firsts = {period_bounds(period, date.fromisoformat(d))[0] for d in model_days}
    grouped = deltas_by_period(deltas, period)
    return [standings(model_days, grouped[first], period, first) for first in sorted(firsts)]


def load_standings(conn: Connection, period: str, since: datetime | None = None) -> list[Standings]:
    """Return the stored history's standings by day or week (`period`), oldest first."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    return every_period(load_model_days(conn, since), load_model_deltas(conn, since), period)


def model_pages(conn: Connection, models: Iterable[str]) -> dict[str, int]:
    """Return the record id of each model's own Hugging Face page (its listing record)."""
    wanted = sorted(set(models))
    query = select(records.c.native_id, records.c.id).where(
        records.c.provider == "huggingface", records.c.kind == "model"
    )
    found = {str(row[0]): int(row[1]) for row in conn.execute(query)}
    return {model: found[model] for model in wanted if model in found}
