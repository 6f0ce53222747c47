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
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx2

from beatwire.config import Settings
from beatwire.errors import FetchError, ParseError
from beatwire.model import Record, now_utc
from beatwire.sources import http
from beatwire.sources._payload import from_iso, log, skipped
from beatwire.sources.base import Page
from beatwire.sources.canonical import canonical_url

NAME = "arxiv"
CADENCE = timedelta(hours=4)

API = "https://export.arxiv.org/api/query"
DEFAULT_CATEGORIES = ("cs.AI", "cs.CL", "cs.LG")
POLITE_DELAY_S = 3.0
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
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
    feed = _feed(payload)
    records = []
    for entry in feed.iter(f"{ATOM}entry"):
        record = _record(entry, collected_at)
        if record is not None:
            records.append(record)
    return records


def paging(payload: bytes) -> Paging:
    """Return totalResults, startIndex and itemsPerPage of a response."""
    feed = _feed(payload)

    def number(tag: str) -> int:
        node = feed.find(f"{OPENSEARCH}{tag}")
        try:
            return int((node.text or "").strip()) if node is not None else 0
        except ValueError:
            return 0

    return Paging(number("totalResults"), number("startIndex"), number("itemsPerPage"))


def _feed(payload: bytes) -> ET.Element:
    """Return the Atom root, raising ParseError on empty, non-XML or API-error bodies."""
    if not payload.strip():
        raise ParseError(NAME, "empty body")
    try:
        # Expat (>= 2.4) bounds entity expansion and ElementTree never fetches external ones.
        root = ET.fromstring(payload)
    except ET.ParseError as exc:
        raise ParseError(NAME, f"not well-formed XML: {exc}") from exc
    if root.tag != f"{ATOM}feed":
        raise ParseError(NAME, f"not an Atom feed (root element {root.tag!r})")
    for entry in root.iter(f"{ATOM}entry"):
        entry_id = _text(entry, "id")
        if "/api/errors" in entry_id:
            raise ParseError(NAME, f"API error: {_text(entry, 'summary') or entry_id}")
    return root


def _record(entry: ET.Element, collected_at: datetime) -> Record | None:
    """Return the record of one entry, or None when it lacks an id or a date."""
    entry_id = _text(entry, "id")
    match = _ID.search(entry_id)
    published = from_iso(_text(entry, "published")) or from_iso(_text(entry, "updated"))
    if match is None or published is None:
        skipped(NAME, entry_id, "no arXiv id or no date")
        return None
    paper_id = match.group("id")
    authors = [_clean(name.text) for name in entry.iter(f"{ATOM}name") if name.text]
    abstract_url = f"https://arxiv.org/abs/{paper_id}"
    return Record(
        provider=NAME,
        native_id=paper_id,
        kind="paper",
        text=_clean(_text(entry, "summary")),
        title=_clean(_text(entry, "title")) or None,
        url=_link(entry, "alternate") or abstract_url,
        canonical_url=canonical_url(abstract_url),
        author=authors[0] if authors else None,
        author_name=authors[0] if authors else None,
        lang="en",
        published_at=published,
        collected_at=collected_at,
        extra=_extra(entry, match, authors),
        raw=_raw(entry),
    )


def _extra(entry: ET.Element, match: re.Match[str], authors: list[str]) -> dict[str, Any]:
    """Return authors, categories, version, links and journal data of an entry."""
    primary = entry.find(f"{ARXIV}primary_category")
    extra: dict[str, Any] = {
        "authors": authors,
        "categories": [c.get("term") for c in entry.iter(f"{ATOM}category") if c.get("term")],
        "primary_category": primary.get("term") if primary is not None else None,
        "version": int(match.group("version")) if match.group("version") else None,
        "updated": _text(entry, "updated") or None,
        "pdf": _link(entry, "related", title="pdf"),
    }
    for field in ("comment", "journal_ref", "doi"):
        node = entry.find(f"{ARXIV}{field}")
        if node is not None and node.text:
            extra[field] = _clean(node.text)
    return {key: value for key, value in extra.items() if value not in (None, [], "")}


def _raw(entry: ET.Element) -> dict[str, Any]:
    """Return the entry serialised back to its XML text, for reprocessing."""
    return {"xml": ET.tostring(entry, encoding="unicode")}


def _text(entry: ET.Element, tag: str) -> str:
    """Return the text of an Atom child element, or ''."""
    node = entry.find(f"{ATOM}{tag}")
    return (node.text or "").strip() if node is not None else ""


def _link(entry: ET.Element, rel: str, *, title: str | None = None) -> str | None:
    """Return the href of the first link with this rel (and title), or None."""
    for link in entry.iter(f"{ATOM}link"):
        if link.get("rel") == rel and (title is None or link.get("title") == title):
            return link.get("href")
    return None


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
