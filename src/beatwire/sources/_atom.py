"""Atom 1.0 documents from an API (arXiv, YouTube channels), read through feedparser.

feedparser, which the news source reads every feed with, also maps the extension
namespaces these APIs use (`arxiv:*`, `opensearch:*`, `yt:*`, `media:*`) to plain
keys. One difference from a bare XML parser: it repairs UTF-8 that was decoded as
Latin-1 and re-encoded ("Î±" becomes "α"), which real arXiv payloads need.
"""

from __future__ import annotations

import xml.sax
from typing import Any

import feedparser

from beatwire.errors import ParseError


def read_feed(provider: str, payload: bytes) -> Any:
    """Return feedparser's reading of any feed; ParseError for what feedparser raises on.

    feedparser recovers from most broken XML, but an encoding name it cannot look up
    (one holding a NUL byte) raises ValueError or LookupError instead.
    """
    try:
        return feedparser.parse(payload, sanitize_html=False, resolve_relative_uris=False)
    except (ValueError, LookupError) as exc:
        raise ParseError(provider, f"unreadable feed: {exc}") from exc


def read_atom(provider: str, payload: bytes) -> Any:
    """Return feedparser's reading of an Atom 1.0 document; ParseError when it is not one."""
    if not payload.strip():
        raise ParseError(provider, "empty body")
    # No API we read declares a DTD: one that does is refused before any entity is expanded.
    if b"<!DOCTYPE" in payload[:2048] or b"<!ENTITY" in payload[:4096]:
        raise ParseError(provider, "feed declares a DTD or entities; refused")
    feed = read_feed(provider, payload)
    problem = feed.get("bozo_exception")
    # feedparser recovers what it can from broken XML; a source takes nothing from it.
    if isinstance(problem, xml.sax.SAXParseException):
        raise ParseError(provider, f"not well-formed XML: {problem.getMessage()}")
    if feed.version != "atom10":
        raise ParseError(provider, f"not an Atom feed ({feed.version or 'no feed element'})")
    return feed


def link_href(entry: Any, rel: str, *, title: str | None = None) -> str | None:
    """Return the href of an entry's first link with this rel (and title), or None."""
    for link in entry.get("links", []):
        if link.get("rel") == rel and (title is None or link.get("title") == title):
            href = link.get("href")
            return href if isinstance(href, str) else None
    return None
