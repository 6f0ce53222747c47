"""arXiv: export API Atom queries over configured categories, newest submissions first.

Cursor: JSON `{category: ISO time of the newest submission stored}`. Pages come
category by category, each sorted by submittedDate descending, paged with
`start` until the mark is reached; only a category's last page moves its mark.
Requests are spaced by a polite delay (arXiv asks for 3 s).
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx2

from beatwire.config import Settings
from beatwire.errors import FetchError, ParseError
from beatwire.model import Record, now_utc
from beatwire.sources import _feeds, http
from beatwire.sources._atom import link_href, read_atom
from beatwire.sources.base import Page
from beatwire.sources.canonical import canonical_url
from beatwire.sources.payload import from_iso, log, skipped

NAME = "arxiv"
CADENCE = timedelta(hours=4)

API = "https://export.arxiv.org/api/query"
DEFAULT_CATEGORIES = ("cs.AI", "cs.CL", "cs.LG")
POLITE_DELAY_S = 3.0
_ID = re.compile(r"arxiv\.org/abs/(?P<id>.+?)(?:v(?P<version>\d+))?$")
_SPACE = re.compile(r"\s+")


def enabled(settings: Settings) -> str | None:
    """Return None: the export API needs no credentials."""
    return None


@dataclass(frozen=True, slots=True)
class Paging:
    """The opensearch counters of one response."""

    total: int
    start: int
    per_page: int


# --- parsing -----------------------------------------------------------------


def parse(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the papers of an arXiv API Atom response; an API error entry is a ParseError."""
    records = []
    for entry in _feed(payload).entries:
        record = _record(entry, collected_at)
        if record is not None:
            records.append(record)
    return records


def paging(payload: bytes) -> Paging:
    """Return totalResults, startIndex and itemsPerPage of a response."""
    head = _feed(payload).feed

    def number(name: str) -> int:
        try:
            return int(str(head.get(f"opensearch_{name}", "")).strip())
        except ValueError:
            return 0

    return Paging(number("totalresults"), number("startindex"), number("itemsperpage"))


def _feed(payload: bytes) -> Any:
    """Return the parsed feed, raising ParseError on empty, non-Atom or API-error bodies."""
    feed = read_atom(NAME, payload)
    for entry in feed.entries:
        entry_id = _field(entry, "id")
        if "/api/errors" in entry_id:
            raise ParseError(NAME, f"API error: {_field(entry, 'summary') or entry_id}")
    return feed


def _record(entry: Any, collected_at: datetime) -> Record | None:
    """Return the record of one entry, or None when it lacks an id or a date."""
    entry_id = _field(entry, "id")
    match = _ID.search(entry_id)
    published = from_iso(_field(entry, "published")) or from_iso(_field(entry, "updated"))
    if match is None or published is None:
        skipped(NAME, entry_id, "no arXiv id or no date")
        return None
    paper_id = match.group("id")
    authors = [_clean(a.get("name")) for a in entry.get("authors", []) if a.get("name")]
    abstract_url = f"https://arxiv.org/abs/{paper_id}"
    return Record(
        provider=NAME,
        native_id=paper_id,
        kind="paper",
        text=_clean(_field(entry, "summary")),
        title=_clean(_field(entry, "title")) or None,
        url=link_href(entry, "alternate") or abstract_url,
        canonical_url=canonical_url(abstract_url),
        author=authors[0] if authors else None,
        author_name=authors[0] if authors else None,
        lang="en",
        published_at=published,
        collected_at=collected_at,
        extra=_extra(entry, match, authors),
        raw=_feeds.json_safe(dict(entry)),
    )


def _extra(entry: Any, match: re.Match[str], authors: list[str]) -> dict[str, Any]:
    """Return authors, categories, version, links and journal data of an entry."""
    primary = entry.get("arxiv_primary_category") or {}
    extra: dict[str, Any] = {
        "authors": authors,
        "categories": [tag.get("term") for tag in entry.get("tags", []) if tag.get("term")],
        "primary_category": primary.get("term"),
        "version": int(match.group("version")) if match.group("version") else None,
        "updated": _field(entry, "updated") or None,
        "pdf": link_href(entry, "related", title="pdf"),
    }
    for field in ("comment", "journal_ref", "doi"):
        value = _field(entry, f"arxiv_{field}")
        if value:
            extra[field] = _clean(value)
    return {key: value for key, value in extra.items() if value not in (None, [], "")}


def _field(entry: Any, key: str) -> str:
    """Return an entry's text field, or ''."""
    # dict.get skips feedparser's deprecated aliases (a missing `published` is not `updated`).
    value = dict.get(entry, key)
    return value.strip() if isinstance(value, str) else ""


def _clean(text: str | None) -> str:
    """Return text with the API's hard line wraps joined."""
    return _SPACE.sub(" ", text or "").strip()


# --- fetching ----------------------------------------------------------------


async def fetch(
    client: httpx2.AsyncClient,
    cursor: str | None,
    settings: Settings,
    *,
    sleep: http.Sleep = asyncio.sleep,
) -> AsyncIterator[Page]:
    """Yield each category's newest pages down to its mark, with a polite pause between calls."""
    options = settings.sources.options.get(NAME, {})
    marks: dict[str, str] = dict(_load_cursor(cursor))
    per_page = int(options.get("page_size", 100))
    max_pages = int(options.get("max_pages", 5))
    delay = float(options.get("delay_s", POLITE_DELAY_S))
    first = True
    for category in options.get("categories", DEFAULT_CATEGORIES):
        mark = from_iso(marks.get(category))
        for number in range(max_pages):
            if not first:
                await sleep(delay)
            first = False
            payload, url = await _page(
                client, category, number * per_page, per_page, settings, sleep
            )
            records = parse(payload, collected_at=now_utc())
            fresh = [r for r in records if mark is None or r.published_at > mark]
            newest = max((r.published_at for r in fresh), default=None)
            done = len(fresh) < len(records) or len(records) < per_page or number == max_pages - 1
            if done and newest is not None:
                marks[category] = max(newest, mark or newest).isoformat()
            yield Page(payload, json.dumps(marks, sort_keys=True), url)
            if done:
                break


async def _page(
    client: httpx2.AsyncClient,
    category: str,
    start: int,
    per_page: int,
    settings: Settings,
    sleep: http.Sleep,
) -> tuple[bytes, str]:
    """Return one page of a category's newest submissions; a 400 becomes FetchError."""
    params = {
        "search_query": f"cat:{category}",
        "sortBy": "submittedDate",
        "sortOrder": "descending",
        "start": start,
        "max_results": per_page,
    }
    response = await http.get(
        client, NAME, API, params=params, settings=settings, sleep=sleep, accept=(400,)
    )
    if response.status_code == 400:
        raise FetchError(NAME, str(response.url), _error_message(response.content), status=400)
    return response.content, str(response.url)


def _error_message(payload: bytes) -> str:
    """Return the message of an API error body."""
    try:
        parse(payload, collected_at=now_utc())
    except ParseError as exc:
        return exc.reason
    return "bad request"


def _load_cursor(cursor: str | None) -> dict[str, str]:
    """Return the decoded cursor, or an empty one."""
    if not cursor:
        return {}
    try:
        value = json.loads(cursor)
    except json.JSONDecodeError:
        log.warning("arxiv: unreadable cursor %r, starting afresh", cursor)
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
