"""Read every Bluesky payload Beatwire accepts: Jetstream captures and XRPC responses.

Accepted: a JSON-lines capture of Jetstream messages (or one message);
app.bsky.feed.searchPosts / getPosts / getQuotes (`posts`), getAuthorFeed /
getTimeline / getFeed / getListFeed / getActorLikes (`feed`), getPostThread
(`thread`), com.atproto.repo.listRecords (`records`), one repo record
(`{uri, cid, value}`) and an automod capture (`postRecords`). Anything else
raises ParseError("not a post payload ...") naming what it is.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from beatwire.errors import ParseError
from beatwire.model import Record
from beatwire.sources.bluesky import atproto
from beatwire.sources.items import build_all
from beatwire.sources.payload import decode_json, inside, load_json

logger = logging.getLogger(__name__)

PROVIDER = atproto.PROVIDER
_MAX_THREAD_NODES = 10_000  # a thread response is bounded; this guards a hostile one

_NOT_POSTS = {
    "profiles": "actor profiles (app.bsky.actor.getProfiles)",
    "likes": "likes of a post (app.bsky.feed.getLikes)",
    "repostedBy": "reposters of a post (app.bsky.feed.getRepostedBy)",
    "follows": "a follow list (app.bsky.graph.getFollows)",
    "followers": "a follower list (app.bsky.graph.getFollowers)",
    "didDoc": "a DID document (com.atproto.repo.describeRepo)",
}


def parse_payload(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the posts in a Bluesky payload; raise ParseError if it holds no post data."""
    if _is_car(payload):
        raise ParseError(PROVIDER, "not a post payload: a binary CAR repository export")
    if _is_jetstream_capture(payload):
        return parse_jetstream_lines(payload, collected_at=collected_at)
    document = load_json(PROVIDER, payload)
    if not isinstance(document, dict):
        raise ParseError(PROVIDER, f"not a post payload: a JSON {type(document).__name__}")
    return _parse_document(document, collected_at=collected_at)


def parse_jetstream_lines(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the posts created in a JSON-lines capture of Jetstream messages."""
    events: list[dict[str, Any]] = []
    bad = 0
    for line in payload.splitlines():
        if not line.strip():
            continue
        try:
            event = decode_json(line)
        except ValueError:
            bad += 1  # a capture cut mid-line: the other lines still count
            continue
        if isinstance(event, dict) and isinstance(event.get("kind"), str):
            events.append(event)
        else:
            bad += 1
    if not events:
        raise ParseError(PROVIDER, "no Jetstream message in the capture")
    handles = _handles(events)
    items = [event for event in events if is_post_create(event)]
    records = build_all(
        PROVIDER,
        items,
        lambda event: atproto.record_from_jetstream(
            event, collected_at=collected_at, handle=handles.get(event.get("did", ""))
        ),
        key=lambda event: f"{event.get('did')}/{event['commit'].get('rkey')}",
    )
    if bad:
        _log_bad_lines(bad)
    return records


def is_post_create(event: dict[str, Any]) -> bool:
    """Return whether a Jetstream message creates an app.bsky.feed.post record."""
    commit = event.get("commit")
    return (
        event.get("kind") == "commit"
        and isinstance(commit, dict)
        and commit.get("operation") == "create"
        and commit.get("collection") == atproto.POST_COLLECTION
    )


def _parse_document(document: dict[str, Any], *, collected_at: datetime) -> list[Record]:
    if "error" in document and "message" in document:
        raise ParseError(PROVIDER, f"XRPC error {document['error']}: {document['message']}")
    if isinstance(document.get("kind"), str) and "time_us" in document:
        return parse_jetstream_lines(json.dumps(document).encode(), collected_at=collected_at)
    if "ops" in document and "blocks" in document:
        raise ParseError(
            PROVIDER,
            "not a post payload: a firehose #commit frame (records are CBOR; use Jetstream)",
        )
    for key, what in _NOT_POSTS.items():
        if key in document:
            raise ParseError(PROVIDER, f"not a post payload: {what}")
    views = _post_views(document)
    if views is not None:
        return build_all(
            PROVIDER,
            views,
            lambda view: atproto.record_from_post_view(view, collected_at=collected_at),
            key=lambda view: view.get("uri", ""),
        )
    return _parse_repo_records(document, collected_at=collected_at)


def _post_views(document: dict[str, Any]) -> list[dict[str, Any]] | None:
    if isinstance(document.get("thread"), dict):
        return list(_thread_views(document["thread"]))
    if isinstance(document.get("feed"), list):
        return list(_feed_views(document["feed"]))
    if isinstance(document.get("posts"), list):
        return [view for view in document["posts"] if _is_view(view)]
    if "thread" in document or "feed" in document or "posts" in document:
        raise ParseError(PROVIDER, "thread, feed or posts has the wrong type")
    return None


def _parse_repo_records(document: dict[str, Any], *, collected_at: datetime) -> list[Record]:
    handle = None
    if isinstance(document.get("records"), list):
        items = document["records"]
    elif isinstance(document.get("postRecords"), list):
        items = document["postRecords"]
        handle = inside(document, "accountMeta", "Identity", "Handle")
    elif "uri" in document and isinstance(document.get("value"), dict):
        kind = document["value"].get("$type")
        if not atproto.is_post_record(document["value"]):
            raise ParseError(PROVIDER, f"not a post payload: a {kind} record")
        items = [document]
    else:
        keys = ", ".join(sorted(document)[:6])
        raise ParseError(PROVIDER, f"not a post payload: a JSON object with keys {keys}")
    posts = [item for item in items if _is_post_item(item)]
    if items and not posts:
        raise ParseError(PROVIDER, "not a post payload: records of other collections")
    return build_all(
        PROVIDER,
        posts,
        lambda item: atproto.record_from_repo_record(
            item, collected_at=collected_at, handle=handle
        ),
        key=lambda item: item.get("uri", ""),
    )


def _feed_views(feed: list[Any]) -> Iterator[dict[str, Any]]:
    for item in feed:
        if not isinstance(item, dict):
            yield {}  # reported as a malformed item by build_all
            continue
        yield item.get("post") or {}
        # The posts a feed item replies to are full views too: keep them as context.
        for ref in (inside(item, "reply", "root"), inside(item, "reply", "parent")):
            if isinstance(ref, dict) and _is_view(ref):
                yield ref


def _thread_views(root: dict[str, Any]) -> Iterator[dict[str, Any]]:
    stack = [root]
    seen = 0
    while stack and seen < _MAX_THREAD_NODES:
        node = stack.pop()
        seen += 1
        if not isinstance(node, dict) or not _is_view(node.get("post")):
            continue  # notFoundPost, blockedPost: nothing to record
        yield node["post"]
        if isinstance(node.get("parent"), dict):
            stack.append(node["parent"])
        replies = node.get("replies")
        stack.extend(
            r for r in (replies if isinstance(replies, list) else []) if isinstance(r, dict)
        )


def _is_view(value: Any) -> bool:
    return isinstance(value, dict) and "uri" in value and "record" in value


def _is_post_item(item: Any) -> bool:
    if not isinstance(item, dict):
        return True  # let build_all report it
    uri = item.get("uri", "")
    return isinstance(uri, str) and f"/{atproto.POST_COLLECTION}/" in uri


def _handles(events: list[dict[str, Any]]) -> dict[str, str]:
    handles: dict[str, str] = {}
    for event in events:
        identity = event.get("identity")
        if (
            event.get("kind") == "identity"
            and isinstance(identity, dict)
            and isinstance(identity.get("handle"), str)
            and isinstance(event.get("did"), str)
        ):
            handles[event["did"]] = identity["handle"]
    return handles


def _is_car(payload: bytes) -> bool:
    # A CAR v1 file starts with a varint header length, then a CBOR map holding "roots".
    return (
        len(payload) > 2
        and payload[:1] not in (b"{", b"[", b" ", b"\n")
        and b"roots" in (payload[:64])
    )


def _is_jetstream_capture(payload: bytes) -> bool:
    first = payload.lstrip()[:1]
    if first != b"{":
        return False
    line = payload.lstrip().split(b"\n", 1)[0]
    try:
        event = decode_json(line)
    except ValueError:
        return False
    return isinstance(event, dict) and "time_us" in event and isinstance(event.get("kind"), str)


def _log_bad_lines(count: int) -> None:
    logger.warning("%s: skipped %d unreadable line(s) of a Jetstream capture", PROVIDER, count)
