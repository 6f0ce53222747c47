"""The ecosystem page and its charts on a replayed slice of the real ai-news-2025 corpus."""

from __future__ import annotations

from pathlib import Path

import httpx2
import pytest

from beatwire.config import load_settings
from beatwire.sources.backfill import ingest_manifest
from beatwire.store.engine import open_store
from beatwire.web.app import create_app
from tests.sources.test_ai_news_replay import script

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_the_page_shows_the_weeks_standings_charts_and_tables(tmp_path: Path) -> None:
    script().convert(script().CORPUS, tmp_path / "payloads", 20)
    url = f"sqlite:///{tmp_path / 'site.db'}"
    store = open_store(url)
    ingest_manifest(store, tmp_path / "payloads" / "manifest.tsv")
    app = create_app(load_settings(None, db=url), store)
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://site.test") as client:
        page = (await client.get("/ecosystem/")).text
        twin = (await client.get("/ecosystem/index.json")).json()
        countries = await client.get("/ecosystem/countries.svg")
        makers = await client.get("/ecosystem/makers.svg")
    store.close()
    week = twin["week"]
    assert week["gained"] > 0 and week["countries"][0]["name"] in page
    assert "Chinese makers" in page and "The models behind them" in page
    assert week["models"][0]["model"] in page
    lines = dict(twin["countries"]["lines"])
    assert "Chinese makers" in lines and len(twin["countries"]["periods"]) >= 2
    assert all(v is None or 0 <= v <= 100 for values in lines.values() for v in values)
    for chart in (countries, makers):
        assert chart.status_code == 200 and chart.headers["content-type"] == "image/svg+xml"
        assert b"<script" not in chart.content
    assert b"Chinese makers" in countries.content
