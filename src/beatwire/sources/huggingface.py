"""Hugging Face: model listings (trending, most downloaded) as snapshots, and daily papers.

A model record's engagement is its counts at the time of the snapshot
(`collected_at`); `snapshot_deltas` turns two snapshots into "rising" models.
Cursor: the UTC date (YYYY-MM-DD) of the last complete snapshot; a snapshot is
read whole, listings first, then the daily papers, so nothing resumes mid-way.
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
from beatwire.sources._hf_deltas import rising, snapshot_deltas
from beatwire.sources._items import build_all
from beatwire.sources._payload import counts, from_iso, load_json
from beatwire.sources.base import Page
from beatwire.sources.canonical import canonical_url

NAME = "huggingface"
CADENCE = timedelta(days=1)
API = "https://huggingface.co/api"
SORTS = ("trendingScore", "downloads")
EXPAND = (
    "author",
    "createdAt",
    "downloads",
    "downloadsAllTime",
    "lastModified",
    "library_name",
    "likes",
    "pipeline_tag",
    "tags",
    "trendingScore",
)

SNAPSHOT_KINDS = ("model",)  # their counts are kept per snapshot; `enrich` turns them into deltas

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
    """Return model or paper records of a models listing, one model, or the daily papers."""
    document = load_json(NAME, payload)
    if isinstance(document, dict):
        if "error" in document:
            raise ParseError(NAME, f"Hub error: {document['error']}")
        if "id" not in document and "modelId" not in document:
            raise ParseError(NAME, "a JSON object that is not a model")
        document = [document]
    if not isinstance(document, list):
        raise ParseError(NAME, f"a JSON {type(document).__name__}, not a list of models or papers")
    return build_all(
        NAME,
        document,
        lambda item: _item(item, collected_at),
        key=lambda item: item.get("id") or item["paper"]["id"],
    )


def enrich(records: list[Record], previous: Mapping[str, Snapshot]) -> list[Record]:
    """Return `records` and a `model_delta` record per model with an earlier snapshot."""
    deltas = snapshot_deltas(_before(records, previous), records)
    return [*records, *(delta_record(delta) for delta in deltas)]


def _before(records: list[Record], previous: Mapping[str, Snapshot]) -> list[Record]:
    """Return the models of `records` as they were at their previous snapshot."""
    return [
        dataclasses.replace(
            record, engagement=dict(previous[record.native_id].engagement),
            collected_at=previous[record.native_id].at,
        )
        for record in records
        if record.kind == "model" and record.native_id in previous
    ]  # fmt: skip


def delta_record(model: Record) -> Record:
    """Return the record of one model's download delta, one per model and snapshot day."""
    day = model.collected_at.date().isoformat()
    gained, per_day = model.extra["downloads_delta"], model.extra["downloads_per_day"]
    return dataclasses.replace(
        model,
        native_id=f"{model.native_id}@{day}",
        kind="model_delta",
        text=f"{model.text}: {gained:+,} downloads since the last snapshot, {per_day:+,.0f} a day",
        published_at=model.collected_at,
        # Not the model's own page identity: a delta must not merge with the model record.
        canonical_url=None,
        engagement=counts(
            downloads_delta=gained,
            downloads_per_day=round(per_day),
            likes_delta=model.extra["likes_delta"],
        ),
        extra={**model.extra, "model_id": model.native_id},
        raw=None,
    )


def enabled(settings: Any) -> str | None:
    """Return None: the Hub's public listings need no token."""
    return None


async def fetch(
    client: Any, cursor: str | None, settings: Settings, *, sleep: http.Sleep = asyncio.sleep
) -> AsyncIterator[Page]:
    """Yield one page per configured listing, then the daily papers; the last moves the cursor."""
    options = settings.sources.options.get(NAME, {})
    limit = int(options.get("limit", 100))
    sorts = list(options.get("sorts", SORTS))
    requests: list[tuple[str, dict[str, Any]]] = [
        (f"{API}/models", {"sort": sort, "direction": -1, "limit": limit, "expand[]": list(EXPAND)})
        for sort in sorts
    ]
    if options.get("daily_papers", True):
        requests.append((f"{API}/daily_papers", {"limit": limit}))
    snapshot_day = now_utc().date().isoformat()
    for index, (url, params) in enumerate(requests):
        response = await http.get(client, NAME, url, params=params, settings=settings, sleep=sleep)
        last = index == len(requests) - 1
        yield Page(payload=response.content, cursor=snapshot_day if last else cursor, url=url)


def _item(item: Any, collected_at: datetime) -> Record:
    if not isinstance(item, dict):
        raise TypeError(f"item is a {type(item).__name__}")
    if isinstance(item.get("paper"), dict):
        return _paper(item, collected_at)
    return _model(item, collected_at)


def _model(item: dict[str, Any], collected_at: datetime) -> Record:
    model_id = item.get("id") or item["modelId"]
    if not isinstance(model_id, str) or not model_id:
        raise ValueError("model without an id")
    pipeline, library = item.get("pipeline_tag"), item.get("library_name")
    url = f"https://huggingface.co/{model_id}"
    engagement = counts(
        downloads=item.get("downloads"),
        downloads_all_time=item.get("downloadsAllTime"),
        likes=item.get("likes"),
    )
    return Record(
        provider=NAME,
        native_id=model_id,
        kind="model",
        title=model_id,
        # The Hub lists no description: the text says what the model is, for analysis to read.
        text=" ".join(part for part in (model_id, pipeline, library) if isinstance(part, str)),
        published_at=from_iso(item.get("createdAt"))
        or from_iso(item.get("lastModified"))
        or collected_at,
        collected_at=collected_at,
        url=url,
        canonical_url=canonical_url(url),
        author=item.get("author") or (model_id.split("/")[0] if "/" in model_id else None),
        engagement=engagement,
        extra=_model_extra(item, collected_at),
        raw=item,
    )


def _model_extra(item: dict[str, Any], collected_at: datetime) -> dict[str, Any]:
    extra: dict[str, Any] = {
        "pipeline_tag": item.get("pipeline_tag"),
        "library": item.get("library_name"),
        "tags": [tag for tag in item.get("tags") or [] if isinstance(tag, str)],
        "trending_score": item.get("trendingScore"),
        "last_modified": item.get("lastModified"),
        "gated": item.get("gated"),
        "snapshot_at": collected_at.isoformat(),
    }
    return {key: value for key, value in extra.items() if value is not None}


def _paper(item: dict[str, Any], collected_at: datetime) -> Record:
    paper = item["paper"]
    paper_id = paper["id"]
    if not isinstance(paper_id, str) or not paper_id:
        raise ValueError("paper without an id")
    authors = [a["name"] for a in paper.get("authors") or [] if isinstance(a.get("name"), str)]
    published = from_iso(paper.get("publishedAt")) or from_iso(item.get("publishedAt"))
    if published is None:
        raise ValueError(f"paper {paper_id} has no date")
    return Record(
        provider=NAME,
        native_id=paper_id,
        kind="paper",
        title=paper.get("title") or item.get("title"),
        text=paper.get("summary") or item.get("summary") or "",
        published_at=published,
        collected_at=collected_at,
        url=f"https://huggingface.co/papers/{paper_id}",
        # The arXiv abstract page: the same paper from the arXiv source meets this one.
        canonical_url=canonical_url(f"https://arxiv.org/abs/{paper_id}"),
        author=authors[0] if authors else None,
        author_name=authors[0] if authors else None,
        engagement=counts(
            upvotes=paper.get("upvotes"),
            comments=item.get("numComments"),
            github_stars=paper.get("githubStars"),
        ),
        extra=_paper_extra(item, paper, authors),
        raw=item,
    )


def _paper_extra(item: dict[str, Any], paper: dict[str, Any], authors: list[str]) -> dict[str, Any]:
    submitter = item.get("submittedBy") or {}
    extra: dict[str, Any] = {
        "authors": authors,
        "submitted_by": submitter.get("name"),
        "submitted_on_daily_at": item.get("publishedAt"),
        "keywords": paper.get("ai_keywords"),
        "github_repo": paper.get("githubRepo"),
        "project_page": paper.get("projectPage"),
    }
    return {key: value for key, value in extra.items() if value is not None}
