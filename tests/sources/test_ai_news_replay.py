"""A slice of the real ai-news-2025 corpus, turned into platform responses and replayed."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import defaultdict
from datetime import datetime
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import select

from beatwire.sources.backfill import ingest_manifest
from beatwire.sources.timestamps import parse_time
from beatwire.store.engine import Store
from beatwire.store.schema import engagement_snapshots, raw_pages, records

REPO = Path(__file__).resolve().parents[2]
SNAPSHOTS = 4  # the first four snapshots of every feed: two UTC days of Hugging Face


@cache
def script() -> ModuleType:
    """Return the conversion script, loaded as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "ai_news_payloads", REPO / "scripts/ai_news_payloads.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ai-news")
    script().convert(script().CORPUS, out, SNAPSHOTS)
    return out


def manifest(out: Path) -> list[tuple[str, str, datetime]]:
    lines = (out / "manifest.tsv").read_text(encoding="utf-8").splitlines()
    return [
        (source, path, parse_time(as_of))
        for source, path, as_of in (line.split("\t") for line in lines)
    ]


def expected_history(
    out: Path, prefix: str, id_key: str, count: str
) -> dict[str, set[tuple[datetime, int]]]:
    """Return, per item, the (fetch time, count) its payloads of `prefix` show."""
    history: dict[str, set[tuple[datetime, int]]] = defaultdict(set)
    for _source, path, as_of in manifest(out):
        if path.startswith(prefix):
            document: Any = json.loads((out / path).read_bytes())
            for item in document["hits"] if isinstance(document, dict) else document:
                history[str(item[id_key])].add((as_of, item[count]))
    return history


def stored_history(store: Store, provider: str, count: str) -> dict[str, set[tuple[datetime, int]]]:
    table = engagement_snapshots.c
    query = select(table.native_id, table.snapshot_at, table.engagement).where(
        table.provider == provider
    )
    history: dict[str, set[tuple[datetime, int]]] = defaultdict(set)
    with store.read() as conn:
        for native, at, engagement in conn.execute(query):
            history[native].add((at, engagement[count]))
    return history


def test_the_slice_has_every_feed_and_its_snapshot_times(converted: Path) -> None:
    lines = manifest(converted)
    sources = {source for source, _path, _at in lines}
    assert sources == {"hackernews", "huggingface", "news"}
    assert sum(1 for _s, path, _a in lines if path.startswith("hackernews/")) == SNAPSHOTS
    for prefix in ("huggingface/models", "huggingface/datasets", "huggingface/daily_papers"):
        assert sum(1 for _s, path, _a in lines if path.startswith(prefix)) == SNAPSHOTS
    assert [at for _s, _p, at in lines] == sorted(at for _s, _p, at in lines)


def test_replay_stores_every_payload_with_one_snapshot_per_fetch(
    store: Store, converted: Path
) -> None:
    report = ingest_manifest(store, converted / "manifest.tsv")
    lines = manifest(converted)
    assert (report.figures["ingested"], report.figures["failed"]) == (len(lines), 0)
    with store.read() as conn:
        kept = sorted(conn.execute(select(raw_pages.c.collected_at)).scalars())
        kinds = set(conn.execute(select(records.c.kind)).scalars())
    assert kept == sorted(at for _s, _p, at in lines)  # each payload at its fetch time
    assert {"story", "model", "dataset", "paper", "article", "model_delta"} <= kinds
    # Hacker News points and Hugging Face downloads: one snapshot per fetch, as fetched.
    assert stored_history(store, "hackernews", "score") == expected_history(
        converted, "hackernews/", "objectID", "points"
    )
    downloads = stored_history(store, "huggingface", "downloads")
    models = expected_history(converted, "huggingface/models", "id", "downloads")
    assert {native: downloads[native] for native in models} == models
    datasets = expected_history(converted, "huggingface/datasets", "id", "downloads")
    assert {name: downloads[f"datasets/{name}"] for name in datasets} == datasets


def test_a_second_replay_skips_everything(store: Store, converted: Path) -> None:
    ingest_manifest(store, converted / "manifest.tsv")
    again = ingest_manifest(store, converted / "manifest.tsv")
    assert (again.figures["ingested"], again.figures["skipped"]) == (0, len(manifest(converted)))


def test_the_script_never_writes_into_the_repository() -> None:
    with pytest.raises(SystemExit, match="refusing to write into the repository"):
        script().convert(script().CORPUS, REPO / "replay-out", 1)
