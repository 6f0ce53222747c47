"""/v1/beats: every beat with its counts, and one beat's daily series. Needs `stories`."""

from __future__ import annotations

import logging
from datetime import timedelta

from fastapi import APIRouter, Request, Response

from beatwire.errors import NotFound
from beatwire.store.beats import beat_counts, beat_series
from beatwire.store.entities import top_entities
from beatwire.store.sql import fill_days
from beatwire.taxonomy import Beat, load_taxonomy
from beatwire.web.api.caching import json_read
from beatwire.web.api.deps import ApiStateDep, scoped
from beatwire.web.api.models import BeatList, BeatPublic, BeatSummary, DaySentiment, EntityMention
from beatwire.web.api.params import Days, Ident

router = APIRouter(tags=["beats"], dependencies=[scoped("stories")])
log = logging.getLogger(__name__)


def _taxonomy() -> dict[str, Beat]:
    try:
        return {beat.slug: beat for beat in load_taxonomy()}
    except FileNotFoundError:
        # The taxonomy file ships with the package; without it the beats in the data still show.
        log.warning("the beat taxonomy (data/beats.toml) is missing")
        return {}


def _summary(slug: str, beats: dict[str, Beat], counts: dict[str, int]) -> BeatSummary:
    beat = beats.get(slug)
    return BeatSummary(
        slug=slug,
        name=beat.name if beat else slug,
        description=beat.description if beat else "",
        records=counts.get("records", 0),
        records_24h=counts.get("recent", 0),
        stories=counts.get("stories", 0),
    )


@router.get("/beats", response_model=BeatList)
def beats_list(request: Request, api: ApiStateDep) -> Response:
    """Every beat: records (all and in the last 24 h) and public stories."""
    beats = _taxonomy()
    with api.store.read() as conn:
        counts = beat_counts(conn, api.now() - timedelta(hours=24))
    slugs = list(beats) + sorted(set(counts) - set(beats))
    body = BeatList(data=[_summary(slug, beats, counts.get(slug, {})) for slug in slugs])
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)


@router.get("/beats/{slug}", response_model=BeatPublic)
def beats_one(request: Request, api: ApiStateDep, slug: Ident, days: Days = 30) -> Response:
    """One beat: its counts, records and mean sentiment by day, and its most named entities."""
    beats = _taxonomy()
    now = api.now()
    start = (now - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    with api.store.read() as conn:
        counts = beat_counts(conn, now - timedelta(hours=24)).get(slug)
        if counts is None and slug not in beats:
            raise NotFound(f"no beat {slug!r}")
        series = beat_series(conn, slug, start, now + timedelta(microseconds=1))
        entities = top_entities(conn, slug, start, 10)
    body = BeatPublic(
        **_summary(slug, beats, counts or {}).model_dump(),
        series=[
            DaySentiment(day=day, records=n, sentiment=mean)
            for day, (n, mean) in fill_days(series, start, now, (0, None))
        ],
        top_entities=[EntityMention(**entity) for entity in entities],
    )
    return json_read(request, body, max_age=api.settings.api.cache_max_age_s)
