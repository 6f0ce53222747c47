"""Hugging Face: model and dataset listings as snapshots, and the Daily Papers.

`parse` reads `/api/models` and `/api/datasets` (lists and single items) and
`/api/daily_papers` lists (records in `_hf_items`). A model's or dataset's
engagement is its counts at the fetch (`collected_at`); every fetch is kept as
a snapshot, and `enrich` turns a repo seen on an earlier day into a
`model_delta`/`dataset_delta` record of the downloads gained (the method is in
`_hf_deltas`). A Daily Papers entry is stored as the arXiv paper's own record
with its upvotes, and its upvotes are kept per fetch too.
Cursor: the UTC date (YYYY-MM-DD) of the last complete snapshot; a snapshot is
read whole, model listings, then dataset listings, then the daily papers, so
nothing resumes mid-way.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Mapping
from datetime import datetime, timedelta
from typing import Any

from beatwire.config import Settings
from beatwire.errors import ParseError
from beatwire.model import Record, Snapshot, now_utc
from beatwire.sources import http
from beatwire.sources._hf_deltas import DELTA_KINDS, rising, snapshot_deltas
from beatwire.sources._hf_items import item_key, item_record
from beatwire.sources.base import Page
from beatwire.sources.items import build_all
from beatwire.sources.payload import counts, load_json

NAME = "huggingface"
CADENCE = timedelta(days=1)
API = "https://huggingface.co/api"
SORTS = ("trendingScore", "downloads")
DATASET_SORTS = ("trendingScore",)
_COMMON = ("author", "createdAt", "downloads", "downloadsAllTime", "lastModified", "likes")
EXPAND = (*_COMMON, "library_name", "pipeline_tag", "tags", "trendingScore")
# The dataset-only fields tell a saved dataset listing from a model listing (`_hf_items`).
DATASET_EXPAND = (*_COMMON, "citation", "description", "paperswithcode_id", "tags", "trendingScore")

# Their counts are kept per fetch; `enrich` turns those of models and datasets into deltas.
SNAPSHOT_KINDS = ("model", "dataset", "paper")

__all__ = [
    "CADENCE",
    "NAME",
    "SNAPSHOT_KINDS",
    "enabled",
    "enrich",
    "fetch",
    "parse",
    "rising",
    "snapshot_deltas",
]


def parse(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the models, datasets or papers of a listing, a single item, or the daily papers."""
    document = load_json(NAME, payload)
    if isinstance(document, dict):
        if "error" in document:
            raise ParseError(NAME, f"Hub error: {document['error']}")
        if "id" not in document and "modelId" not in document:
            raise ParseError(NAME, "a JSON object that is not a model or a dataset")
        document = [document]
    if not isinstance(document, list):
        raise ParseError(
            NAME, f"a JSON {type(document).__name__}, not a list of models, datasets or papers"
        )
    return build_all(NAME, document, lambda item: item_record(item, collected_at), key=item_key)


def enrich(records: list[Record], previous: Mapping[str, Snapshot]) -> list[Record]:
    """Return `records` and a delta record per model or dataset with an earlier snapshot."""
    deltas = snapshot_deltas(_before(records, previous), records)
    return [*records, *(delta_record(delta) for delta in deltas)]


def _before(records: list[Record], previous: Mapping[str, Snapshot]) -> list[Record]:
    """Return the models and datasets of `records` as they were at their previous snapshot."""
    return [
        dataclasses.replace(
            record, engagement=dict(previous[record.native_id].engagement),
            collected_at=previous[record.native_id].at,
        )
        for record in records
        if record.kind in DELTA_KINDS and record.native_id in previous
    ]  # fmt: skip


def delta_record(repo: Record) -> Record:
    """Return the record of one repo's download delta, one per repo and snapshot day."""
    day = repo.collected_at.date().isoformat()
    gained, per_day = repo.extra["downloads_delta"], repo.extra["downloads_per_day"]
    return dataclasses.replace(
        repo,
        native_id=f"{repo.native_id}@{day}",
        kind=f"{repo.kind}_delta",
        text=f"{repo.title}: {gained:+,} downloads since the last snapshot, {per_day:+,.0f} a day",
        published_at=repo.collected_at,
        # Not the repo's own page identity: a delta must not merge with the repo's record.
        canonical_url=None,
        engagement=counts(
            downloads_delta=gained,
            downloads_per_day=round(per_day),
            likes_delta=repo.extra["likes_delta"],
        ),
        extra={**repo.extra, f"{repo.kind}_id": repo.native_id},
        raw=None,
    )


def enabled(settings: Any) -> str | None:
    """Return None: the Hub's public listings need no token."""
    return None


def _requests(settings: Settings) -> list[tuple[str, dict[str, Any]]]:
    """Return (url, params) of every listing of one snapshot, in fetching order."""
    options = settings.sources.options.get(NAME, {})
    limit = int(options.get("limit", 100))

    def listing(kind: str, sort: str, expand: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
        params = {"sort": sort, "direction": -1, "limit": limit, "expand[]": list(expand)}
        return f"{API}/{kind}", params

    requests = [listing("models", sort, EXPAND) for sort in options.get("sorts", SORTS)]
    requests += [
        listing("datasets", sort, DATASET_EXPAND)
        for sort in options.get("dataset_sorts", DATASET_SORTS)
    ]
    if options.get("daily_papers", True):
        requests.append((f"{API}/daily_papers", {"limit": limit}))
    return requests


async def fetch(
    client: Any, cursor: str | None, settings: Settings, *, sleep: http.Sleep = asyncio.sleep
) -> AsyncIterator[Page]:
    """Yield one page per listing (models, datasets, daily papers); the last moves the cursor."""
    requests = _requests(settings)
    snapshot_day = now_utc().date().isoformat()
    for index, (url, params) in enumerate(requests):
        response = await http.get(client, NAME, url, params=params, settings=settings, sleep=sleep)
        last = index == len(requests) - 1
        yield Page(payload=response.content, cursor=snapshot_day if last else cursor, url=url)
