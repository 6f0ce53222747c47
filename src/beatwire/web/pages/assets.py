"""What pages link to besides pages and feeds: chart images and a story as plain text."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from beatwire.store.beats import beat_series as daily_series
from beatwire.store.narratives import narrative_series
from beatwire.store.sql import fill_days
from beatwire.web import charts
from beatwire.web.context.beats import beat_context, beat_series, find_beat
from beatwire.web.context.common import site_clock
from beatwire.web.context.home import SPARK_DAYS
from beatwire.web.context.story import story_context
from beatwire.web.feeds import story_text
from beatwire.web.links import site_base
from beatwire.web.pages.routing import memo

router = APIRouter()
# An <img> never runs script; the chart's own <style> needs inline styles and nothing else.
CHART_CSP = "default-src 'none'; style-src 'unsafe-inline'"
ASSET_PATHS: list[str] = []  # path templates of every asset, for the static export


def _svg(body: bytes) -> Response:
    return Response(
        body, media_type="image/svg+xml", headers={"Content-Security-Policy": CHART_CSP}
    )


def _asset(path: str) -> str:
    ASSET_PATHS.append(path)
    return path


@router.get(_asset("/beats/{slug}/spark.svg"))
def beat_spark(request: Request, slug: str) -> Response:
    """A beat's daily records over two weeks, as a small line."""
    find_beat(slug)
    with request.app.state.store.read() as conn:
        now = site_clock(conn).now
        start = (now - timedelta(days=SPARK_DAYS - 1)).replace(hour=0, minute=0, second=0)
        series = daily_series(conn, slug, start, now + timedelta(microseconds=1))
    values = tuple(float(n) for _, (n, _m) in fill_days(series, start, now, (0, None)))
    return _svg(charts.sparkline(values))


@router.get(_asset("/beats/{slug}/volume.svg"))
def beat_volume(request: Request, slug: str) -> Response:
    """A beat's records per day and platform over 30 days, with its signals marked."""
    find_beat(slug)
    with request.app.state.store.read() as conn:
        series = beat_series(conn, slug, site_clock(conn))
    volume = tuple((name, tuple(float(v) for v in values)) for name, values in series.volume)
    return _svg(charts.volume_chart(tuple(series.days), volume, tuple(series.signal_days)))


@router.get(_asset("/beats/{slug}/sentiment.svg"))
def beat_sentiment(request: Request, slug: str) -> Response:
    """A beat's mean sentiment per day and platform over 30 days."""
    find_beat(slug)
    with request.app.state.store.read() as conn:
        series = beat_series(conn, slug, site_clock(conn))
    lines = tuple((name, tuple(values)) for name, values in series.sentiment)
    return _svg(charts.sentiment_chart(tuple(series.days), lines))


@router.get(_asset("/beats/{slug}/entities.svg"))
def beat_entities(request: Request, slug: str) -> Response:
    """The entities a beat's records named most over 30 days."""
    context = beat_context(request.app.state.store, slug)
    items = tuple((str(e["name"]), int(e["mentions"])) for e in context.entities)
    return _svg(charts.bar_chart(items, "records"))


@router.get(_asset("/stories/{slug}/volume.svg"))
def story_volume(request: Request, slug: str) -> Response:
    """The daily records of a story's beat over the two weeks to the story."""
    context = memo(request, story_context, slug)
    values = tuple(float(n) for n in (context.strip.spark if context.strip else []))
    return _svg(charts.sparkline(values))


@router.get(_asset("/stories/{slug}/timeline.svg"))
def story_timeline(request: Request, slug: str) -> Response:
    """Records and attention a day on a story's beat around its event, the event marked."""
    timeline = memo(request, story_context, slug).timeline
    if timeline is None:
        return _svg(charts.sparkline(()))
    return _svg(
        charts.event_chart(
            tuple(timeline.days),
            tuple(timeline.records),
            tuple(timeline.attention),
            timeline.event_day or "",
        )
    )


@router.get(_asset("/narratives/{narrative_id}/timeline.svg"))
def narrative_timeline(request: Request, narrative_id: str) -> Response:
    """A narrative's records per day."""
    with request.app.state.store.read() as conn:
        series = sorted(narrative_series(conn, narrative_id).items())
    return _svg(charts.bar_chart(tuple((day[5:], n) for day, n in series[-21:]), "records"))


@router.get(_asset("/stories/{slug}/index.txt"), response_class=PlainTextResponse)
def story_plain(request: Request, slug: str) -> PlainTextResponse:
    """A story as plain text."""
    context = memo(request, story_context, slug)
    return PlainTextResponse(story_text(context, site_base(request)))
