"""News: configured RSS/Atom/JSON feeds and Google News RSS searches, with conditional GET.

Cursor: JSON `{feed URL: {"etag": ..., "last_modified": ...}}` — the validators
of the last copy of each feed that was stored. Pages come one per feed, in the
configured order (publisher feeds, then Google News queries); a feed that
answers 304 yields no page and keeps its validators. Articles are identified
by their canonical URL, so a publisher's copy and Google News's collapse.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx2

from beatwire.config import Settings
from beatwire.errors import FetchError, ParseError
from beatwire.model import Record
from beatwire.sources import _feeds, http
from beatwire.sources._atom import read_feed
from beatwire.sources._html import html_to_text
from beatwire.sources.base import Page
from beatwire.sources.canonical import canonical_url
from beatwire.sources.payload import from_iso, load_json, log, skipped

NAME = "news"
CADENCE = timedelta(hours=4)

GOOGLE_NEWS = "https://news.google.com/rss/search"
DEFAULT_FEEDS = (
    "https://techcrunch.com/category/artificial-intelligence/feed/",
    "https://www.theverge.com/rss/ai-artificial-intelligence/index.xml",
    "https://www.technologyreview.com/topic/artificial-intelligence/feed",
    "https://feeds.arstechnica.com/arstechnica/technology-lab",
)


def enabled(settings: Settings) -> str | None:
    """Return None: feeds need no credentials."""
    return None


# --- parsing -----------------------------------------------------------------


def parse(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the articles of an RSS 0.9x/1.0/2.0, Atom or JSON Feed document."""
    if not payload.strip():
        raise ParseError(NAME, "empty body")
    if payload.lstrip()[:1] in (b"{", b"["):
        return _parse_json_feed(payload, collected_at)
    feed = read_feed(NAME, payload)
    if not feed.entries and (feed.bozo or not feed.version):
        problem = feed.get("bozo_exception") or "no RSS, Atom or RDF root element"
        raise ParseError(NAME, f"malformed feed: {' '.join(str(problem).split())}")
    channel = _Channel(
        title=html_to_text(feed.feed.get("title")) or None,
        link=feed.feed.get("link"),
        lang=_feeds.language(feed.feed.get("language")),
        date=_feeds.struct_to_datetime(dict.get(feed.feed, "updated_parsed"))
        or _feeds.struct_to_datetime(dict.get(feed.feed, "published_parsed")),
    )
    records = []
    for entry in feed.entries:
        record = _entry_record(entry, channel, collected_at)
        if record is not None:
            records.append(record)
    return records


class _Channel:
    """What a feed says about itself that its entries inherit."""

    def __init__(
        self, title: str | None, link: Any, lang: str | None, date: datetime | None
    ) -> None:
        self.title, self.lang, self.date = title, lang, date
        self.link = link if isinstance(link, str) and link else None


def _entry_record(entry: Any, channel: _Channel, collected_at: datetime) -> Record | None:
    """Return the record of one feed entry, or None when it has neither link nor id nor text."""
    found = entry.get("link") or _first_href(entry)
    link = found if isinstance(found, str) and found else None
    source = entry.get("source") if isinstance(entry.get("source"), dict) else {}
    publisher = html_to_text(source.get("title")) or channel.title
    target = _feeds.google_news_target(link) if link else None
    title = _feeds.strip_publisher(html_to_text(entry.get("title")), source.get("title"))
    body = _body(entry)
    address = target or link
    native_id = _native_id(address, entry.get("id"), title, body)
    if native_id is None:
        skipped(NAME, None, "entry has no link, id, title or text")
        return None
    published = _entry_date(entry) or channel.date or collected_at
    extra: dict[str, Any] = {"publisher": publisher, "feed": channel.title}
    extra["feed_link"] = channel.link
    extra["tags"] = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
    if target:
        extra["google_news_link"] = link
    return Record(
        provider=NAME,
        native_id=native_id,
        kind="article",
        text=body or title,
        title=title or None,
        url=address,
        canonical_url=canonical_url(address) if address else None,
        author=html_to_text(entry.get("author")) or None,
        author_name=html_to_text(entry.get("author")) or None,
        lang=_feeds.language(entry.get("language")) or channel.lang,
        published_at=published,
        collected_at=collected_at,
        source=channel.link or channel.title,
        extra={key: value for key, value in extra.items() if value},
        raw=_feeds.json_safe(dict(entry)),
    )


def _body(entry: Any) -> str:
    """Return the entry's fullest text: content, else summary, as plain text."""
    contents = entry.get("content") or []
    for content in contents:
        text = html_to_text(content.get("value"))
        if text:
            return text
    return html_to_text(entry.get("summary"))


def _first_href(entry: Any) -> str | None:
    """Return the first alternate link of an entry without a `link`."""
    for link in entry.get("links", []):
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return str(link["href"])
    return None


def _entry_date(entry: Any) -> datetime | None:
    """Return when the entry was published (or updated), reading non-English dates too."""
    for key in ("published", "updated", "created"):
        # dict.get skips feedparser's deprecated updated->published key aliasing.
        parsed = _feeds.struct_to_datetime(dict.get(entry, f"{key}_parsed"))
        parsed = parsed or from_iso(entry.get(key)) or _feeds.loose_date(entry.get(key))
        if parsed is not None:
            return parsed
    return None


def _native_id(link: str | None, guid: Any, title: str, body: str) -> str | None:
    """Return the canonical URL, else the guid, else a hash of the content."""
    if link:
        return canonical_url(link)
    if isinstance(guid, str) and guid.strip():
        return guid.strip()
    if title or body:
        return "sha256:" + hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:32]
    return None


def _parse_json_feed(payload: bytes, collected_at: datetime) -> list[Record]:
    """Return the articles of a JSON Feed (1.0 or 1.1) document."""
    data = load_json(NAME, payload)
    if not _feeds.is_json_feed(data):
        raise ParseError(NAME, "JSON body is not a JSON Feed (no jsonfeed.org version)")
    items = data.get("items")
    if not isinstance(items, list):
        raise ParseError(NAME, "JSON Feed 'items' is not a list")
    channel = _Channel(data.get("title"), data.get("home_page_url"), None, None)
    channel.lang = _feeds.language(data.get("language"))
    records = []
    for item in items:
        record = _json_item_record(item, channel, collected_at)
        if record is not None:
            records.append(record)
    return records


def _json_item_record(item: Any, channel: _Channel, collected_at: datetime) -> Record | None:
    """Return the record of one JSON Feed item, or None when unusable."""
    if not isinstance(item, dict):
        skipped(NAME, None, "JSON Feed item is not an object")
        return None
    link = item.get("url") or item.get("external_url")
    title = html_to_text(item.get("title"))
    body = html_to_text(item.get("content_html")) or str(item.get("content_text") or "")
    body = body or html_to_text(item.get("summary"))
    native_id = _native_id(link, item.get("id"), title, body)
    if native_id is None:
        skipped(NAME, item.get("id"), "item has no url, id, title or text")
        return None
    authors = item.get("authors") or (
        [item["author"]] if isinstance(item.get("author"), dict) else []
    )
    author = authors[0].get("name") if authors and isinstance(authors[0], dict) else None
    published = from_iso(item.get("date_published")) or from_iso(item.get("date_modified"))
    extra = {"publisher": channel.title, "feed": channel.title, "tags": item.get("tags")}
    return Record(
        provider=NAME,
        native_id=native_id,
        kind="article",
        text=body or title,
        title=title or None,
        url=link,
        canonical_url=canonical_url(link) if link else None,
        author=author,
        author_name=author,
        lang=_feeds.language(item.get("language")) or channel.lang,
        published_at=published or collected_at,
        collected_at=collected_at,
        source=channel.link or channel.title,
        extra={key: value for key, value in extra.items() if value},
        raw=item,
    )


# --- fetching ----------------------------------------------------------------


def feed_urls(settings: Settings) -> list[str]:
    """Return the configured feed URLs followed by the Google News search URLs."""
    options = settings.sources.options.get(NAME, {})
    feeds = list(options.get("feeds", DEFAULT_FEEDS))
    queries = options.get("google_news_queries", settings.sources.keywords)
    locale = options.get("google_news_locale", {"hl": "en-US", "gl": "US", "ceid": "US:en"})
    return feeds + [f"{GOOGLE_NEWS}?{urlencode({'q': q, **locale})}" for q in queries]


async def fetch(
    client: httpx2.AsyncClient,
    cursor: str | None,
    settings: Settings,
    *,
    sleep: http.Sleep = asyncio.sleep,
) -> AsyncIterator[Page]:
    """Yield one page per changed feed; unchanged (304) and failing feeds yield nothing."""
    validators = _load_cursor(cursor)
    for url in feed_urls(settings):
        try:
            response = await http.get(
                client,
                NAME,
                url,
                headers=_conditional(validators.get(url, {})),
                settings=settings,
                sleep=sleep,
            )
        except FetchError as exc:
            # One broken feed must not stop the others; its validators stay as they were.
            log.error("news: %s", exc.one_line())
            continue
        if response.status_code == 304:
            continue
        validators[url] = _validators(response)
        yield Page(response.content, json.dumps(validators, sort_keys=True), url)


def _conditional(saved: dict[str, str]) -> dict[str, str]:
    """Return the If-None-Match / If-Modified-Since headers for saved validators."""
    headers = {}
    if saved.get("etag"):
        headers["If-None-Match"] = saved["etag"]
    if saved.get("last_modified"):
        headers["If-Modified-Since"] = saved["last_modified"]
    return headers


def _validators(response: httpx2.Response) -> dict[str, str]:
    """Return the ETag and Last-Modified a response carries."""
    found = {
        "etag": response.headers.get("etag"),
        "last_modified": response.headers.get("last-modified"),
    }
    return {key: value for key, value in found.items() if value}


def _load_cursor(cursor: str | None) -> dict[str, dict[str, str]]:
    """Return the decoded cursor, or an empty one."""
    if not cursor:
        return {}
    try:
        value = json.loads(cursor)
    except json.JSONDecodeError:
        log.warning("news: unreadable cursor %r, starting afresh", cursor)
        return {}
    return value if isinstance(value, dict) else {}
