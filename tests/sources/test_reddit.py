"""Reddit adapter: Listing shapes, comment trees, OAuth, rate-limit headers, cursors."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import httpx2
import pytest
from pydantic import SecretStr

from beatwire.config import HttpSettings, Settings, SourceSettings
from beatwire.errors import FetchError, ParseError
from beatwire.http_client import make_client
from beatwire.sources import reddit
from beatwire.sources.base import Page

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared/corpora/api-fixtures/reddit"
COLLECTED = datetime(2026, 1, 1, tzinfo=UTC)


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(name: str) -> list:
    return reddit.parse(load(name), collected_at=COLLECTED)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.name)
def test_every_fixture_parses(path: Path) -> None:
    records = reddit.parse(path.read_bytes(), collected_at=COLLECTED)
    assert records
    assert all(r.native_id.startswith(("t1_", "t3_")) for r in records)


def test_new_listing_post_maps_fields() -> None:
    raw = json.loads(load("r_popular_hot_2026-04-13.json"))["data"]["children"][0]["data"]
    post = parse("r_popular_hot_2026-04-13.json")[0]
    assert post.native_id == f"t3_{raw['id']}" and post.kind == "post"
    assert post.author == raw["author"]
    assert post.title == raw["title"]
    assert post.published_at == datetime.fromtimestamp(raw["created_utc"], UTC)
    assert post.url == "https://www.reddit.com" + raw["permalink"]
    assert post.source == "r/MMA"
    assert post.engagement["score"] == 546
    assert post.engagement["comments"] == raw["num_comments"]
    assert post.engagement["upvote_ratio_pct"] == round(raw["upvote_ratio"] * 100)
    assert post.thread_id == post.native_id
    assert post.raw == raw


def test_old_listing_has_every_child() -> None:
    records = parse("r_askreddit_new_2016-03-01.json")
    children = json.loads(load("r_askreddit_new_2016-03-01.json"))["data"]["children"]
    assert [r.native_id for r in records] == [c["data"]["name"] for c in children]


def test_comment_listing_maps_parent_and_thread() -> None:
    raw = json.loads(load("r_all_comments_2016-12-22.json"))["data"]["children"][1]["data"]
    comment = parse("r_all_comments_2016-12-22.json")[1]
    assert comment.kind == "comment" and comment.text == raw["body"]
    assert comment.parent_id == raw["parent_id"] and comment.parent_id.startswith("t1_")
    assert comment.thread_id == raw["link_id"]
    assert comment.extra["link_title"] == raw["link_title"]


def test_thread_is_walked_recursively_with_links_inside_the_thread() -> None:
    records = parse("comments_fo7p5b_thread_2020-04-29.json")
    post, comments = records[0], records[1:]
    assert post.native_id == "t3_fo7p5b"
    names = set(_names(json.loads(load("comments_fo7p5b_thread_2020-04-29.json"))))
    assert len(comments) > 100  # more than the 100 top-level comments: replies are walked
    assert all(c.thread_id == "t3_fo7p5b" for c in comments)
    assert all(c.parent_id in names for c in comments)  # deleted parents are in the payload
    nested = [c for c in comments if c.parent_id != "t3_fo7p5b"]
    assert nested


def _names(node: object) -> list[str]:
    """Return every `name` field of a JSON tree."""
    if isinstance(node, dict):
        own = [node["name"]] if isinstance(node.get("name"), str) else []
        return own + [n for value in node.values() for n in _names(value)]
    if isinstance(node, list):
        return [n for value in node for n in _names(value)]
    return []


def test_reply_counts_count_direct_replies() -> None:
    records = parse("comments_3hahrw_thread_2016-03-22.json")
    by_parent: dict[str, int] = {}
    for r in records:
        if r.parent_id:
            by_parent[r.parent_id] = by_parent.get(r.parent_id, 0) + 1
    comment = next(r for r in records if r.engagement.get("replies", 0) >= 2)
    assert by_parent[comment.native_id] <= comment.engagement["replies"]


def test_morechildren_things_parse() -> None:
    things = json.loads(load("api_morechildren_3hahrw_2016-03-22.json"))["json"]["data"]["things"]
    records = parse("api_morechildren_3hahrw_2016-03-22.json")
    assert [r.native_id for r in records] == [t["data"]["name"] for t in things]
    assert records[0].url == "https://www.reddit.com/comments/3hahrw/_/cu5pg2h/"


def test_deleted_comment_is_dropped_but_its_replies_are_kept() -> None:
    reply = {
        "kind": "t1",
        "data": {
            "name": "t1_b",
            "body": "still here",
            "author": "zed",
            "created_utc": 1.7e9,
            "parent_id": "t1_a",
            "link_id": "t3_x",
            "replies": "",
        },
    }
    gone = {
        "kind": "t1",
        "data": {
            "name": "t1_a",
            "body": "[deleted]",
            "author": "[deleted]",
            "created_utc": 1.7e9,
            "parent_id": "t3_x",
            "link_id": "t3_x",
            "replies": {"kind": "Listing", "data": {"children": [reply]}},
        },
    }
    listing = {"kind": "Listing", "data": {"children": [gone]}}
    records = reddit.parse(json.dumps(listing).encode(), collected_at=COLLECTED)
    assert [r.native_id for r in records] == ["t1_b"]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty body"),
        (b"<!DOCTYPE html><html><title>Too Many Requests</title></html>", "HTML"),
        (load("r_all_new_2016-12-22.json")[:5000], "truncated JSON"),
        (b'{"kind": "Listing", "data": {"children": 3}}', "'data.children' is not a list"),
        (b'{"message": "Forbidden", "error": 403}', "API error 403"),
        (b"[1, 2]", "expected a Listing"),
    ],
)
def test_malformed_payloads_raise_one_parse_error(payload: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as caught:
        reddit.parse(payload, collected_at=COLLECTED)
    assert reason in str(caught.value)


def test_disabled_without_credentials_with_a_clear_reason() -> None:
    reason = reddit.enabled(Settings())
    assert reason is not None and "reddit_client_id" in reason and "\n" not in reason


def with_credentials(**options: object) -> Settings:
    return Settings(
        http=HttpSettings(per_host_rps=0, retries=1),
        sources=SourceSettings(
            secrets={"reddit_client_id": SecretStr("cid"), "reddit_client_secret": SecretStr("cs")},
            options={"reddit": {"subreddits": ["MMA"], "top_posts": 1, **options}},
        ),
    )


def test_enabled_with_credentials() -> None:
    assert reddit.enabled(with_credentials()) is None


class Recorder:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def collect(handler, settings: Settings, cursor: str | None, sleep: Recorder) -> list[Page]:
    async def go() -> list[Page]:
        async with make_client(settings, transport=httpx2.MockTransport(handler)) as client:
            return [p async for p in reddit.fetch(client, cursor, settings, sleep=sleep)]

    return asyncio.run(go())


def test_fetch_requests_a_token_then_new_then_the_top_thread() -> None:
    seen: list[httpx2.Request] = []
    listing = load("r_popular_hot_2026-04-13.json")
    posts = [c["data"] for c in json.loads(listing)["data"]["children"]]
    newest = max(p["created_utc"] for p in posts)
    top = max(posts, key=lambda p: (p["num_comments"], p["score"]))

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        if request.url.path == "/api/v1/access_token":
            return httpx2.Response(200, json={"access_token": "tok", "expires_in": 3600})
        if request.url.path.endswith("/new"):
            return httpx2.Response(200, content=listing)
        return httpx2.Response(200, content=load("comments_fo7p5b_thread_2020-04-29.json"))

    mark = sorted(p["created_utc"] for p in posts)[10]
    pages = collect(handler, with_credentials(), json.dumps({"new": {"MMA": mark}}), Recorder())
    token, new, thread = seen
    assert token.method == "POST" and token.content == b"grant_type=client_credentials"
    assert token.headers["authorization"].startswith("Basic ")
    assert new.headers["authorization"] == "bearer tok"
    assert new.url.params["raw_json"] == "1" and new.url.host == "oauth.reddit.com"
    assert thread.url.path == f"/comments/{top['id']}"
    assert [json.loads(p.cursor)["new"]["MMA"] for p in pages] == [newest, newest]


def test_cursor_moves_only_with_the_last_new_page() -> None:
    fresh_page = {
        "kind": "Listing",
        "data": {
            "after": "t3_b",
            "children": [
                {
                    "kind": "t3",
                    "data": {"id": "a", "name": "t3_a", "created_utc": 300.0, "title": "x"},
                }
            ],
        },
    }
    old_page = {
        "kind": "Listing",
        "data": {
            "after": None,
            "children": [
                {
                    "kind": "t3",
                    "data": {"id": "b", "name": "t3_b", "created_utc": 50.0, "title": "y"},
                }
            ],
        },
    }

    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.url.path == "/api/v1/access_token":
            return httpx2.Response(200, json={"access_token": "tok"})
        if request.url.path.endswith("/new"):
            page = old_page if "after" in request.url.params else fresh_page
            return httpx2.Response(200, json=page)
        return httpx2.Response(200, json=[])

    settings = with_credentials(top_posts=0)
    pages = collect(handler, settings, json.dumps({"new": {"MMA": 100.0}}), Recorder())
    assert [json.loads(p.cursor)["new"]["MMA"] for p in pages] == [100.0, 300.0]


def test_spent_rate_limit_budget_waits_for_the_reset() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.url.path == "/api/v1/access_token":
            return httpx2.Response(200, json={"access_token": "tok"})
        headers = {"X-Ratelimit-Remaining": "0.0", "X-Ratelimit-Reset": "42"}
        return httpx2.Response(
            200, headers=headers, json={"kind": "Listing", "data": {"children": []}}
        )

    sleep = Recorder()
    collect(handler, with_credentials(top_posts=0), None, sleep)
    assert sleep.delays == [42.0]


def test_rejected_credentials_give_a_fetch_error() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(401, json={"message": "Unauthorized", "error": 401})

    with pytest.raises(FetchError) as caught:
        collect(handler, with_credentials(), None, Recorder())
    assert caught.value.status == 401
    assert "cs" not in caught.value.one_line().split()


def test_fetch_without_credentials_raises_the_disabled_reason() -> None:
    with pytest.raises(FetchError, match="reddit_client_id"):
        collect(lambda r: httpx2.Response(200), Settings(), None, Recorder())
