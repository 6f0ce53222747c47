"""X: API v2 recent search with the operator's own bearer token (a paid API tier).

Cursor: the id of the newest post read (`since_id`). Pages of one run come
newest first (`next_token` paging), so every page but the last keeps the old
cursor and the last one moves it to the newest id of the run: a run that
stops half-way is read again whole next time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

from beatwire.config import Settings
from beatwire.errors import ParseError, SourceError
from beatwire.model import Record
from beatwire.sources import http
from beatwire.sources._html import unescape_once
from beatwire.sources.base import Page
from beatwire.sources.canonical import canonical_url
from beatwire.sources.items import build_all
from beatwire.sources.payload import counts, from_iso, load_json

logger = logging.getLogger(__name__)

NAME = "x"
CADENCE = timedelta(hours=1)
SEARCH_URL = "https://api.x.com/2/tweets/search/recent"
TOKEN_SECRET = "x_bearer_token"
TWEET_FIELDS = (
    "author_id,conversation_id,created_at,entities,in_reply_to_user_id,lang,"
    "note_tweet,public_metrics,referenced_tweets"
)
_UNDETERMINED = {"und", "zxx", "qme", "qht", "qam", "qct"}  # X's "no language" codes


def parse(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the posts of a v2 search or lookup response, authors from `includes.users`."""
    document = load_json(NAME, payload)
    if not isinstance(document, dict):
        raise ParseError(NAME, f"a JSON {type(document).__name__}, not a response object")
    if "data" not in document:
        if isinstance(document.get("meta"), dict):
            return []  # a search with no results
        problem = document.get("detail") or document.get("title") or "no data"
        raise ParseError(NAME, f"API error: {problem}")
    data = document["data"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ParseError(NAME, "data is not a list of posts")
    users = _users(document.get("includes"))
    return build_all(
        NAME, data, lambda post: _record(post, users, collected_at), key=lambda post: post["id"]
    )


def enabled(settings: Settings) -> str | None:
    """Return None with a bearer token, otherwise the one line that says how to add one."""
    if TOKEN_SECRET in settings.sources.secrets:
        return None
    return (
        "x: disabled, no bearer token (set BEATWIRE_SOURCES__SECRETS__X_BEARER_TOKEN; "
        "recent search needs a paid X API tier)"
    )


def search_query(settings: Settings) -> str:
    """Return the configured query, or one built from the keywords and languages."""
    options = settings.sources.options.get(NAME, {})
    if options.get("query"):
        return str(options["query"])
    terms = [f'"{k}"' if " " in k else k for k in settings.sources.keywords if k.strip()]
    query = f"({' OR '.join(terms)}) -is:retweet"
    languages = settings.sources.languages
    if languages:
        query += " (" + " OR ".join(f"lang:{lang}" for lang in languages) + ")"
    return query


async def fetch(
    client: Any, cursor: str | None, settings: Settings, *, sleep: http.Sleep = asyncio.sleep
) -> AsyncIterator[Page]:
    """Yield the pages of posts newer than `cursor`, newest first; the last moves the cursor."""
    secret = settings.sources.secrets.get(TOKEN_SECRET)
    if secret is None:
        raise SourceError(NAME, "no bearer token", hint=enabled(settings))
    options = settings.sources.options.get(NAME, {})
    max_pages = int(options.get("max_pages", 5))
    headers = {"Authorization": f"Bearer {secret.get_secret_value()}"}
    params: dict[str, Any] = {
        "query": search_query(settings),
        "max_results": int(options.get("max_results", 100)),
        "tweet.fields": TWEET_FIELDS,
        "expansions": "author_id",
        "user.fields": "name,username,verified",
    }
    if cursor:
        params["since_id"] = cursor
    newest: str | None = None
    for number in range(1, max_pages + 1):
        response = await http.get(
            client, NAME, SEARCH_URL, params=params, headers=headers, settings=settings, sleep=sleep
        )
        meta = _meta(response.content)
        newest = newest or meta.get("newest_id")
        token = meta.get("next_token")
        last = not token or number == max_pages
        if last and token:
            logger.warning("x: more than %d pages of new posts; the oldest are skipped", max_pages)
        yield Page(
            payload=response.content, cursor=(newest or cursor) if last else cursor, url=SEARCH_URL
        )
        if last:
            return
        params["next_token"] = token


def _meta(payload: bytes) -> dict[str, Any]:
    try:
        document = load_json(NAME, payload)
    except ParseError:
        return {}  # the ingest stage reports the payload; nothing here moves the cursor
    meta = document.get("meta") if isinstance(document, dict) else None
    return meta if isinstance(meta, dict) else {}


def _users(includes: Any) -> dict[str, dict[str, Any]]:
    users = includes.get("users") if isinstance(includes, dict) else None
    return {
        user["id"]: user
        for user in (users if isinstance(users, list) else [])
        if isinstance(user, dict) and isinstance(user.get("id"), str)
    }


def _record(post: Any, users: dict[str, dict[str, Any]], collected_at: datetime) -> Record:
    post_id = post["id"]
    published = from_iso(post.get("created_at"))
    if not isinstance(post_id, str) or not post_id.isdigit() or published is None:
        raise ValueError("post without a numeric id or a created_at")
    user = users.get(post.get("author_id", ""), {})
    username = user.get("username")
    references = {
        ref.get("type"): ref.get("id")
        for ref in post.get("referenced_tweets") or []
        if isinstance(ref, dict)
    }
    conversation = post.get("conversation_id")
    url = f"https://x.com/{username or 'i/web'}/status/{post_id}"
    return Record(
        provider=NAME,
        native_id=post_id,
        kind="post",
        text=_expanded_text(post),
        published_at=published,
        collected_at=collected_at,
        url=url,
        canonical_url=canonical_url(f"https://x.com/i/web/status/{post_id}"),
        author=username,
        author_name=user.get("name"),
        lang=None if post.get("lang") in _UNDETERMINED else post.get("lang"),
        engagement=_engagement(post.get("public_metrics") or {}),
        parent_id=references.get("replied_to"),
        thread_id=conversation if conversation and conversation != post_id else None,
        extra=_extra(post, references),
        raw=post,
    )


def _expanded_text(post: dict[str, Any]) -> str:
    note = post.get("note_tweet")
    text = note["text"] if isinstance(note, dict) and "text" in note else post["text"]
    if not isinstance(text, str):
        raise TypeError("text is not a string")
    # X sends & < > as &amp; &lt; &gt;: decoded here, once, before the links go in.
    text = unescape_once(text)
    # t.co links hide where they go; the expanded address is what readers and dedup need.
    entities = post.get("entities")
    links = entities.get("urls") if isinstance(entities, dict) else None
    for link in links if isinstance(links, list) else []:
        if isinstance(link, dict) and link.get("url") and link.get("expanded_url"):
            text = text.replace(link["url"], link["expanded_url"])
    return text


def _engagement(metrics: dict[str, Any]) -> dict[str, int]:
    return counts(
        likes=metrics.get("like_count"),
        reposts=metrics.get("retweet_count"),
        replies=metrics.get("reply_count"),
        quotes=metrics.get("quote_count"),
        bookmarks=metrics.get("bookmark_count"),
        impressions=metrics.get("impression_count"),
    )


def _extra(post: dict[str, Any], references: dict[Any, Any]) -> dict[str, Any]:
    entities = post.get("entities") or {}
    extra: dict[str, Any] = {
        "author_id": post.get("author_id"),
        "quote_of": references.get("quoted"),
        "repost_of": references.get("retweeted"),
        "links": [u["expanded_url"] for u in entities.get("urls") or [] if u.get("expanded_url")],
        "tags": [h["tag"] for h in entities.get("hashtags") or [] if h.get("tag")],
    }
    return {key: value for key, value in extra.items() if value not in (None, [])}
