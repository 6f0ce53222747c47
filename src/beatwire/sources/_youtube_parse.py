"""YouTube payloads: channel RSS (Atom) and Data API v3 videos, comment threads, search.

search.list sends a snippet's title, description and channel title HTML-escaped
(`&#39;`, `&quot;`, `&amp;`) where videos.list sends them as written: search
results are unescaped once, nothing else is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from beatwire.errors import ParseError
from beatwire.model import Record
from beatwire.sources._atom import read_atom
from beatwire.sources._html import html_to_text, unescape_once
from beatwire.sources.canonical import canonical_url
from beatwire.sources.items import build_all
from beatwire.sources.payload import from_iso, inside, load_json

PROVIDER = "youtube"


def parse_payload(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the videos or comments of a channel feed or a Data API response."""
    if payload.lstrip()[:1] == b"<" and not payload.lstrip()[:15].lower().startswith(
        (b"<!doctype", b"<html")
    ):
        return parse_feed(payload, collected_at=collected_at)
    document = load_json(PROVIDER, payload)
    if not isinstance(document, dict):
        raise ParseError(PROVIDER, f"a JSON {type(document).__name__}, not an API response")
    if isinstance(document.get("error"), dict):
        error = document["error"]
        errors = error.get("errors")
        reasons = ", ".join(
            str(inside(e, "reason") or "?") for e in (errors if isinstance(errors, list) else [])
        )
        raise ParseError(PROVIDER, f"API error {error.get('code')}: {reasons or 'unknown'}")
    kind = document.get("kind")
    if not isinstance(document.get("items"), list):
        raise ParseError(PROVIDER, f"not a videos, search or commentThreads response ({kind})")
    if kind == "youtube#commentThreadListResponse":
        return _comments(document["items"], collected_at)
    build: Callable[[dict[str, Any], datetime], Record | None]
    if kind == "youtube#videoListResponse":
        build = _video
    elif kind == "youtube#searchListResponse":
        build = _search_result
    else:
        raise ParseError(PROVIDER, f"not a videos, search or commentThreads response ({kind})")
    return build_all(
        PROVIDER, document["items"], lambda item: build(item, collected_at), key=_item_id
    )


def parse_feed(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the videos of a channel's RSS feed (views from media:statistics)."""
    return build_all(
        PROVIDER,
        read_atom(PROVIDER, payload).entries,
        lambda entry: _feed_video(entry, collected_at),
        key=lambda entry: entry.get("id") or "",
    )


def watch_url(video_id: str) -> str:
    """Return the watch page of a video."""
    return f"https://www.youtube.com/watch?v={video_id}"


def _feed_video(entry: Any, collected_at: datetime) -> Record:
    # feedparser names the namespaced fields yt_videoid, media_statistics and so on.
    video_id = entry.get("yt_videoid")
    published = from_iso(dict.get(entry, "published"))  # dict.get: no `updated` stand-in
    if not video_id or published is None:
        raise ValueError("entry without yt:videoId or published")
    views = str(inside(entry, "media_statistics", "views") or "")
    ratings = str(inside(entry, "media_starrating", "count") or "")
    engagement = {"views": int(views)} if views.isdigit() else {}
    extra: dict[str, Any] = {"channel_id": entry.get("yt_channelid")}
    if ratings.isdigit():
        extra["rating_count"] = int(ratings)
    return _video_record(
        video_id,
        title=entry.get("title") or "",
        description=entry.get("summary") or "",  # media:description
        published=published,
        channel_id=extra["channel_id"],
        channel_title=inside(entry, "author_detail", "name"),
        engagement=engagement,
        extra=extra,
        collected_at=collected_at,
        raw={"video_id": video_id, "source": "rss"},
    )


def _video(
    item: dict[str, Any], collected_at: datetime, plain: Callable[[str], str] = str
) -> Record:
    snippet = item["snippet"]
    published = from_iso(snippet.get("publishedAt"))
    if not isinstance(item["id"], str) or published is None:
        raise ValueError("video without id or publishedAt")
    stats = item.get("statistics")
    stats = stats if isinstance(stats, dict) else {}
    names = {"viewCount": "views", "likeCount": "likes", "commentCount": "comments"}
    # The API sends counts as strings ("48502"); hidden counts are simply absent.
    engagement = {name: int(stats[key]) for key, name in names.items() if key in stats}
    lang = snippet.get("defaultAudioLanguage") or snippet.get("defaultLanguage")
    return _video_record(
        item["id"],
        title=plain(snippet.get("title") or ""),
        description=plain(snippet.get("description") or ""),
        published=published,
        channel_id=snippet.get("channelId"),
        channel_title=plain(snippet["channelTitle"]) if snippet.get("channelTitle") else None,
        engagement=engagement,
        extra={"channel_id": snippet.get("channelId"), "tags": snippet.get("tags") or []},
        collected_at=collected_at,
        raw=item,
        lang=lang,
    )


def _search_result(item: dict[str, Any], collected_at: datetime) -> Record | None:
    if item["id"].get("kind") != "youtube#video":
        return None  # channels and playlists in search results are not items
    return _video({**item, "id": item["id"]["videoId"]}, collected_at, unescape_once)


def _video_record(
    video_id: str,
    *,
    title: str,
    description: str,
    published: datetime,
    channel_id: str | None,
    channel_title: str | None,
    engagement: dict[str, int],
    extra: dict[str, Any],
    collected_at: datetime,
    raw: dict[str, Any],
    lang: str | None = None,
) -> Record:
    url = watch_url(video_id)
    return Record(
        provider=PROVIDER,
        native_id=video_id,
        kind="video",
        title=title or None,
        text=description,
        published_at=published,
        collected_at=collected_at,
        url=url,
        canonical_url=canonical_url(url),
        author=channel_id,
        author_name=channel_title,
        lang=lang,
        engagement=engagement,
        extra={key: value for key, value in extra.items() if value not in (None, [])},
        raw=raw,
    )


def _comments(threads: list[Any], collected_at: datetime) -> list[Record]:
    items: list[tuple[dict[str, Any], int | None]] = []
    for thread in threads:
        if not isinstance(thread, dict):
            items.append(({}, None))
            continue
        top = inside(thread, "snippet", "topLevelComment")
        items.append((top or {}, inside(thread, "snippet", "totalReplyCount")))
        replies = inside(thread, "replies", "comments")
        items.extend((reply, None) for reply in (replies if isinstance(replies, list) else []))
    return build_all(
        PROVIDER,
        items,
        lambda pair: _comment(pair[0], pair[1], collected_at),
        key=lambda pair: pair[0].get("id", ""),
    )


def _comment(comment: dict[str, Any], replies: int | None, collected_at: datetime) -> Record:
    snippet = comment["snippet"]
    comment_id, video_id = comment["id"], snippet["videoId"]
    published = from_iso(snippet.get("publishedAt"))
    if not isinstance(comment_id, str) or not isinstance(video_id, str) or published is None:
        raise ValueError("comment without id, videoId or publishedAt")
    text = snippet.get("textOriginal")
    if not isinstance(text, str):
        text = html_to_text(snippet.get("textDisplay") or "")
    engagement = (
        {"likes": snippet["likeCount"]} if isinstance(snippet.get("likeCount"), int) else {}
    )
    if isinstance(replies, int):
        engagement["replies"] = replies
    author_id = inside(snippet, "authorChannelId", "value")
    return Record(
        provider=PROVIDER,
        native_id=comment_id,
        kind="comment",
        text=text,
        published_at=published,
        collected_at=collected_at,
        url=f"{watch_url(video_id)}&lc={comment_id}",
        author=author_id or snippet.get("authorDisplayName"),
        author_name=snippet.get("authorDisplayName"),
        engagement=engagement,
        parent_id=snippet.get("parentId") or video_id,
        thread_id=video_id,
        extra={"video_id": video_id},
        raw=comment,
    )


def _item_id(item: Any) -> str:
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) else str(value)
