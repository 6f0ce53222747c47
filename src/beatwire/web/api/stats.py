"""/v1/stats: headline figures of the store. Any valid key may read them."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request, Response

from beatwire.store.stats import headline_figures
from beatwire.web.api.caching import json_read
from beatwire.web.api.deps import ApiKeyDep, ApiStateDep
from beatwire.web.api.models import StatsPublic

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=StatsPublic)
def stats(request: Request, api: ApiStateDep, key: ApiKeyDep) -> Response:
    """Records indexed (all and last 24 h), active beats, platforms, signals in 48 h, stories."""
    now = api.now()
    with api.store.read() as conn:
        figures = headline_figures(
            conn, day_ago=now - timedelta(hours=24), two_days_ago=now - timedelta(hours=48)
        )
    body = StatsPublic(**figures)
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)
