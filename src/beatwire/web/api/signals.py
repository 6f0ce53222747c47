"""/v1/signals: what changed, filtered by kind, beat and window. Needs `stories`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from beatwire.store.signals import list_signals
from beatwire.web.api.caching import json_read
from beatwire.web.api.convert import signal_public
from beatwire.web.api.deps import ApiStateDep, scoped
from beatwire.web.api.models import SignalPage
from beatwire.web.api.pagination import decode_cursor, page_of
from beatwire.web.api.params import Cursor, Limit, Since, Until, as_utc, slug_filter

router = APIRouter(tags=["signals"], dependencies=[scoped("stories")])

Window = Annotated[
    str | None,
    Query(
        pattern=r"^[1-9][0-9]{0,3}[hd]$",
        description="Only signals whose window ended in the last N hours or days: 24h, 7d.",
    ),
]


def _window_start(window: str | None, now: datetime) -> datetime | None:
    if window is None:
        return None
    amount, unit = int(window[:-1]), window[-1]
    return now - (timedelta(hours=amount) if unit == "h" else timedelta(days=amount))


@router.get("/signals", response_model=SignalPage)
def signals_list(
    request: Request,
    api: ApiStateDep,
    cursor: Cursor = None,
    limit: Limit = 20,
    kind: Annotated[str | None, slug_filter("Signal kind, e.g. volume_spike.")] = None,
    beat: Annotated[str | None, slug_filter("Beat slug.")] = None,
    window: Window = None,
    since: Since = None,
    until: Until = None,
) -> Response:
    """Signals, newest window first."""
    after = decode_cursor(cursor, "signals", (datetime, str))
    starts = [t for t in (_window_start(window, api.now()), as_utc(since, "from")) if t]
    with api.store.read() as conn:
        rows = list_signals(
            conn,
            kind=kind,
            beat=beat,
            since=max(starts) if starts else None,
            until=as_utc(until, "to"),
            after=after,
            limit=limit + 1,
        )
    page, next_cursor = page_of("signals", rows, limit, lambda r: (r["window_end"], r["id"]))
    body = SignalPage(data=[signal_public(row) for row in page], next_cursor=next_cursor)
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)
