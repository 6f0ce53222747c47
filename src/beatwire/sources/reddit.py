"""Reddit: OAuth app-only `new` listings of configured subreddits and comments of top posts.

Cursor: JSON `{"new": {subreddit: created_utc of the newest post stored}}`.
Pages come subreddit by subreddit: its `new` listing newest page first (only
the last page of a subreddit moves its mark), then the comment threads of its
top posts (which leave the cursor as it is). `parse` reads Listings of t3
posts and t1 comments, comment-thread arrays, morechildren, search and user
overview responses, old and new shapes. Without `raw_json=1` (a response saved
from www.reddit.com/....json) Reddit escapes & < > in every string: such a
payload's titles, bodies and links are unescaped once; ours ask for raw JSON.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx2

from beatwire.config import Settings
from beatwire.errors import FetchError, ParseError
from beatwire.model import Record
from beatwire.sources import http
from beatwire.sources._html import unescape_once
from beatwire.sources.base import Page
from beatwire.sources.canonical import canonical_url
from beatwire.sources.payload import counts, from_epoch, inside, load_json, log, skipped

NAME = "reddit"
CADENCE = timedelta(hours=1)

TOKEN_URL = "https://www.reddit.com/api/v1/access_token"
API = "https://oauth.reddit.com"
SITE = "https://www.reddit.com"
DEFAULT_SUBREDDITS = ("artificial", "MachineLearning", "OpenAI", "LocalLLaMA", "singularity")
_GONE = ("[deleted]", "[removed]")
# How a payload tells whether Reddit escaped its strings (no raw_json=1) or not.
_ESCAPED_HTML = re.compile(rb'"(?:body|selftext)_html":\s*"&lt;')
_RAW_HTML = re.compile(rb'"(?:body|selftext)_html":\s*"<')
_BARE_AMPERSAND = re.compile(rb"&(?!(?:amp|lt|gt|quot|#[0-9]+|#x[0-9a-fA-F]+);)")
Plain = Callable[[str], str]


def enabled(settings: Settings) -> str | None:
    """Return None with app credentials configured, else the one-line reason."""
    secrets = settings.sources.secrets
    if "reddit_client_id" in secrets and "reddit_client_secret" in secrets:
        return None
    return (
        "reddit needs an app's credentials: set reddit_client_id and reddit_client_secret "
        "under [sources.secrets] or BEATWIRE_SOURCES__SECRETS__REDDIT_CLIENT_ID/_SECRET"
    )


# --- parsing -----------------------------------------------------------------


def parse(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the posts and comments of a Reddit Listing, thread, or morechildren response."""
    data = load_json(NAME, payload)
    plain: Plain = unescape_once if is_escaped(payload) else str
    return [
        record
        for thing in _things(data)
        if (record := _record(thing, collected_at, plain)) is not None
    ]


def is_escaped(payload: bytes) -> bool:
    """Return True when Reddit escaped & < > in the payload's strings (asked without raw_json).

    Escaped, the rendered HTML fields start with "&lt;"; raw, with "<". A payload
    without them is escaped when no "&" in it stands bare, as escaping leaves none.
    """
    if _ESCAPED_HTML.search(payload):
        return True
    if _RAW_HTML.search(payload):
        return False
    return _BARE_AMPERSAND.search(payload) is None


def _things(data: Any) -> Iterator[dict[str, Any]]:
    """Yield every t3/t1 thing of a payload, replies included, in document order."""
    if isinstance(data, list):
        for listing in data:
            yield from _things(listing)
        return
    if not isinstance(data, dict):
        raise ParseError(NAME, f"expected a Listing, got a JSON {type(data).__name__}")
    if isinstance(data.get("json"), dict):  # POST /api/morechildren
        errors = data["json"].get("errors") or []
        if errors:
            raise ParseError(NAME, f"API errors: {errors}")
        things = inside(data["json"], "data", "things")
        yield from _walk(_as_list(things, "json.data.things"))
    elif data.get("kind") == "Listing":
        yield from _walk(_as_list(inside(data, "data", "children"), "data.children"))
    elif data.get("kind") in ("t1", "t3"):
        yield from _walk([data])
    elif "error" in data:
        raise ParseError(NAME, f"API error {data.get('error')}: {data.get('message', '')}")
    else:
        raise ParseError(NAME, "not a Reddit Listing (no kind=Listing)")


def _as_list(value: Any, where: str) -> list[Any]:
    """Return `value` when it is a list; raise ParseError naming the field otherwise."""
    if not isinstance(value, list):
        raise ParseError(NAME, f"'{where}' is not a list")
    return value


def _walk(children: list[Any]) -> Iterator[dict[str, Any]]:
    """Yield the things of a children list and, depth first, their replies."""
    for child in children:
        if not isinstance(child, dict) or not isinstance(child.get("data"), dict):
            skipped(NAME, None, "child is not a {kind, data} object")
            continue
        if child.get("kind") in ("t1", "t3"):
            yield child
        replies = inside(child["data"], "replies", "data", "children")
        if isinstance(replies, list):
            yield from _walk(replies)


def _record(thing: dict[str, Any], collected_at: datetime, plain: Plain) -> Record | None:
    """Return the record of one t3 or t1 thing, or None when it is unusable."""
    data = thing["data"]
    name = data.get("name") or (f"{thing['kind']}_{data['id']}" if data.get("id") else None)
    published = from_epoch(data.get("created_utc"))
    if not isinstance(name, str) or published is None:
        skipped(NAME, name, "no id or no created_utc")
        return None
    if thing["kind"] == "t3":
        return _post(data, name, published, collected_at, plain)
    if data.get("body") in _GONE:
        return None  # a deleted comment: its replies are still walked
    return _comment(data, name, published, collected_at, plain)


def _post(
    data: dict[str, Any], name: str, published: datetime, collected: datetime, plain: Plain
) -> Record:
    """Return the record of a t3 submission."""
    title = plain(str(data.get("title") or ""))
    body = plain(data["selftext"]) if isinstance(data.get("selftext"), str) else ""
    permalink = SITE + plain(str(data.get("permalink", f"/comments/{name[3:]}/")))
    link = data.get("url_overridden_by_dest") or data.get("url")
    link = plain(link) if isinstance(link, str) else link
    extra = _common_extra(data)
    if not data.get("is_self") and isinstance(link, str) and link:
        extra.update(link=link, link_canonical=canonical_url(link), domain=data.get("domain"))
    ratio = data.get("upvote_ratio")
    return Record(
        provider=NAME,
        native_id=name,
        kind="post",
        text=body if body and body not in _GONE else title,
        title=title or None,
        url=permalink,
        canonical_url=canonical_url(permalink),
        author=_author(data),
        published_at=published,
        collected_at=collected,
        engagement=counts(
            score=data.get("score"),
            comments=data.get("num_comments"),
            upvote_ratio_pct=round(ratio * 100) if isinstance(ratio, int | float) else None,
            crossposts=data.get("num_crossposts"),
            awards=data.get("total_awards_received"),
        ),
        thread_id=name,
        source=_source(data),
        extra=extra,
        raw=data,
    )


def _comment(
    data: dict[str, Any], name: str, published: datetime, collected: datetime, plain: Plain
) -> Record:
    """Return the record of a t1 comment."""
    link_id = data.get("link_id")
    permalink = plain(data["permalink"]) if isinstance(data.get("permalink"), str) else None
    if not isinstance(permalink, str) and isinstance(link_id, str):
        permalink = f"/comments/{link_id[3:]}/_/{name[3:]}/"
    url = SITE + permalink if isinstance(permalink, str) else None
    extra = _common_extra(data)
    if data.get("link_title"):
        extra["link_title"] = plain(str(data["link_title"]))
    children = inside(data, "replies", "data", "children")
    children = children if isinstance(children, list) else []
    return Record(
        provider=NAME,
        native_id=name,
        kind="comment",
        text=plain(str(data.get("body") or "")),
        url=url,
        canonical_url=canonical_url(url) if url else None,
        author=_author(data),
        published_at=published,
        collected_at=collected,
        engagement=counts(
            score=data.get("score"),
            replies=sum(1 for c in children if isinstance(c, dict) and c.get("kind") == "t1"),
        ),
        parent_id=data.get("parent_id") if isinstance(data.get("parent_id"), str) else None,
        thread_id=link_id if isinstance(link_id, str) else None,
        source=_source(data),
        extra=extra,
        raw={key: value for key, value in data.items() if key != "replies"},
    )


def _author(data: dict[str, Any]) -> str | None:
    """Return the author's username, or None when deleted."""
    author = data.get("author")
    return author if isinstance(author, str) and author not in _GONE else None


def _source(data: dict[str, Any]) -> str | None:
    """Return `r/<subreddit>` of a thing."""
    sub = data.get("subreddit")
    return f"r/{sub}" if isinstance(sub, str) and sub else None


def _common_extra(data: dict[str, Any]) -> dict[str, Any]:
    """Return the fields kept for posts and comments alike."""
    keys = ("subreddit", "link_flair_text", "over_18", "distinguished", "stickied", "edited")
    return {key: data[key] for key in keys if data.get(key) not in (None, "", False)}


# --- fetching ----------------------------------------------------------------


async def fetch(
    client: httpx2.AsyncClient,
    cursor: str | None,
    settings: Settings,
    *,
    sleep: http.Sleep = asyncio.sleep,
) -> AsyncIterator[Page]:
    """Yield each subreddit's new pages down to its mark, then the threads of its top posts."""
    reason = enabled(settings)
    if reason:
        raise FetchError(NAME, TOKEN_URL, reason)
    options = settings.sources.options.get(NAME, {})
    marks: dict[str, float] = dict(_load_cursor(cursor).get("new", {}))
    headers = {"Authorization": f"bearer {await request_token(client, settings, sleep=sleep)}"}
    session = _Session(client, settings, headers, sleep)
    for sub in options.get("subreddits", DEFAULT_SUBREDDITS):
        posts: list[dict[str, Any]] = []
        async for payload, url, newest in session.new_pages(sub, marks.get(sub, 0.0), posts):
            if newest is not None:
                marks[sub] = newest
            yield Page(payload, json.dumps({"new": marks}, sort_keys=True), url)
        for post_id in _top_posts(posts, int(options.get("top_posts", 5))):
            payload, url = await session.thread(post_id)
            yield Page(payload, json.dumps({"new": marks}, sort_keys=True), url)


async def request_token(
    client: httpx2.AsyncClient, settings: Settings, *, sleep: http.Sleep = asyncio.sleep
) -> str:
    """Return an app-only OAuth access token (client credentials grant)."""
    secrets = settings.sources.secrets
    auth = (
        secrets["reddit_client_id"].get_secret_value(),
        secrets["reddit_client_secret"].get_secret_value(),
    )
    response = await http.post(
        client,
        NAME,
        TOKEN_URL,
        data={"grant_type": "client_credentials"},
        auth=auth,
        settings=settings,
        sleep=sleep,
    )
    body = load_json(NAME, response.content)
    token = body.get("access_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        error = body.get("error") if isinstance(body, dict) else None
        raise FetchError(NAME, TOKEN_URL, f"no access token in the reply ({error or 'no error'})")
    return token


class _Session:
    """Authenticated, rate-limit-aware requests to oauth.reddit.com."""

    def __init__(
        self,
        client: httpx2.AsyncClient,
        settings: Settings,
        headers: dict[str, str],
        sleep: http.Sleep,
    ) -> None:
        self.client, self.settings, self.headers, self.sleep = client, settings, headers, sleep

    async def get(self, path: str, params: dict[str, Any]) -> httpx2.Response:
        """Return a response, first waiting out an exhausted X-Ratelimit budget."""
        response = await http.get(
            self.client,
            NAME,
            API + path,
            params={**params, "raw_json": 1},
            headers=self.headers,
            settings=self.settings,
            sleep=self.sleep,
        )
        await self._respect_budget(response)
        return response

    async def _respect_budget(self, response: httpx2.Response) -> None:
        """Sleep until the window resets when the remaining request budget is spent."""
        try:
            remaining = float(response.headers.get("x-ratelimit-remaining", "inf"))
            reset = float(response.headers.get("x-ratelimit-reset", "0"))
        except ValueError:
            return
        if remaining < 1 and reset > 0:
            log.info("reddit: rate-limit budget spent, waiting %.0fs", reset)
            await self.sleep(reset)

    async def new_pages(
        self, sub: str, mark: float, posts: list[dict[str, Any]]
    ) -> AsyncIterator[tuple[bytes, str, float | None]]:
        """Yield (payload, url, new mark or None) for /new pages down to `mark`."""
        max_pages = int(self.settings.sources.options.get(NAME, {}).get("max_pages", 5))
        after: str | None = None
        newest = mark
        for number in range(max_pages):
            params: dict[str, Any] = {"limit": 100, **({"after": after} if after else {})}
            response = await self.get(f"/r/{sub}/new", params)
            listing = load_json(NAME, response.content)
            fresh, after = _fresh_posts(listing, mark)
            posts.extend(fresh)
            newest = max([newest, *(p.get("created_utc", 0) for p in fresh)])
            last = not after or len(fresh) < _listing_size(listing) or number == max_pages - 1
            yield response.content, str(response.url), newest if last else None
            if last:
                return

    async def thread(self, post_id: str) -> tuple[bytes, str]:
        """Return the comment thread payload of one post."""
        response = await self.get(f"/comments/{post_id}", {"limit": 200, "sort": "top"})
        return response.content, str(response.url)


def _fresh_posts(listing: Any, mark: float) -> tuple[list[dict[str, Any]], str | None]:
    """Return the posts of a listing newer than `mark`, and its `after` token."""
    data = listing.get("data") if isinstance(listing, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("children"), list):
        raise ParseError(NAME, "the /new reply is not a Listing")
    posts = [
        child["data"]
        for child in data["children"]
        if isinstance(child, dict)
        and isinstance(child.get("data"), dict)
        and isinstance(child["data"].get("created_utc"), int | float)
        and child["data"]["created_utc"] > mark
    ]
    after = data.get("after")
    return posts, after if isinstance(after, str) else None


def _listing_size(listing: dict[str, Any]) -> int:
    """Return how many children a listing holds."""
    return len(listing["data"]["children"])


def _top_posts(posts: list[dict[str, Any]], limit: int) -> list[str]:
    """Return the ids of the most discussed posts among those just fetched."""
    ranked = sorted(posts, key=lambda p: (p.get("num_comments") or 0, p.get("score") or 0))
    return [str(p["id"]) for p in reversed(ranked) if p.get("id")][:limit]


def _load_cursor(cursor: str | None) -> dict[str, Any]:
    """Return the decoded cursor, or an empty one."""
    if not cursor:
        return {}
    try:
        value = json.loads(cursor)
    except json.JSONDecodeError:
        log.warning("reddit: unreadable cursor %r, starting afresh", cursor)
        return {}
    return value if isinstance(value, dict) else {}
