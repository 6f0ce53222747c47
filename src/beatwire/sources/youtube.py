"""YouTube: channel RSS for discovery (no key); statistics and comments via the Data API v3.

Options (`sources.options.youtube`): channels (channel ids), search_queries,
comment_videos (how many of the most viewed new videos get their comments),
daily_quota (units, default 10,000). The key (`sources.secrets.youtube_api_key`)
is sent in a header, never in a URL. Cursor: a JSON object with the quota day
(Pacific date) and the units spent that day, so the budget holds across runs;
feeds are read whole each run (they list the 15 newest videos).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

from beatwire.config import Settings
from beatwire.errors import FetchError, ParseError
from beatwire.model import Record, now_utc
from beatwire.sources import http
from beatwire.sources._youtube_parse import parse_payload
from beatwire.sources._youtube_quota import QuotaBudget
from beatwire.sources.base import Page

logger = logging.getLogger(__name__)

NAME = "youtube"
CADENCE = timedelta(hours=4)
FEED_URL = "https://www.youtube.com/feeds/videos.xml"
API = "https://www.googleapis.com/youtube/v3"
KEY_SECRET = "youtube_api_key"


def parse(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the videos or comments of a channel feed or a Data API v3 response."""
    return parse_payload(payload, collected_at=collected_at)


def enabled(settings: Settings) -> str | None:
    """Return None when there is something to read, else the one line saying what to set."""
    options = settings.sources.options.get(NAME, {})
    if options.get("channels") or (options.get("search_queries") and _key(settings)):
        return None
    return "youtube: disabled, no channels (set sources.options.youtube.channels to channel ids)"


async def fetch(
    client: Any, cursor: str | None, settings: Settings, *, sleep: http.Sleep = asyncio.sleep
) -> AsyncIterator[Page]:
    """Yield channel feeds, then (with a key, within the quota) search, statistics, comments."""
    options = settings.sources.options.get(NAME, {})
    budget = QuotaBudget.from_cursor(
        cursor, daily=int(options.get("daily_quota", 10_000)), now=now_utc()
    )
    found: list[str] = []
    for channel in options.get("channels", []):
        url = f"{FEED_URL}?channel_id={channel}"
        response = await http.get(client, NAME, url, settings=settings, sleep=sleep)
        found += _video_ids(response.content)
        yield Page(payload=response.content, cursor=budget.cursor(), url=url)
    key = _key(settings)
    if key is None:
        return
    api = _Api(client, settings, budget, key, sleep)
    try:
        async for page in _api_pages(api, options, found):
            yield page
    except _QuotaSpent:
        logger.warning("youtube: daily quota of %d units spent", budget.daily)


async def _api_pages(api: _Api, options: dict[str, Any], found: list[str]) -> AsyncIterator[Page]:
    for query in options.get("search_queries", []):
        page = await api.call("search.list", "search", _search_params(query))
        found += _video_ids(page.payload)
        yield page
    stats: list[Page] = []
    ids = list(dict.fromkeys(found))
    for start in range(0, len(ids), 50):
        params = {"part": "snippet,statistics", "id": ",".join(ids[start : start + 50])}
        page = await api.call("videos.list", "videos", params)
        stats.append(page)
        yield page
    for video_id in _most_viewed(stats, int(options.get("comment_videos", 10))):
        comments = await api.comments(video_id)
        if comments is not None:
            yield comments


class _QuotaSpent(Exception):
    """The next call would go over the daily budget."""


class _Api:
    """Data API calls that book their quota first and stop when the budget is spent."""

    def __init__(
        self, client: Any, settings: Settings, budget: QuotaBudget, key: str, sleep: http.Sleep
    ) -> None:
        self.client, self.settings, self.budget, self.sleep = client, settings, budget, sleep
        self.headers = {"X-Goog-Api-Key": key}

    async def call(self, method: str, path: str, params: dict[str, Any]) -> Page:
        """Return the page of one call; raise _QuotaSpent when the budget cannot pay for it."""
        if not self.budget.spend(method):
            raise _QuotaSpent(method)
        url = f"{API}/{path}"
        response = await http.get(
            self.client,
            NAME,
            url,
            params=params,
            headers=self.headers,
            settings=self.settings,
            sleep=self.sleep,
        )
        return Page(payload=response.content, cursor=self.budget.cursor(), url=url)

    async def comments(self, video_id: str) -> Page | None:
        """Return the most relevant comment threads of a video; None when they are off."""
        params = {
            "part": "snippet,replies",
            "videoId": video_id,
            "maxResults": 100,
            "order": "relevance",
            "textFormat": "plainText",
        }
        try:
            return await self.call("commentThreads.list", "commentThreads", params)
        except FetchError as exc:
            if exc.status != 403:
                raise
            # Comments turned off on one video must not stop the others.
            logger.info("youtube: no comments for %s (%s)", video_id, exc.reason)
            return None


def _search_params(query: str) -> dict[str, Any]:
    return {"part": "snippet", "q": query, "type": "video", "order": "date", "maxResults": 50}


def _key(settings: Settings) -> str | None:
    secret = settings.sources.secrets.get(KEY_SECRET)
    return secret.get_secret_value() if secret is not None else None


def _video_ids(payload: bytes) -> list[str]:
    try:
        records = parse_payload(payload, collected_at=now_utc())
    except ParseError:
        return []  # the ingest stage reports this payload when it parses it
    return [r.native_id for r in records if r.kind == "video"]


def _most_viewed(pages: list[Page], count: int) -> list[str]:
    videos: list[Record] = []
    for page in pages:
        try:
            videos += parse_payload(page.payload, collected_at=now_utc())
        except ParseError:
            continue  # reported by the ingest stage
    videos.sort(key=lambda r: r.engagement.get("views", 0), reverse=True)
    return [r.native_id for r in videos if r.engagement.get("comments", 1) > 0][:count]
