"""The ecosystem page (/ecosystem/) and its two charts: shares by country and by maker."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from beatwire.web import charts
from beatwire.web.context.ecosystem import ShareSeries, ecosystem_context
from beatwire.web.pages.assets import _asset, _svg
from beatwire.web.pages.routing import page

router = APIRouter()


@page(router, "/ecosystem/", "ecosystem.html")
def ecosystem(request: Request) -> Any:
    """Who made the downloads of the trending Hugging Face models, week by week."""
    return ecosystem_context(request.app.state.store)


def _chart(series: ShareSeries) -> Response:
    lines = tuple((name, tuple(values)) for name, values in series.lines)
    return _svg(charts.share_chart(tuple(series.periods), lines))


@router.get(_asset("/ecosystem/countries.svg"))
def ecosystem_countries(request: Request) -> Response:
    """The weekly shares of trending-model downloads of the leading makers' countries."""
    return _chart(ecosystem_context(request.app.state.store).countries)


@router.get(_asset("/ecosystem/makers.svg"))
def ecosystem_makers(request: Request) -> Response:
    """The weekly shares of trending-model downloads of the leading makers."""
    return _chart(ecosystem_context(request.app.state.store).makers)
