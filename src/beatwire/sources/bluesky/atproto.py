"""AT Protocol shapes (post views, repo records, Jetstream events) turned into Records.

Pure functions shared by the Bluesky parser and the Jetstream consumer. Every
function here raises KeyError, TypeError or ValueError on an item that does
not have the expected shape; the caller skips and logs that item.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beatwire.model import Record
from beatwire.sources.payload import inside
from beatwire.sources.timestamps import from_micros, parse_time, parse_time_or_none

PROVIDER = "bluesky"
POST_COLLECTION = "app.bsky.feed.post"
POST_VIEW_TYPES = {"app.bsky.feed.defs#postView", "app.bsky.feed.defs#threadViewPost"}


def split_uri(uri: str) -> tuple[str, str, str]:
    """Return (did, collection, rkey) of an at:// URI."""
    if not isinstance(uri, str) or not uri.startswith("at://"):
        raise ValueError(f"not an at:// URI: {uri!r}")
    parts = uri[len("at://") :].split("/")
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"not a record URI: {uri!r}")
    return parts[0], parts[1], parts[2]


def post_uri(did: str, rkey: str) -> str:
    """Return the at:// URI of a post."""
    return f"at://{did}/{POST_COLLECTION}/{rkey}"


def web_url(actor: str, rkey: str) -> str:
    """Return the bsky.app address of a post by a handle or a DID."""
    return f"https://bsky.app/profile/{actor}/post/{rkey}"


def is_post_record(value: Any) -> bool:
    """Return whether `value` is an app.bsky.feed.post record."""
    return isinstance(value, dict) and value.get("$type", POST_COLLECTION) == POST_COLLECTION


def record_from_post_view(view: dict[str, Any], *, collected_at: datetime) -> Record:
    """Return the Record of an app.bsky.feed.defs#postView (search, feeds, threads...)."""
    uri = view["uri"]
    did, collection, rkey = split_uri(uri)
    if collection != POST_COLLECTION:
        raise ValueError(f"not a post: {uri}")
    handle = _handle(inside(view, "author", "handle"))
    value = view["record"]
    return _build(
        value,
        uri=uri,
        did=did,
        rkey=rkey,
        handle=handle,
        author_name=inside(view, "author", "displayName") or None,
        engagement=_engagement(view),
        collected_at=collected_at,
        fallback_time=view.get("indexedAt"),
        extra={"cid": view.get("cid"), "indexed_at": view.get("indexedAt")},
        raw=view,
    )


def record_from_repo_record(
    item: dict[str, Any], *, collected_at: datetime, handle: str | None = None
) -> Record:
    """Return the Record of a {uri, cid, value} repo record (listRecords, getRecord)."""
    uri = item["uri"]
    did, collection, rkey = split_uri(uri)
    if collection != POST_COLLECTION or not is_post_record(item["value"]):
        raise ValueError(f"not a post: {uri}")
    return _build(
        item["value"],
        uri=uri,
        did=did,
        rkey=rkey,
        handle=_handle(handle),
        author_name=None,
        engagement={},
        collected_at=collected_at,
        fallback_time=None,
        extra={"cid": item.get("cid")},
        raw=item,
    )


def record_from_jetstream(
    event: dict[str, Any], *, collected_at: datetime, handle: str | None = None
) -> Record:
    """Return the Record of a Jetstream commit event that creates a post."""
    did = event["did"]
    commit = event["commit"]
    rkey = commit["rkey"]
    if not isinstance(did, str) or not isinstance(rkey, str) or not rkey:
        raise ValueError("commit without did or rkey")
    time_us = event["time_us"]
    if not isinstance(time_us, int):
        raise TypeError("time_us is not an integer")
    return _build(
        commit["record"],
        uri=post_uri(did, rkey),
        did=did,
        rkey=rkey,
        handle=_handle(handle),
        author_name=None,
        engagement={},
        collected_at=collected_at,
        fallback_time=from_micros(time_us).isoformat(),
        extra={"cid": commit.get("cid"), "rev": commit.get("rev"), "time_us": time_us},
        raw=event,
    )


def _build(
    value: dict[str, Any],
    *,
    uri: str,
    did: str,
    rkey: str,
    handle: str | None,
    author_name: str | None,
    engagement: dict[str, int],
    collected_at: datetime,
    fallback_time: str | None,
    extra: dict[str, Any],
    raw: dict[str, Any],
) -> Record:
    if not is_post_record(value):
        raise ValueError(f"record of {uri} is not a post")
    text = value.get("text", "")
    if not isinstance(text, str):
        raise TypeError(f"text of {uri} is not a string")
    langs = value.get("langs")
    published = parse_time_or_none(value.get("createdAt"))
    if published is None:
        # A client wrote no usable createdAt: the time the network saw the post is next best.
        published = parse_time(fallback_time)
    extra = {key: item for key, item in extra.items() if item is not None}
    extra.update(_facets_and_embed(value))
    extra["did"] = did
    return Record(
        provider=PROVIDER,
        native_id=uri,
        kind="post",
        text=text,
        published_at=published,
        collected_at=collected_at,
        url=web_url(handle or did, rkey),
        # Handles change, DIDs do not: the DID address is the stable one.
        canonical_url=web_url(did, rkey),
        author=handle or did,
        author_name=author_name,
        lang=langs[0] if isinstance(langs, list) and langs and isinstance(langs[0], str) else None,
        engagement=engagement,
        parent_id=_ref_uri(inside(value, "reply", "parent")),
        thread_id=_ref_uri(inside(value, "reply", "root")),
        extra=extra,
        raw=raw,
    )


def _handle(handle: Any) -> str | None:
    # The AppView writes this placeholder when a handle does not verify.
    if isinstance(handle, str) and handle and handle != "handle.invalid":
        return handle
    return None


def _ref_uri(ref: Any) -> str | None:
    if isinstance(ref, dict) and isinstance(ref.get("uri"), str):
        return str(ref["uri"])
    return None


def _engagement(view: dict[str, Any]) -> dict[str, int]:
    names = {
        "likeCount": "likes",
        "repostCount": "reposts",
        "replyCount": "replies",
        "quoteCount": "quotes",
    }
    return {
        name: view[key]
        for key, name in names.items()
        if isinstance(view.get(key), int) and not isinstance(view.get(key), bool)
    }


def _facets_and_embed(value: dict[str, Any]) -> dict[str, Any]:
    links: list[str] = []
    tags: list[str] = []
    for facet in value.get("facets") or []:
        for feature in facet.get("features") or [] if isinstance(facet, dict) else []:
            if not isinstance(feature, dict):
                continue
            if isinstance(feature.get("uri"), str):
                links.append(feature["uri"])
            if isinstance(feature.get("tag"), str):
                tags.append(feature["tag"])
    found: dict[str, Any] = {}
    if links:
        found["links"] = links
    if tags:
        found["tags"] = tags
    found.update(_embed(value.get("embed")))
    return found


def _embed(embed: Any) -> dict[str, Any]:
    if not isinstance(embed, dict):
        return {}
    kind = embed.get("$type", "")
    if kind == "app.bsky.embed.external":
        return {
            "embed_url": inside(embed, "external", "uri"),
            "embed_title": inside(embed, "external", "title"),
        }
    if kind == "app.bsky.embed.record":
        return {"quote_of": _ref_uri(embed.get("record"))}
    if kind == "app.bsky.embed.recordWithMedia":
        return {"quote_of": _ref_uri(inside(embed, "record", "record"))}
    return {}
