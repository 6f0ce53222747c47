"""Model ecosystem: who made the downloads of the week's trending Hugging Face models.

Each complete ISO week (one with a snapshot on or after its Sunday) is compared with
the week before, on the standings of store/standings (downloads gained by the models
on the trending list, by maker and by maker's country). Three moves are signals:

- share_shift: a country's or a maker's share of the week's downloads moved by at
  least `detect.ecosystem_shift_points` points;
- lead_change: the country or the maker with the largest share is not last week's;
- newcomer: the model first on the list this week with the largest gain, when that
  gain is at least `detect.ecosystem_newcomer_share` of the week's downloads.

"unknown" (makers not in data/makers.toml) is counted but never the subject of a
signal. Every week needs `detect.ecosystem_min_models` models on the list. The
evidence is the records that link the named models and, for a share, the records
mentioning the group's makers (their mean sentiment goes in the details).
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import numpy as np

from beatwire.makers import UNKNOWN, group_name
from beatwire.signal_details import ModelEcosystemDetails
from beatwire.signals.context import Context
from beatwire.signals.make import Finding
from beatwire.signals.maker_talk import maker_country, talk
from beatwire.signals.release_jumps import release_jumps
from beatwire.store.frames import Ints, Model, ModelDelta
from beatwire.store.standings import (
    Group,
    Standings,
    TrendingModel,
    deltas_by_period,
    standings,
)

_NONE = np.zeros(0, np.int64)
# A country's share moves less than one maker's: the same points count this much more,
# so a country's story outranks its maker's when they rest on the same models.
COUNTRY_WEIGHT = 2.0
OTHER_SIDE = 0.5  # of the shift points: how far the other side of a move must go to be told
NAMED_MODELS = 3  # models named with their group
SCOPES = ("country", "maker")


class Week:
    """One complete week against the one before, and what a finding about it shares."""

    def __init__(
        self, context: Context, now: Standings, before: Standings,
        mentions: dict[str, Ints], pages: dict[str, int],
    ) -> None:  # fmt: skip
        self.context, self.now, self.before = context, now, before
        self.mentions, self.pages = mentions, pages
        self.day = context.index(now.end)
        self.days = range(context.index(now.start), self.day + 1)

    def rows(self, models: tuple[str, ...], talk: Ints | None = None) -> Ints:
        """Return the frame rows of the week's records linking the models or `talk` about them."""
        linked = [self.mentions.get(f"huggingface:{m}", _NONE) for m in models]
        posts = np.unique(np.concatenate([*linked, _NONE if talk is None else talk]))
        inside = (self.context.days[posts] >= self.days.start) & (
            self.context.days[posts] <= self.day
        )
        return posts[inside].astype(np.int64)

    def details(
        self, change: str, scope: str, group: Group, **extra: object
    ) -> ModelEcosystemDetails:
        """Return the details of a finding about `group` of `scope` this week."""
        country = group.key if scope == "country" else maker_country(group.key)
        return ModelEcosystemDetails(
            change=change, scope=scope, group=group_name(scope, group.key), country=country,
            maker=None if scope == "country" else group.key, week=self.now.period,
            since=self.before.start.isoformat(), share=round(group.share, 4),
            share_before=round(self.before.share(scope, group.key), 4), gained=group.gained,
            total_gained=self.now.gained, models=self.named(group),
            model_gains=tuple(self.gain(m) for m in self.named(group)),
            shares={g.key: round(g.share, 4) for g in self.now.groups(scope)},
            shares_before={g.key: round(g.share, 4) for g in self.before.groups(scope)},
            **extra,  # type: ignore[arg-type]
        )  # fmt: skip

    def named(self, group: Group) -> tuple[str, ...]:
        """Return the group's models a story names: those that gained, largest first."""
        return tuple(m for m in group.models if self.gain(m) > 0)[:NAMED_MODELS]

    def gain(self, model: str) -> int:
        """Return what a model on this week's list gained."""
        return next(m.gained for m in self.now.models if m.model == model)

    def finding(self, key: str, value: float, baseline: float, effect: float,
                significance: float, sentence: str, rows: Ints,
                details: ModelEcosystemDetails,
                shown: tuple[str, ...] = ()) -> Finding:  # fmt: skip
        """Return a finding spanning the week; `shown` are the models whose pages it cites."""
        return Finding(
            kind="model_ecosystem", key=f"{key}:{self.now.period}", beat=None, day=self.day,
            days=7, value=value, baseline=baseline, effect=effect, significance=significance,
            min_count=self.context.settings.detect.ecosystem_min_models, sentence=sentence,
            rows=rows, from_posts=False, details=details,
            pages=tuple(self.pages[m] for m in shown or details.models if m in self.pages),
        )  # fmt: skip


def _named(models: tuple[str, ...], gains: tuple[int, ...]) -> str:
    return ", ".join(f"{m} ({g:,})" for m, g in zip(models, gains, strict=True))


def _mirror(moves: list[tuple[Group, float]]) -> dict[str, tuple[Group, ...]]:
    """Return, for the group that moved most, the groups that moved the other way.

    The two sides of one move (Chinese makers down, American makers up) are one story:
    its lead, with the others it folds in. Groups moving the same way stay their own.
    """
    if not moves:
        return {}
    main, moved = max(moves, key=lambda item: abs(item[1]))
    return {main.key: tuple(g for g, other in moves if other * moved < 0)}


def _partner(week: Week, scope: str, partner: Group) -> str:
    """Return the sentence of a group that moved the other way, with its leading model."""
    text = (
        f" Over the same week {group_name(scope, partner.key)} went from "
        f"{week.before.share(scope, partner.key):.0%} to {partner.share:.0%}"
    )
    lead = week.named(partner)[:1]
    return text + (f", led by {_named(lead, (week.gain(lead[0]),))}." if lead else ".")


def share_shifts(week: Week, scope: str) -> list[Finding]:
    """Return the groups whose share of the week's downloads moved by the documented points."""
    points = week.context.settings.detect.ecosystem_shift_points
    moves = [
        (group, (group.share - week.before.share(scope, group.key)) * 100)
        for group in week.now.groups(scope)
        if group.key != UNKNOWN
    ]
    # The other side of a move is context, not a story: told from half the points.
    moves = [(group, moved) for group, moved in moves if abs(moved) >= points * OTHER_SIDE]
    folded = _mirror(moves) if any(abs(moved) >= points for _, moved in moves) else {}
    inside = {g.key for partners in folded.values() for g in partners}
    found = []
    for group, moved in moves:
        if group.key in inside or abs(moved) < points:
            continue  # told in the story of the group that moved most, or too small alone
        before = week.before.share(scope, group.key)
        partners = folded.get(group.key, ())
        # A maker's posts are about it; a country's makers' posts are mostly about other things.
        mood, talk_rows = (
            talk(week.context, {group.key}, week.days) if scope == "maker" else (None, _NONE)
        )
        details = week.details(
            "share_shift", scope, group, talk_points=_round(mood),
            also=tuple(g.key for g in partners),
        )  # fmt: skip
        sentence = (
            f"{details.group} took {group.share:.0%} of the downloads gained by trending Hugging "
            f"Face models in the week of {_day(week.now.start)} ({group.gained:,} of "
            f"{week.now.gained:,}), {'up' if moved > 0 else 'down'} from {before:.0%} the week "
            f"before; their models: {_named(details.models, details.model_gains)}."
        )
        sentence += "".join(_partner(week, scope, partner) for partner in partners)
        shown = (*details.models, *(m for g in partners for m in week.named(g)[:1]))
        found.append(week.finding(
            f"share:{scope}:{group.key}", group.share, before, moved,
            abs(moved) / points * 4 * (COUNTRY_WEIGHT if scope == "country" else 1.0),
            sentence, week.rows(shown, talk_rows), details, shown,
        ))  # fmt: skip
    # A group that left the list entirely lost its whole share.
    return found + _vanished(week, scope, points)


def _vanished(week: Week, scope: str, points: float) -> list[Finding]:
    gone = []
    now = {g.key for g in week.now.groups(scope)}
    for group in week.before.groups(scope):
        if group.key in now or group.key == UNKNOWN or group.share * 100 < points:
            continue
        empty = Group(group.key, 0, 0.0, 0, 0, ())
        details = week.details("share_shift", scope, empty, talk_points=None)
        sentence = (
            f"{details.group} had no model among the trending Hugging Face models in the week of "
            f"{_day(week.now.start)}, down from {group.share:.0%} of the downloads the week before."
        )
        gone.append(week.finding(
            f"share:{scope}:{group.key}", 0.0, group.share, -group.share * 100,
            group.share * 100 / points * 4, sentence, week.rows(group.models), details,
        ))  # fmt: skip
    return gone


def lead_change(week: Week, scope: str) -> list[Finding]:
    """Return the new leader of the week's downloads, when last week's led no more."""
    known_now = [g for g in week.now.groups(scope) if g.key != UNKNOWN]
    known_before = [g for g in week.before.groups(scope) if g.key != UNKNOWN]
    if not known_now or not known_before or known_now[0].key == known_before[0].key:
        return []
    leader, previous = known_now[0], known_before[0]
    if not leader.gained:
        return []
    details = week.details(
        "lead_change",
        scope,
        leader,
        talk_points=None,
        previous_leader=group_name(scope, previous.key),
    )
    before = week.before.share(scope, leader.key)
    sentence = (
        f"{details.group} led the downloads of trending Hugging Face models in the week of "
        f"{_day(week.now.start)} with {leader.share:.0%} ({leader.gained:,}), taking the lead "
        f"from {details.previous_leader}, who led the week before with {previous.share:.0%}; "
        f"their models: {_named(details.models, details.model_gains)}."
    )
    moved = (leader.share - before) * 100
    return [week.finding(
        f"lead:{scope}", leader.share, before, moved, 4 + abs(moved) / 10, sentence,
        week.rows(details.models), details,
    )]  # fmt: skip


def newcomer(week: Week) -> list[Finding]:
    """Return the week's newcomer with the largest gain, when its gain is a large share."""
    least = week.context.settings.detect.ecosystem_newcomer_share
    newcomers = [m for m in week.now.newcomers if m.maker != UNKNOWN or m.gained]
    if not newcomers or not week.now.gained:
        return []
    top: TrendingModel = newcomers[0]
    share = top.gained / week.now.gained
    if share < least:
        return []
    rank = 1 + sum(1 for m in week.now.models if m.gained > top.gained)
    details = ModelEcosystemDetails(
        change="newcomer", scope="model", group=top.model, country=top.country,
        maker=None if top.maker == UNKNOWN else top.maker, week=week.now.period,
        since=week.before.start.isoformat(), share=round(share, 4), share_before=0.0,
        gained=top.gained, total_gained=week.now.gained, models=(top.model,),
        model_gains=(top.gained,),
        shares={m.model: round(m.gained / week.now.gained, 4) for m in week.now.models[:5]},
        talk_points=None,
    )  # fmt: skip
    maker = f" from {top.maker}" if top.maker != UNKNOWN else ""
    sentence = (
        f"{top.model}{maker} entered the trending Hugging Face models in the week of "
        f"{_day(week.now.start)} and gained {top.gained:,} downloads, {share:.0%} of the "
        f"week's {week.now.gained:,}: number {rank} of the {len(week.now.models)} trending models."
    )
    return [week.finding(
        f"newcomer:{top.model}", share, 0.0, share * 100, share / least * 4, sentence,
        week.rows((top.model,)), details,
    )]  # fmt: skip


def _day(day: date) -> str:
    return f"{day:%B} {day.day}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def complete_weeks(model_days: dict[str, list[Model]], deltas: list[ModelDelta]) -> list[Standings]:
    """Return the standings of every week the history holds whole, oldest first."""
    if not model_days:
        return []
    newest = date.fromisoformat(max(model_days))
    mondays = sorted({date.fromisoformat(d) - timedelta(days=date.fromisoformat(d).weekday())
                      for d in model_days})  # fmt: skip
    grouped = deltas_by_period(deltas, "week")
    return [
        standings(model_days, grouped[monday], "week", monday)
        for monday in mondays
        if monday + timedelta(days=6) <= newest
    ]


def ecosystem_findings(
    context: Context,
    model_days: dict[str, list[Model]],
    deltas: list[ModelDelta],
    mentions: dict[str, Ints] | None = None,
    pages: dict[str, int] | None = None,
) -> list[Finding]:
    """Return the share shifts, lead changes and newcomers of the weeks ending on new days,
    and the release jumps (signals/release_jumps.py) ending on them."""
    detect = context.settings.detect
    weeks = complete_weeks(model_days, deltas)
    found: list[Finding] = []
    for before, now in pairwise(weeks):
        if now.start - before.start != timedelta(days=7):
            continue  # a gap in the history: nothing to compare with
        if (
            context.index(now.end) < context.report_from
            or len(now.models) < detect.ecosystem_min_models
        ):
            continue
        week = Week(context, now, before, mentions or {}, pages or {})
        for scope in SCOPES:
            found += share_shifts(week, scope) + lead_change(week, scope)
        found += newcomer(week)
    return found + release_jumps(context, model_days, deltas, pages or {})
