"""/v1/ecosystem: standings and shares of trending Hugging Face model downloads. Needs `records`.

The figures are store/standings': downloads gained by the models on the trending
list (daily deltas of the Hub's rolling counts), by maker and by maker's country;
an unlisted maker is "unknown".
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from beatwire.errors import NotFound
from beatwire.makers import UNKNOWN, group_name
from beatwire.store.standings import Group, Standings, load_standings
from beatwire.web.api.caching import json_read
from beatwire.web.api.deps import ApiStateDep, scoped
from beatwire.web.api.models import (
    EcosystemGroup,
    EcosystemModel,
    EcosystemShares,
    EcosystemSharesPage,
    EcosystemStandings,
)

router = APIRouter(tags=["ecosystem"], dependencies=[scoped("records")])

Period = Annotated[Literal["week", "day"], Query(description="ISO weeks or UTC days.")]
Scope = Annotated[Literal["country", "maker"], Query(description="Group by country or maker.")]
At = Annotated[
    date | None,
    Query(description="A day inside the period wanted (ISO date); the newest when left out."),
]


def group_body(scope: str, group: Group) -> EcosystemGroup:
    """Return the public body of a group."""
    return EcosystemGroup(
        key=group.key, name=group_name(scope, group.key), gained=group.gained,
        share=round(group.share, 4), likes=group.likes, places=group.places,
        models=list(group.models),
    )  # fmt: skip


def standings_body(found: Standings) -> EcosystemStandings:
    """Return the public body of one period's standings."""
    return EcosystemStandings(
        period=found.period, start=found.start.isoformat(), end=found.end.isoformat(),
        days=found.days, gained=found.gained,
        countries=[group_body("country", g) for g in found.countries],
        makers=[group_body("maker", g) for g in found.makers],
        models=[EcosystemModel(**{k: getattr(m, k) for k in EcosystemModel.model_fields})
                for m in found.models],
        newcomers=[m.model for m in found.newcomers],
    )  # fmt: skip


def shares_body(found: Standings, scope: str) -> EcosystemShares:
    """Return one period's shares of `scope`."""
    groups = found.groups(scope)
    known = [g for g in groups if g.key != UNKNOWN and g.gained]
    return EcosystemShares(
        period=found.period, start=found.start.isoformat(), end=found.end.isoformat(),
        gained=found.gained, shares={g.key: round(g.share, 4) for g in groups},
        leader=known[0].key if known else None,
    )  # fmt: skip


@router.get("/ecosystem/standings", response_model=EcosystemStandings)
def ecosystem_standings(
    request: Request, api: ApiStateDep, period: Period = "week", at: At = None
) -> Response:
    """The standings of one week or day: countries, makers and models, largest gain first."""
    with api.store.read() as conn:
        every = load_standings(conn, period)
    chosen = every[-1:] if at is None else [s for s in every if s.start <= at <= s.end]
    if not chosen:
        raise NotFound("no trending-model snapshots for that period")
    return json_read(request, standings_body(chosen[0]), max_age=api.settings.api.cache_max_age_s)


@router.get("/ecosystem/shares", response_model=EcosystemSharesPage)
def ecosystem_shares(
    request: Request, api: ApiStateDep, period: Period = "week", scope: Scope = "country"
) -> Response:
    """Shares of trending-model downloads by country or maker for every period, oldest first."""
    with api.store.read() as conn:
        every = load_standings(conn, period)
    body = EcosystemSharesPage(
        period=period, scope=scope, data=[shares_body(found, scope) for found in every]
    )
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)
