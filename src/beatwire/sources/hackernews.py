"""Hacker News: Algolia `search_by_date` polled in time slices, Firebase as fallback.

Cursor: the `created_at_i` (epoch seconds) up to which every matching item has
been fetched. Pages come oldest slice first; within a slice, one page per
query; only the last page of a slice carries the slice's end as the new cursor.
`parse` reads Algolia search and items responses and Firebase item JSON. The API
documents `text` and `title` as HTML: text goes through the HTML reader, titles
(which HN writes with the odd `&lt;`, mostly as typed) have their entities
decoded once, so a title about "<output>" keeps its angle brackets.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx2

from beatwire.config import Settings
from beatwire.errors import FetchError, ParseError
from beatwire.model import Record, now_utc
from beatwire.sources import http
from beatwire.sources._html import html_to_text, unescape_once
from beatwire.sources.base import Page
from beatwire.sources.canonical import canonical_url
from beatwire.sources.payload import counts, from_epoch, from_iso, load_json, log, skipped

NAME = "hackernews"
CADENCE = timedelta(hours=1)
SNAPSHOT_KINDS = ("story",)  # points and comments per fetch: a story's history of attention

ALGOLIA = "https://hn.algolia.com/api/v1/search_by_date"
FIREBASE = "https://hacker-news.firebaseio.com/v0"
ITEM_URL = "https://news.ycombinator.com/item?id={}"
HITS_CAP = 1000  # Algolia returns at most this many hits for one query, whatever the paging
_KINDS = {"story": "story", "job": "story", "poll": "story", "comment": "comment"}
_KINDS["pollopt"] = "comment"
_NOT_RAW = ("children", "_highlightResult")  # children are records of their own


def enabled(settings: Settings) -> str | None:
    """Return None: the public APIs need no credentials."""
    return None


# --- parsing -----------------------------------------------------------------


def parse(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the records of an Algolia search/items response or Firebase item JSON."""
    data = load_json(NAME, payload)
    return [
        record
        for raw, parent, thread in _items(data)
        if (record := _record(raw, parent, thread, collected_at)) is not None
    ]


def _items(data: Any) -> Iterator[tuple[dict[str, Any], str | None, str | None]]:
    """Yield (item, parent id, thread id) for every item a payload holds."""
    if isinstance(data, dict) and "hits" in data:
        if not isinstance(data["hits"], list):
            raise ParseError(NAME, "'hits' is not a list")
        yield from ((hit, None, None) for hit in data["hits"])
    elif isinstance(data, dict) and "children" in data and "created_at" in data:
        yield from _tree(data, None, None)
    elif isinstance(data, dict) and "type" in data and "id" in data:
        yield data, None, None
    elif isinstance(data, list) and all(isinstance(item, dict) for item in data):
        yield from ((item, None, None) for item in data)
    elif not _is_itemless(data):
        raise ParseError(NAME, "not a Hacker News Algolia or Firebase response")


def _is_itemless(data: Any) -> bool:
    """Return True for valid Firebase answers that hold no items (maxitem, updates, user, ids)."""
    if isinstance(data, int) and not isinstance(data, bool):
        return True
    if isinstance(data, list):
        return all(isinstance(value, int) for value in data)
    return isinstance(data, dict) and ({"items", "profiles"} <= data.keys() or "karma" in data)


def _tree(
    node: dict[str, Any], parent: str | None, thread: str | None
) -> Iterator[tuple[dict[str, Any], str | None, str | None]]:
    """Yield an Algolia items tree node and its descendants with their thread links."""
    own = str(node.get("id"))
    root = thread or own
    yield node, parent, root
    children = node.get("children") or []
    if not isinstance(children, list):
        skipped(NAME, own, "'children' is not a list")
        return
    for child in children:
        if isinstance(child, dict):
            yield from _tree(child, own, root)


def _record(
    raw: dict[str, Any], parent: str | None, thread: str | None, collected_at: datetime
) -> Record | None:
    """Return the record of one item in any of the three shapes, or None when unusable."""
    if not isinstance(raw, dict):
        skipped(NAME, None, f"item is a {type(raw).__name__}, not an object")
        return None
    native_id = raw.get("objectID", raw.get("id"))
    if native_id is None:
        skipped(NAME, None, "no id")
        return None
    if raw.get("deleted") or raw.get("dead"):
        return None
    hn_type = _type(raw)
    published = from_epoch(raw.get("created_at_i", raw.get("time"))) or from_iso(
        raw.get("created_at")
    )
    if hn_type not in _KINDS or published is None:
        skipped(NAME, native_id, f"unknown type {hn_type!r} or no time")
        return None
    return _build(raw, str(native_id), hn_type, published, parent, thread, collected_at)


def _build(
    raw: dict[str, Any],
    native_id: str,
    hn_type: str,
    published: datetime,
    parent: str | None,
    thread: str | None,
    collected_at: datetime,
) -> Record:
    """Return the record of one validated item."""
    kind = _KINDS[hn_type]
    title = _title(raw.get("title")) if kind == "story" else None
    body = raw.get("comment_text") or raw.get("story_text") or raw.get("text")
    text = html_to_text(body if isinstance(body, str) else None) or (title or "")
    parent_id = _str_id(raw.get("parent_id", raw.get("parent", raw.get("poll")))) or parent
    thread_id = _str_id(raw.get("story_id")) or thread or (native_id if kind == "story" else None)
    link = raw.get("url") or raw.get("story_url")
    permalink = ITEM_URL.format(native_id)
    kids = raw.get("kids")
    return Record(
        provider=NAME,
        native_id=native_id,
        kind=kind,
        text=text,
        title=title or None,
        url=permalink,
        canonical_url=canonical_url(permalink),
        author=raw.get("author") or raw.get("by"),
        published_at=published,
        collected_at=collected_at,
        engagement=counts(
            score=raw.get("points", raw.get("score")),
            comments=raw.get("num_comments", raw.get("descendants")),
            replies=len(kids) if isinstance(kids, list) else None,
        ),
        parent_id=None if parent_id == native_id else parent_id,
        thread_id=thread_id,
        extra=_extra(raw, hn_type, link),
        raw={key: value for key, value in raw.items() if key not in _NOT_RAW},
    )


def _extra(raw: dict[str, Any], hn_type: str, link: Any) -> dict[str, Any]:
    """Return the HN-specific fields worth keeping: type, linked URL, story title."""
    extra: dict[str, Any] = {"hn_type": hn_type}
    if isinstance(link, str) and link:
        extra["link"] = link
        extra["link_canonical"] = canonical_url(link)
    if raw.get("story_title"):
        extra["story_title"] = _title(raw["story_title"])
    return extra


def _title(value: Any) -> str | None:
    """Return a title with its HTML entities decoded once, or None when there is none."""
    return unescape_once(value) if isinstance(value, str) else None


def _type(raw: dict[str, Any]) -> str | None:
    """Return the HN item type from Firebase `type` or Algolia `_tags`."""
    if isinstance(raw.get("type"), str):
        return str(raw["type"])
    tags = raw.get("_tags")
    if isinstance(tags, list):
        return next((tag for tag in tags if isinstance(tag, str) and tag in _KINDS), None)
    return None


def _str_id(value: Any) -> str | None:
    """Return an item id as a string, or None."""
    return None if value is None or isinstance(value, bool) else str(value)


# --- fetching ----------------------------------------------------------------


async def fetch(
    client: httpx2.AsyncClient,
    cursor: str | None,
    settings: Settings,
    *,
    sleep: http.Sleep = asyncio.sleep,
    now: Callable[[], datetime] = now_utc,
) -> AsyncIterator[Page]:
    """Yield Algolia pages slice by slice from the cursor; fall back to Firebase if it fails."""
    options = settings.sources.options.get(NAME, {})
    end = int(now().timestamp()) - int(options.get("index_lag_s", 60))
    lookback = int(float(options.get("lookback_hours", 24)) * 3600)
    since = int(cursor) if cursor else end - lookback
    step = max(60, int(float(options.get("slice_hours", 1)) * 3600))
    queries = list(options.get("queries", settings.sources.keywords)) or [""]
    try:
        for start in range(since, end, step):
            stop = min(end, start + step)
            async for page in _slice_pages(client, queries, start, stop, settings, sleep):
                yield page
            since = stop
    except FetchError as exc:
        log.warning("hackernews: Algolia failed (%s); falling back to Firebase", exc.one_line())
        async for page in _firebase_pages(client, since, queries, settings, sleep):
            yield page


async def _slice_pages(
    client: httpx2.AsyncClient,
    queries: list[str],
    start: int,
    stop: int,
    settings: Settings,
    sleep: http.Sleep,
) -> AsyncIterator[Page]:
    """Yield every query's pages for (start, stop]; the last one carries `stop` as cursor."""
    held: Page | None = None
    for query in queries:
        async for page in _query_pages(client, query, start, stop, settings, sleep):
            if held is not None:
                yield held
            held = Page(page.payload, str(start), page.url)
    if held is not None:
        yield Page(held.payload, str(stop), held.url)


async def _query_pages(
    client: httpx2.AsyncClient,
    query: str,
    start: int,
    stop: int,
    settings: Settings,
    sleep: http.Sleep,
) -> AsyncIterator[Page]:
    """Yield one page per sub-slice of (start, stop], halving slices that exceed the hit cap."""
    params = {
        "query": query,
        "tags": settings.sources.options.get(NAME, {}).get("tags", "(story,comment)"),
        "numericFilters": f"created_at_i>{start},created_at_i<={stop}",
        "hitsPerPage": HITS_CAP,
    }
    response = await http.get(client, NAME, ALGOLIA, params=params, settings=settings, sleep=sleep)
    data = load_json(NAME, response.content)
    total = data.get("nbHits", 0) if isinstance(data, dict) else 0
    if isinstance(total, int) and total > HITS_CAP and stop - start > 1:
        middle = (start + stop) // 2
        async for page in _query_pages(client, query, start, middle, settings, sleep):
            yield page
        async for page in _query_pages(client, query, middle, stop, settings, sleep):
            yield page
        return
    yield Page(response.content, str(stop), str(response.url))


async def _firebase_pages(
    client: httpx2.AsyncClient,
    since: int,
    queries: list[str],
    settings: Settings,
    sleep: http.Sleep,
) -> AsyncIterator[Page]:
    """Yield new stories from Firebase newer than `since` that match a query, one item a page."""
    limit = int(settings.sources.options.get(NAME, {}).get("firebase_limit", 200))
    url = f"{FIREBASE}/newstories.json"
    listing = await http.get(client, NAME, url, settings=settings, sleep=sleep)
    ids = load_json(NAME, listing.content)
    if not isinstance(ids, list):
        raise ParseError(NAME, "newstories.json is not a list of ids")
    pattern = _keyword_pattern(queries)
    newest = since
    held: Page | None = None
    for item_id in ids[:limit]:
        url = f"{FIREBASE}/item/{item_id}.json"
        response = await http.get(client, NAME, url, settings=settings, sleep=sleep)
        item = load_json(NAME, response.content)
        stamp = item.get("time") if isinstance(item, dict) else None
        if not isinstance(stamp, int) or stamp <= since or not _matches(item, pattern):
            continue
        newest = max(newest, stamp)
        if held is not None:
            yield held
        held = Page(response.content, str(since), url)
    if held is not None:
        yield Page(held.payload, str(newest), held.url)


def _keyword_pattern(queries: list[str]) -> re.Pattern[str] | None:
    """Return a case-insensitive whole-word pattern matching any query, or None for all."""
    words = [re.escape(query) for query in queries if query]
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE) if words else None


def _matches(item: dict[str, Any], pattern: re.Pattern[str] | None) -> bool:
    """Return True when a Firebase item's title or text mentions a query."""
    if pattern is None:
        return True
    return bool(pattern.search(f"{item.get('title', '')} {item.get('text', '')}"))
