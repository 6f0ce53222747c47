"""Mastodon: hashtag timelines on the configured instances.

A status federated to many instances has one `uri` everywhere (its
ActivityPub id), so `native_id = uri` makes the copies one record. Cursor: a
JSON object mapping "instance/tag" to the newest status id read there (ids are
per instance); pages of one timeline come oldest first (`min_id` paging), so
each page's cursor covers only what it and the pages before it hold.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from beatwire.config import Settings
from beatwire.errors import ConfigError, ParseError
from beatwire.model import Record
from beatwire.sources import http
from beatwire.sources._html import html_to_text
from beatwire.sources.base import Page
from beatwire.sources.canonical import canonical_url
from beatwire.sources.items import build_all
from beatwire.sources.payload import counts, decode_json, from_iso, load_json

NAME = "mastodon"
CADENCE = timedelta(hours=1)
DEFAULTS: dict[str, Any] = {
    "instances": ["mastodon.social"],
    "tags": ["ai", "llm", "machinelearning"],
    "limit": 40,
    "max_pages": 5,
}


def parse(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the statuses of a timeline (a JSON list) or of one status (an object)."""
    document = load_json(NAME, payload)
    if isinstance(document, dict):
        if "error" in document:
            raise ParseError(NAME, f"server error: {document['error']}")
        document = [document]
    if not isinstance(document, list):
        raise ParseError(NAME, f"a JSON {type(document).__name__}, not a list of statuses")
    return build_all(
        NAME,
        document,
        lambda status: _record(status, collected_at),
        key=lambda status: status.get("uri", ""),
    )


def enabled(settings: Any) -> str | None:
    """Return None: public hashtag timelines need no token."""
    return None


async def fetch(
    client: Any, cursor: str | None, settings: Settings, *, sleep: http.Sleep = asyncio.sleep
) -> AsyncIterator[Page]:
    """Yield the new statuses of every configured instance and tag, oldest pages first."""
    options = {**DEFAULTS, **settings.sources.options.get(NAME, {})}
    positions = _positions(cursor)
    for instance in options["instances"]:
        for tag in options["tags"]:
            key = f"{instance}/{tag}"
            url = f"https://{instance}/api/v1/timelines/tag/{quote(tag)}"
            for _ in range(int(options["max_pages"])):
                params: dict[str, Any] = {"limit": int(options["limit"])}
                if key in positions:
                    params["min_id"] = positions[key]
                response = await http.get(
                    client, NAME, url, params=params, settings=settings, sleep=sleep
                )
                ids = _status_ids(response.content)
                if ids:
                    positions[key] = str(max(ids))
                yield Page(payload=response.content, cursor=json.dumps(positions), url=url)
                # Without a position the newest page is enough: older posts are history.
                if len(ids) < params["limit"] or "min_id" not in params:
                    break


def _positions(cursor: str | None) -> dict[str, str]:
    if not cursor:
        return {}
    try:
        value = json.loads(cursor)
    except ValueError as exc:
        raise ConfigError(f"mastodon cursor is not JSON: {cursor[:40]!r}") from exc
    if not isinstance(value, dict):
        raise ConfigError("mastodon cursor is not a JSON object")
    return {str(key): str(item) for key, item in value.items()}


def _status_ids(payload: bytes) -> list[int]:
    try:
        document = decode_json(payload)
    except ValueError:
        return []  # the ingest stage reports the payload; the position stays where it was
    if not isinstance(document, list):
        return []
    return [
        int(status["id"])
        for status in document
        if isinstance(status, dict) and str(status.get("id", "")).isdigit()
    ]


def _record(status: Any, collected_at: datetime) -> Record:
    if not isinstance(status, dict):
        raise TypeError(f"status is a {type(status).__name__}")
    if isinstance(status.get("reblog"), dict):
        status = status["reblog"]  # a boost: the boosted status is the item
    uri = status["uri"]
    published = from_iso(status.get("created_at"))
    if not isinstance(uri, str) or not uri or published is None:
        raise ValueError("status without uri or created_at")
    account = status.get("account") or {}
    url = status.get("url") or uri
    return Record(
        provider=NAME,
        native_id=uri,
        kind="post",
        text=html_to_text(status.get("content") or ""),
        published_at=published,
        collected_at=collected_at,
        url=url,
        canonical_url=canonical_url(url),
        author=full_acct(account),
        author_name=account.get("display_name") or None,
        lang=status.get("language") or None,
        engagement=counts(
            likes=status.get("favourites_count"),
            reposts=status.get("reblogs_count"),
            replies=status.get("replies_count"),
        ),
        extra=_extra(status),
        raw=status,
    )


def full_acct(account: dict[str, Any]) -> str | None:
    """Return user@domain for an account (a local account's `acct` has no domain)."""
    acct = account.get("acct")
    if not isinstance(acct, str) or not acct:
        return None
    if "@" in acct:
        return acct
    host = urlsplit(account.get("url") or "").hostname
    return f"{acct}@{host}" if host else acct


def _extra(status: dict[str, Any]) -> dict[str, Any]:
    card = status.get("card") or {}
    extra: dict[str, Any] = {
        "tags": [tag["name"] for tag in status.get("tags") or [] if isinstance(tag, dict)],
        "spoiler_text": status.get("spoiler_text") or None,
        # Ids are per instance: these only mean something on the instance that served them.
        "instance_id": status.get("id"),
        "in_reply_to_id": status.get("in_reply_to_id"),
        "card_url": card.get("url"),
        "media": len(status.get("media_attachments") or []) or None,
    }
    return {key: value for key, value in extra.items() if value not in (None, [])}
