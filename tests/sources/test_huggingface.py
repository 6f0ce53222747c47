"""Hugging Face: real /api/models/{id} fixtures, listings, daily papers, snapshot deltas."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
import pytest

from beatwire.config import Settings, SourceSettings
from beatwire.errors import FetchError, ParseError
from beatwire.http_client import make_client
from beatwire.sources import huggingface

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FIXTURES = SHARED / "corpora" / "api-fixtures" / "huggingface"
PAYLOADS = Path(__file__).parent / "payloads" / "huggingface"
DAY1 = datetime(2026, 1, 1, 6, tzinfo=UTC)
DAY2 = datetime(2026, 1, 2, 6, tzinfo=UTC)


def parse_file(path: Path, at: datetime = DAY1) -> list[Any]:
    return huggingface.parse(path.read_bytes(), collected_at=at)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.name)
def test_every_model_fixture_maps_its_fields(path: Path) -> None:
    raw = json.loads(path.read_bytes())
    (record,) = parse_file(path)
    assert record.kind == "model" and record.native_id == raw["id"] == record.title
    assert record.author == raw["author"]
    assert record.url == f"https://huggingface.co/{raw['id']}"
    assert record.engagement == {"downloads": raw["downloads"], "likes": raw["likes"]}
    assert record.published_at == datetime.fromisoformat(raw["createdAt"])
    assert record.extra["pipeline_tag"] == raw["pipeline_tag"]
    assert record.extra["library"] == raw["library_name"]
    assert record.extra["tags"] == raw["tags"]
    assert record.extra["snapshot_at"] == DAY1.isoformat()


def test_bert_counts_are_exact() -> None:
    (record,) = parse_file(FIXTURES / "model_info_google-bert__bert-base-uncased.json")
    assert record.engagement == {"downloads": 72_376_843, "likes": 2065}
    assert record.text == "google-bert/bert-base-uncased fill-mask transformers"


def test_listing_reads_all_time_downloads_and_legacy_ids() -> None:
    records = {r.native_id: r for r in parse_file(PAYLOADS / "models_trending_2026-01-01.json")}
    assert len(records) == 4
    tiny = records["example-lab/tiny-reasoner-7b"]
    assert tiny.engagement == {"downloads": 154000, "downloads_all_time": 201500, "likes": 812}
    assert tiny.extra["trending_score"] == 97
    assert records["bert-tiny-legacy"].author is None  # models without an org have no author


def test_daily_papers_are_the_arxiv_papers_with_their_upvotes() -> None:
    first, second = parse_file(PAYLOADS / "daily_papers.json", DAY2)
    raw = json.loads((PAYLOADS / "daily_papers.json").read_bytes())[0]
    assert (first.provider, first.kind, first.native_id) == ("arxiv", "paper", "2601.00123")
    assert first.title == raw["paper"]["title"] and first.text == raw["paper"]["summary"]
    assert first.url == first.canonical_url == "https://arxiv.org/abs/2601.00123"
    assert first.source == "huggingface.co/papers"
    assert first.extra["hf_url"] == "https://huggingface.co/papers/2601.00123"
    assert first.author == "Mara Lindqvist"
    assert first.published_at == datetime(2025, 12, 31, 17, 59, 58, tzinfo=UTC)
    assert first.engagement == {"upvotes": 57, "comments": 4, "github_stars": 311}
    assert first.extra["authors"] == ["Mara Lindqvist", "Tomás Ferreira"]
    assert first.extra["submitted_by"] == "maralind"
    assert second.engagement == {"upvotes": 12, "comments": 0}


def test_dataset_listing_maps_to_datasets_apart_from_models() -> None:
    raw = json.loads((PAYLOADS / "datasets_trending.json").read_bytes())
    records = parse_file(PAYLOADS / "datasets_trending.json")
    assert [r.kind for r in records] == ["dataset", "dataset"]
    first = records[0]
    assert first.native_id == f"datasets/{raw[0]['id']}" and first.title == raw[0]["id"]
    assert first.url == f"https://huggingface.co/datasets/{raw[0]['id']}"
    assert first.author == raw[0]["author"] and first.text == raw[0]["description"]
    assert first.engagement == {
        "downloads": raw[0]["downloads"],
        "downloads_all_time": raw[0]["downloadsAllTime"],
        "likes": raw[0]["likes"],
    }
    assert first.extra["created_at"] == raw[0]["createdAt"]
    assert records[1].extra["paperswithcode_id"] == raw[1]["paperswithcode_id"]


def test_a_single_dataset_is_told_from_a_model_by_its_own_fields() -> None:
    bare = {"id": "someone/thing", "downloads": 5, "likes": 1}
    as_model = huggingface.parse(json.dumps(bare).encode(), collected_at=DAY1)
    tagged = {**bare, "tags": ["modality:text", "region:us"]}
    described = {**bare, "paperswithcode_id": None}
    assert [r.kind for r in as_model] == ["model"]
    for item in (tagged, described):
        (record,) = huggingface.parse(json.dumps(item).encode(), collected_at=DAY1)
        assert (record.kind, record.native_id) == ("dataset", "datasets/someone/thing")


def test_snapshot_deltas_find_rising_models() -> None:
    before = parse_file(PAYLOADS / "models_trending_2026-01-01.json", DAY1)
    after = parse_file(PAYLOADS / "models_trending_2026-01-02.json", DAY2)
    deltas = {r.native_id: r for r in huggingface.snapshot_deltas(before, after)}
    # The new entrant has no earlier snapshot; the dropped model is not in the later one.
    assert set(deltas) == {
        "example-lab/tiny-reasoner-7b",
        "acme-ai/speech-small",
        "pixel-co/sketch-diffusion",
    }
    tiny = deltas["example-lab/tiny-reasoner-7b"].extra
    assert tiny["downloads_delta"] == 412000 - 201500
    assert tiny["downloads_per_day"] == 210500.0
    assert tiny["likes_delta"] == 1490 - 812
    assert tiny["delta_basis"] == "all_time"
    assert tiny["snapshot_at"] == DAY2.isoformat()
    assert tiny["previous_snapshot_at"] == DAY1.isoformat()
    top = huggingface.rising(deltas.values(), min_delta=5000)
    assert [r.native_id for r in top] == [
        "example-lab/tiny-reasoner-7b",
        "pixel-co/sketch-diffusion",
    ]


def rolling_pair(old_downloads: int, new_downloads: int, created: str | None) -> tuple[Any, Any]:
    """Return two snapshots a day apart of a model that reports only the rolling count."""
    item: dict[str, Any] = {"id": "org/rolling", "downloads": old_downloads, "likes": 3}
    if created is not None:
        item["createdAt"] = created
    (old,) = huggingface.parse(json.dumps(item).encode(), collected_at=DAY1)
    item["downloads"] = new_downloads
    (new,) = huggingface.parse(json.dumps(item).encode(), collected_at=DAY2)
    return old, new


def test_a_young_models_rolling_count_gives_the_exact_gain() -> None:
    old, new = rolling_pair(6_000, 9_000, "2025-12-20T00:00:00Z")  # 13 days old at DAY2
    (delta,) = huggingface.snapshot_deltas([old], [new])
    assert delta.extra["delta_basis"] == "rolling_30d_new"
    assert delta.extra["downloads_delta"] == 3_000 and delta.extra["downloads_per_day"] == 3_000


def test_an_older_models_gain_adds_back_what_left_the_window() -> None:
    old, new = rolling_pair(30_000, 29_500, "2024-01-01T00:00:00Z")
    (delta,) = huggingface.snapshot_deltas([old], [new])
    # -500 on the count, plus a day's share (1/30) of the earlier 30,000 that left the window.
    assert delta.extra["delta_basis"] == "rolling_30d_estimate"
    assert delta.extra["downloads_delta"] == 500
    assert delta.extra["downloads_count_change"] == -500


def test_an_estimated_gain_is_never_negative() -> None:
    old, new = rolling_pair(30_000, 20_000, None)
    (delta,) = huggingface.snapshot_deltas([old], [new])
    assert (delta.extra["delta_basis"], delta.extra["downloads_delta"]) == (
        "rolling_30d_estimate",
        0,
    )


def test_bert_fixture_gain_over_a_day_is_its_daily_share() -> None:
    path = FIXTURES / "model_info_google-bert__bert-base-uncased.json"
    (old,) = parse_file(path, DAY1)
    raw = json.loads(path.read_bytes())
    raw["downloads"] -= 1000
    (new,) = huggingface.parse(json.dumps(raw).encode(), collected_at=DAY2)
    (delta,) = huggingface.snapshot_deltas([old], [new])
    assert delta.extra["delta_basis"] == "rolling_30d_estimate"
    assert delta.extra["downloads_delta"] == round(72_376_843 / 30 - 1000)


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty"),
        (b'[{"id": "a/b"', "truncated"),
        (b"<html><body>502</body></html>", "HTML"),
        (b'{"error": "Repository not found"}', "Hub error: Repository not found"),
        (b'"models"', "not a list"),
        (b'{"name": "x"}', "not a model or a dataset"),
    ],
)
def test_malformed_payloads_raise(payload: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        huggingface.parse(payload, collected_at=DAY1)


def test_malformed_items_are_skipped(caplog: pytest.LogCaptureFixture) -> None:
    items = json.loads((PAYLOADS / "models_trending_2026-01-01.json").read_bytes())
    payload = json.dumps([items[0], {"id": 7}, "oops", {"paper": {"id": "x"}}]).encode()
    records = huggingface.parse(payload, collected_at=DAY1)
    assert [r.native_id for r in records] == ["example-lab/tiny-reasoner-7b"]
    assert "skipped 3 malformed item(s)" in caplog.text


def test_fetch_asks_each_listing_then_papers_and_moves_the_cursor_last() -> None:
    asked: list[httpx2.Request] = []
    day1 = (PAYLOADS / "models_trending_2026-01-01.json").read_bytes()

    def handler(request: httpx2.Request) -> httpx2.Response:
        asked.append(request)
        if request.url.path == "/api/daily_papers":
            return httpx2.Response(200, content=(PAYLOADS / "daily_papers.json").read_bytes())
        return httpx2.Response(200, content=day1)

    async def run() -> list[Any]:
        settings = Settings()
        async with make_client(settings, transport=httpx2.MockTransport(handler)) as client:
            return [page async for page in huggingface.fetch(client, "2025-12-31", settings)]

    pages = asyncio.run(run())
    assert [r.url.path for r in asked] == [
        "/api/models",
        "/api/models",
        "/api/datasets",
        "/api/daily_papers",
    ]
    assert [r.url.params["sort"] for r in asked[:3]] == [
        "trendingScore",
        "downloads",
        "trendingScore",
    ]
    assert "downloadsAllTime" in asked[0].url.params.get_list("expand[]")
    assert "paperswithcode_id" in asked[2].url.params.get_list("expand[]")
    assert [p.cursor for p in pages][:3] == ["2025-12-31"] * 3
    assert pages[-1].cursor is not None and pages[-1].cursor != "2025-12-31"


def test_fetch_failure_is_a_fetch_error() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(404, text="not found")

    async def run() -> None:
        settings = Settings(
            sources=SourceSettings(options={"huggingface": {"daily_papers": False}})
        )
        async with make_client(settings, transport=httpx2.MockTransport(handler)) as client:
            async for _ in huggingface.fetch(client, None, settings):
                pass

    with pytest.raises(FetchError, match="404"):
        asyncio.run(run())


def test_cadence_is_daily_and_no_key_is_needed() -> None:
    assert huggingface.CADENCE.days == 1 and huggingface.enabled(Settings()) is None
