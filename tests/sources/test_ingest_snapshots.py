"""Hugging Face snapshots through ingest: earlier counts are kept and deltas become records."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
import pytest
from sqlalchemy import select

from beatwire.config import HttpSettings, Settings, SourceSettings
from beatwire.model import Snapshot
from beatwire.sources import huggingface, ingest
from beatwire.store.engine import Store
from beatwire.store.forgotten import add_tombstones, record_key
from beatwire.store.frames import load_model_days, load_model_deltas
from beatwire.store.schema import engagement_snapshots, records

PAYLOADS = Path(__file__).parent / "payloads" / "huggingface"
DAY1_FILE = PAYLOADS / "models_trending_2026-01-01.json"
DAY2_FILE = PAYLOADS / "models_trending_2026-01-02.json"
DAY1 = datetime(2026, 1, 1, 6, tzinfo=UTC)
DAY1_LATER = datetime(2026, 1, 1, 18, tzinfo=UTC)
DAY2 = datetime(2026, 1, 2, 6, tzinfo=UTC)


def at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(ingest, "now_utc", lambda: moment)


def hf_settings(db: str) -> Settings:
    options = {
        "huggingface": {"sorts": ["trendingScore"], "dataset_sorts": [], "daily_papers": False}
    }
    return Settings(
        db=db,
        http=HttpSettings(per_host_rps=0, retries=0),
        sources=SourceSettings(options=options),
    )


def stored(store: Store, kind: str) -> dict[str, Any]:
    with store.read() as conn:
        rows = conn.execute(
            select(records.c.native_id, records.c.engagement, records.c.extra).where(
                records.c.provider == "huggingface", records.c.kind == kind
            )
        ).all()
    return {row[0]: row for row in rows}


def all_time(path: Path) -> dict[str, tuple[int, int]]:
    items = json.loads(path.read_bytes())
    return {i.get("id") or i["modelId"]: (i["downloadsAllTime"], i["likes"]) for i in items}


def test_enrich_adds_one_delta_record_per_model_with_an_earlier_snapshot() -> None:
    models = huggingface.parse(DAY2_FILE.read_bytes(), collected_at=DAY2)
    previous = {"acme-ai/speech-small": Snapshot(DAY1, {"downloads_all_time": 52000, "likes": 140})}
    out = huggingface.enrich(models, previous)
    assert out[: len(models)] == models
    (delta,) = out[len(models) :]
    assert delta.kind == "model_delta" and delta.native_id == "acme-ai/speech-small@2026-01-02"
    assert delta.engagement == {
        "downloads_delta": 3500,
        "downloads_per_day": 3500,
        "likes_delta": 10,
    }
    assert delta.extra["model_id"] == "acme-ai/speech-small"
    assert delta.extra["previous_snapshot_at"] == DAY1.isoformat()
    assert delta.published_at == DAY2 and delta.canonical_url is None
    assert "+3,500 downloads" in delta.text


def test_from_file_snapshots_on_two_days_give_delta_records(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, DAY1)
    ingest.ingest_file(store, settings, huggingface, DAY1_FILE)  # type: ignore[arg-type]
    assert stored(store, "model_delta") == {}
    at(monkeypatch, DAY2)
    ingest.ingest_file(store, settings, huggingface, DAY2_FILE)  # type: ignore[arg-type]

    deltas = stored(store, "model_delta")
    before, after = all_time(DAY1_FILE), all_time(DAY2_FILE)
    common = sorted(set(before) & set(after))
    assert sorted(deltas) == [f"{model}@2026-01-02" for model in common]
    for model in common:
        engagement = deltas[f"{model}@2026-01-02"][1]
        assert engagement["downloads_delta"] == after[model][0] - before[model][0]
        assert engagement["likes_delta"] == after[model][1] - before[model][1]
    # The model record itself still holds the newest counts only.
    tiny = stored(store, "model")["example-lab/tiny-reasoner-7b"]
    assert tiny[1]["downloads_all_time"] == after["example-lab/tiny-reasoner-7b"][0]


def test_a_second_snapshot_the_same_day_is_not_a_delta(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, DAY1)
    ingest.ingest_file(store, settings, huggingface, DAY1_FILE)  # type: ignore[arg-type]
    at(monkeypatch, DAY1_LATER)
    ingest.ingest_file(store, settings, huggingface, DAY2_FILE)  # type: ignore[arg-type]
    assert stored(store, "model_delta") == {}
    with store.read() as conn:
        kept = conn.execute(select(engagement_snapshots.c.snapshot_at)).scalars().all()
    assert sorted(set(kept)) == [DAY1, DAY1_LATER]


def test_live_ingest_on_two_days_stores_deltas_against_the_previous_day(
    store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    bodies = iter([DAY1_FILE.read_bytes(), DAY2_FILE.read_bytes()])
    settings = hf_settings(db_url)

    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=next(bodies))

    transport = httpx2.MockTransport(handler)
    for moment in (DAY1, DAY2):
        at(monkeypatch, moment)
        report = asyncio.run(
            ingest.ingest_live(store, settings, ["huggingface"], transport=transport)
        )
        assert report.figures["errors"] == 0
    deltas = stored(store, "model_delta")
    tiny = deltas["example-lab/tiny-reasoner-7b@2026-01-02"]
    assert tiny[1]["downloads_delta"] == 412000 - 201500
    assert tiny[2]["delta_basis"] == "all_time"
    assert tiny[2]["previous_snapshot_at"] == DAY1.isoformat()
    assert "new-org/fresh-embedder@2026-01-02" not in deltas  # no earlier snapshot


def test_the_detect_stage_reads_the_deltas_back(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for moment, path in ((DAY1, DAY1_FILE), (DAY2, DAY2_FILE)):
        at(monkeypatch, moment)
        ingest.ingest_file(store, settings, huggingface, path)  # type: ignore[arg-type]
    with store.read() as conn:
        deltas = {delta.model: delta for delta in load_model_deltas(conn, DAY1)}
    before, after = all_time(DAY1_FILE), all_time(DAY2_FILE)
    assert set(deltas) == set(before) & set(after)
    for model, delta in deltas.items():
        assert delta.gained == after[model][0] - before[model][0]
        assert delta.per_day == delta.gained and delta.at == int(DAY2.timestamp())


def test_the_detect_stage_reads_each_days_trending_models(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for moment, path in ((DAY1, DAY1_FILE), (DAY1_LATER, DAY1_FILE), (DAY2, DAY2_FILE)):
        at(monkeypatch, moment)
        ingest.ingest_file(store, settings, huggingface, path)  # type: ignore[arg-type]
    with store.read() as conn:
        days = load_model_days(conn, None)
    assert sorted(days) == ["2026-01-01", "2026-01-02"]
    for day, path in (("2026-01-01", DAY1_FILE), ("2026-01-02", DAY2_FILE)):
        models = {model: (maker, likes) for model, maker, _downloads, likes in days[day]}
        assert set(models) == set(all_time(path))  # each model once a day
        assert all(maker == model.split("/")[0] for model, (maker, _) in models.items())
        assert {model: likes for model, (_, likes) in models.items()} == {
            model: likes for model, (_, likes) in all_time(path).items()
        }


def forget_model(store: Store, model: str) -> None:
    with store.begin() as conn:
        add_tombstones(conn, [record_key("huggingface", model)])


def test_a_forgotten_model_gets_no_snapshot(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    forget_model(store, "acme-ai/speech-small")
    at(monkeypatch, DAY1)
    ingest.ingest_file(store, settings, huggingface, DAY1_FILE)  # type: ignore[arg-type]
    with store.read() as conn:
        kept = set(conn.execute(select(engagement_snapshots.c.native_id)).scalars())
    assert kept == set(all_time(DAY1_FILE)) - {"acme-ai/speech-small"}


def test_a_model_forgotten_after_its_first_snapshot_gets_no_delta(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, DAY1)
    ingest.ingest_file(store, settings, huggingface, DAY1_FILE)  # type: ignore[arg-type]
    forget_model(store, "acme-ai/speech-small")
    at(monkeypatch, DAY2)
    ingest.ingest_file(store, settings, huggingface, DAY2_FILE)  # type: ignore[arg-type]
    deltas = stored(store, "model_delta")
    assert "acme-ai/speech-small@2026-01-02" not in deltas
    assert "example-lab/tiny-reasoner-7b@2026-01-02" in deltas


def test_a_forgotten_delta_is_not_made_again(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    forget_model(store, "acme-ai/speech-small@2026-01-02")
    for moment, path in ((DAY1, DAY1_FILE), (DAY2, DAY2_FILE)):
        at(monkeypatch, moment)
        ingest.ingest_file(store, settings, huggingface, path)  # type: ignore[arg-type]
    assert "acme-ai/speech-small@2026-01-02" not in stored(store, "model_delta")
    assert "acme-ai/speech-small" in stored(store, "model")
