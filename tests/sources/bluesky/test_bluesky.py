"""Bluesky parser on the real XRPC fixtures and on Jetstream captures; filter; XRPC threads."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
import pytest
from pydantic import SecretStr

from beatwire.config import Settings, SourceSettings
from beatwire.errors import ConfigError, ParseError, SourceError
from beatwire.http_client import make_client
from beatwire.sources import bluesky
from beatwire.sources.bluesky.xrpc import fetch_threads

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
FIXTURES = SHARED / "corpora" / "api-fixtures" / "bluesky"
CAPTURE = Path(__file__).parent / "payloads" / "jetstream" / "capture.jsonl"
NOW = datetime(2026, 1, 2, tzinfo=UTC)

POST_FILES = {
    "bskyr_app.bsky.feed.getActorLikes.json": 9,
    "bskyr_app.bsky.feed.getAuthorFeed.json": 73,
    "bskyr_app.bsky.feed.getFeed.json": 7,
    "bskyr_app.bsky.feed.getListFeed.json": 10,
    "bskyr_app.bsky.feed.getPostThread.json": 1,
    "bskyr_app.bsky.feed.getPosts.json": 1,
    "bskyr_app.bsky.feed.getQuotes.json": 2,
    "bskyr_app.bsky.feed.searchPosts.json": 25,
    "bskyr_com.atproto.repo.listRecords.json": 50,
    "indigo_automod_capture_atproto.com_2023-12-09.json": 20,
    "marshalx_post_record.json": 1,
    "marshalx_thread_view_post_with_embed_media.json": 1,
}
NOT_POST_FILES = {
    "bskyr_app.bsky.actor.getProfiles.json": "actor profiles",
    "bskyr_app.bsky.feed.getLikes.json": "likes of a post",
    "bskyr_app.bsky.feed.getRepostedBy.json": "reposters",
    "indigo_firehose_commit_4621317030.json": "firehose #commit frame",
    "indigo_firehose_commit_4621317332.json": "firehose #commit frame",
    "indigo_firehose_commit_4621332152.json": "firehose #commit frame",
    "indigo_firehose_commit_4623075231.json": "firehose #commit frame",
    "indigo_repo_bnewbold.robocracy.org_20250310.car": "binary CAR",
    "marshalx_did_doc.json": "DID document",
    "marshalx_feed_record.json": "app.bsky.feed.generator record",
    "marshalx_get_follows.json": "follow list",
    "marshalx_resolve_handle.json": "keys did",
}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def document(name: str) -> Any:
    return json.loads(fixture(name))


def by_id(name: str) -> dict[str, Any]:
    return {r.native_id: r for r in bluesky.parse(fixture(name), collected_at=NOW)}


def test_every_fixture_file_is_decided() -> None:
    present = {path.name for path in FIXTURES.iterdir() if path.name != "SOURCE.md"}
    assert present == set(POST_FILES) | set(NOT_POST_FILES)


@pytest.mark.parametrize(("name", "count"), sorted(POST_FILES.items()))
def test_post_payloads_parse_to_their_posts(name: str, count: int) -> None:
    records = bluesky.parse(fixture(name), collected_at=NOW)
    assert len(records) == count
    assert all(r.provider == "bluesky" and r.kind == "post" for r in records)
    assert all(r.native_id.startswith("at://did:") for r in records)
    assert all(r.published_at.tzinfo is not None and r.collected_at == NOW for r in records)


@pytest.mark.parametrize(("name", "reason"), sorted(NOT_POST_FILES.items()))
def test_other_payloads_say_they_hold_no_posts(name: str, reason: str) -> None:
    with pytest.raises(ParseError, match=f"not a post payload: .*{reason}"):
        bluesky.parse(fixture(name), collected_at=NOW)


def test_search_result_maps_every_field() -> None:
    raw = document("bskyr_app.bsky.feed.searchPosts.json")["posts"][0]
    record = by_id("bskyr_app.bsky.feed.searchPosts.json")[raw["uri"]]
    did, rkey = raw["author"]["did"], raw["uri"].rsplit("/", 1)[1]
    assert record.text == raw["record"]["text"]
    assert record.author == raw["author"]["handle"]
    assert record.author_name == raw["author"]["displayName"]
    assert record.published_at == datetime(2025, 5, 19, 17, 10, 9, 561858, tzinfo=UTC)
    assert record.url == f"https://bsky.app/profile/{raw['author']['handle']}/post/{rkey}"
    assert record.canonical_url == f"https://bsky.app/profile/{did}/post/{rkey}"
    assert record.engagement == {"likes": 0, "reposts": 0, "replies": 0, "quotes": 0}
    assert record.extra["links"] == [raw["record"]["facets"][0]["features"][0]["uri"]]
    assert record.lang is None and record.parent_id is None and record.raw == raw


def test_author_feed_reply_links_and_context_posts() -> None:
    item = document("bskyr_app.bsky.feed.getAuthorFeed.json")["feed"][0]
    records = by_id("bskyr_app.bsky.feed.getAuthorFeed.json")
    reply = records[item["post"]["uri"]]
    assert reply.parent_id == item["post"]["record"]["reply"]["parent"]["uri"]
    assert reply.thread_id == item["post"]["record"]["reply"]["root"]["uri"]
    assert reply.lang == "en"
    assert reply.engagement == {"likes": 0, "reposts": 0, "replies": 1, "quotes": 0}
    root = records[item["reply"]["root"]["uri"]]  # the post replied to is kept as context
    assert root.author == item["reply"]["root"]["author"]["handle"]
    assert root.text == item["reply"]["root"]["record"]["text"]


def test_author_feed_repost_keeps_the_original_author() -> None:
    item = document("bskyr_app.bsky.feed.getAuthorFeed.json")["feed"][6]
    assert "reason" in item
    record = by_id("bskyr_app.bsky.feed.getAuthorFeed.json")[item["post"]["uri"]]
    assert record.author == item["post"]["author"]["handle"]


def test_thread_maps_engagement_and_time() -> None:
    raw = document("bskyr_app.bsky.feed.getPostThread.json")["thread"]["post"]
    (record,) = bluesky.parse(fixture("bskyr_app.bsky.feed.getPostThread.json"), collected_at=NOW)
    assert record.native_id == raw["uri"]
    assert record.engagement == {"likes": 4, "reposts": 0, "replies": 0, "quotes": 0}
    assert record.published_at == datetime(2023, 9, 19, 11, 32, 54, 574000, tzinfo=UTC)
    assert record.extra["links"] == ["http://localview.net", "https://rstats.ai/gov.html"]


def test_quotes_point_at_the_quoted_post() -> None:
    quoted = document("bskyr_app.bsky.feed.getQuotes.json")["uri"]
    records = bluesky.parse(fixture("bskyr_app.bsky.feed.getQuotes.json"), collected_at=NOW)
    assert [r.extra["quote_of"] for r in records] == [quoted, quoted]
    assert records[0].engagement == {"likes": 3, "reposts": 1, "replies": 1, "quotes": 0}


def test_record_with_media_quote() -> None:
    raw = document("marshalx_thread_view_post_with_embed_media.json")["thread"]["post"]
    (record,) = bluesky.parse(
        fixture("marshalx_thread_view_post_with_embed_media.json"), collected_at=NOW
    )
    assert record.extra["quote_of"] == raw["record"]["embed"]["record"]["record"]["uri"]
    assert record.text == "" and record.author == "test.marshal.dev"


def test_list_records_without_handles_use_the_did() -> None:
    raw = document("bskyr_com.atproto.repo.listRecords.json")["records"][0]
    record = by_id("bskyr_com.atproto.repo.listRecords.json")[raw["uri"]]
    did = raw["uri"].split("/")[2]
    assert record.author == did and record.url == record.canonical_url
    assert record.parent_id == raw["value"]["reply"]["parent"]["uri"]
    assert record.published_at == datetime(2025, 5, 5, 1, 30, 17, 912000, tzinfo=UTC)
    assert record.engagement == {} and record.extra["cid"] == raw["cid"]


def test_automod_capture_takes_the_handle_of_its_account() -> None:
    raw = document("indigo_automod_capture_atproto.com_2023-12-09.json")["postRecords"][0]
    record = by_id("indigo_automod_capture_atproto.com_2023-12-09.json")[raw["uri"]]
    assert record.author == "atproto.com"
    assert record.url.startswith("https://bsky.app/profile/atproto.com/post/")  # type: ignore[union-attr]
    assert record.extra["embed_url"] == raw["value"]["embed"]["external"]["uri"]
    assert record.thread_id == raw["value"]["reply"]["root"]["uri"]


def test_offset_timestamps_are_read_as_utc() -> None:
    (record,) = bluesky.parse(fixture("marshalx_post_record.json"), collected_at=NOW)
    assert record.published_at == datetime(2024, 2, 22, 19, 58, 13, 903293, tzinfo=UTC)


# --- Jetstream captures ------------------------------------------------------------------


def test_jetstream_capture_keeps_post_creates_only() -> None:
    records = bluesky.parse(CAPTURE.read_bytes(), collected_at=NOW)
    assert len(records) == 9  # updates, deletes, identity and account messages add nothing
    first = records[0]
    assert first.native_id == (
        "at://did:plc:beatwiretest0000000000001/app.bsky.feed.post/3lbwaaaaaaa21"
    )
    assert first.author == "ada.example.com"  # from the identity message in the capture
    assert first.url == "https://bsky.app/profile/ada.example.com/post/3lbwaaaaaaa21"
    assert first.published_at == datetime(2026, 1, 1, 0, 0, 1, tzinfo=UTC)
    assert first.extra["time_us"] == 1767225601000000
    assert first.lang == "en" and first.engagement == {}


def test_jetstream_reply_and_link_card() -> None:
    records = {
        r.native_id.rsplit("/", 1)[1]: r
        for r in bluesky.parse(CAPTURE.read_bytes(), collected_at=NOW)
    }
    reply = records["3lbwaaaaaaa26"]
    assert reply.parent_id == reply.thread_id == records["3lbwaaaaaaa21"].native_id
    card = records["3lbwaaaaaaa25"]
    assert card.extra["embed_url"] == "https://news.example.org/ai-audits?utm_source=bsky"
    assert card.author == "did:plc:beatwiretest0000000000003"


def test_jetstream_truncated_last_line_is_skipped() -> None:
    lines = CAPTURE.read_bytes().splitlines()
    cut = b"\n".join(lines[:3]) + b"\n" + lines[3][:40]
    assert len(bluesky.parse(cut, collected_at=NOW)) == 2


def test_jetstream_item_of_the_wrong_type_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    event = json.loads(CAPTURE.read_text().splitlines()[1])
    event["commit"]["record"]["text"] = 42
    payload = json.dumps(event).encode() + b"\n" + CAPTURE.read_bytes().splitlines()[2]
    records = bluesky.parse(payload, collected_at=NOW)
    assert [r.native_id[-2:] for r in records] == ["22"]
    assert "skipped 1 malformed item" in caplog.text


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty"),
        (b'{"posts": [', "truncated JSON"),
        (b"<!DOCTYPE html><html><body>Bad gateway</body></html>", "HTML"),
        (b'{"posts": "none"}', "wrong type"),
        (b"[1, 2]", "not a post payload"),
        (b'{"error": "InvalidRequest", "message": "bad cursor"}', "XRPC error InvalidRequest"),
        (b"\xff\xfe{}", "JSON"),
    ],
)
def test_malformed_payloads_raise_one_clear_error(payload: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        bluesky.parse(payload, collected_at=NOW)


# --- the filter ---------------------------------------------------------------------------


def settings(**options: Any) -> Settings:
    return Settings(sources=SourceSettings(options={"bluesky": options}))


def kept(filter_settings: Settings) -> list[str]:
    keep = bluesky.post_filter(filter_settings)
    events = [json.loads(line) for line in CAPTURE.read_text().splitlines()]
    return [
        e["commit"]["rkey"][-2:]
        for e in events
        if e["kind"] == "commit" and e["commit"]["operation"] == "create" and keep(e)
    ]


def test_default_keywords_match_whole_words_and_acronyms_by_case() -> None:
    # "j'ai" (2a) is not "AI"; the link card title counts for 25.
    assert kept(settings()) == ["21", "25", "28", "2b", "2c"]


def test_languages_filter_on_langs_with_regional_tags() -> None:
    # 2b has no langs and is kept; 2c is "en-US".
    assert kept(settings(languages=["en"])) == ["21", "25", "2b", "2c"]
    assert kept(settings(languages=["en"], keep_unlabelled=False)) == ["21", "25", "2c"]


def test_patterns_replace_keywords_when_keywords_are_emptied() -> None:
    assert kept(settings(keywords=[], patterns=[r"\bKI-\w+"])) == ["28"]


def test_no_keywords_and_no_patterns_keep_everything() -> None:
    assert len(kept(settings(keywords=[]))) == 9


def test_bad_pattern_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="bad bluesky pattern"):
        bluesky.post_filter(settings(patterns=["(unclosed"]))


# --- authenticated XRPC threads ------------------------------------------------------------


def secret_settings() -> Settings:
    secrets = {
        "bluesky_handle": SecretStr("newsroom.example.com"),
        "bluesky_app_password": SecretStr("abcd-efgh-ijkl-mnop"),
    }
    return Settings(sources=SourceSettings(secrets=secrets))


def test_threads_open_a_session_then_fetch_each_thread() -> None:
    seen: list[httpx2.Request] = []
    thread = fixture("bskyr_app.bsky.feed.getPostThread.json")
    uri = document("bskyr_app.bsky.feed.getPostThread.json")["thread"]["post"]["uri"]

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        if request.url.path.endswith("createSession"):
            return httpx2.Response(200, json={"accessJwt": "jwt-1", "refreshJwt": "r"})
        return httpx2.Response(200, content=thread)

    async def run() -> list[Any]:
        config = secret_settings()
        client = make_client(config, transport=httpx2.MockTransport(handler))
        async with client:
            return [page async for page in fetch_threads(client, [uri], config)]

    pages = asyncio.run(run())
    login, get = seen
    assert json.loads(login.content) == {
        "identifier": "newsroom.example.com",
        "password": "abcd-efgh-ijkl-mnop",
    }
    assert get.headers["authorization"] == "Bearer jwt-1"
    assert get.url.params["uri"] == uri
    (record,) = bluesky.parse(pages[0].payload, collected_at=NOW)
    assert record.engagement["likes"] == 4 and pages[0].cursor is None


def test_threads_without_an_app_password_say_how_to_set_one() -> None:
    async def run() -> None:
        async with make_client(Settings()) as client:
            async for _ in fetch_threads(client, ["at://x/app.bsky.feed.post/y"], Settings()):
                pass

    with pytest.raises(SourceError, match="app password"):
        asyncio.run(run())


def test_enabled_needs_nothing() -> None:
    assert bluesky.enabled(Settings()) is None
    assert bluesky.CADENCE.total_seconds() == 0 and bluesky.STREAMING
