"""GET /v1/ecosystem/standings and /v1/ecosystem/shares on a replayed slice of ai-news-2025."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx2
import pytest
from fastapi import FastAPI

from beatwire.config import load_settings
from beatwire.sources.backfill import ingest_manifest
from beatwire.store.engine import Store
from beatwire.store.keys import create_key
from tests.sources.test_ai_news_replay import script

pytestmark = pytest.mark.anyio


async def test_standings_and_shares_of_trending_model_downloads(
    store: Store, tmp_path: Path, app_factory: Callable[..., FastAPI]
) -> None:
    script().convert(script().CORPUS, tmp_path, 20)  # about ten days of Hugging Face
    ingest_manifest(store, tmp_path / "manifest.tsv")
    with store.begin() as conn:
        token = create_key(conn, name="t", scopes=("records",), rpm=10_000).token
        stories_only = create_key(conn, name="s", scopes=("stories",), rpm=10_000).token
    app = app_factory(load_settings(None, db=str(store.engine.url)), store)
    transport = httpx2.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx2.AsyncClient(
        transport=transport, base_url="http://beatwire.test", headers=headers
    ) as client:
        weeks = (await client.get("/v1/ecosystem/shares")).json()
        assert weeks["scope"] == "country" and len(weeks["data"]) >= 2
        later = weeks["data"][-1]
        assert later["gained"] > 0
        assert sum(later["shares"].values()) == pytest.approx(1.0, abs=1e-3)
        assert later["leader"] in later["shares"] and later["leader"] != "unknown"

        newest = (await client.get("/v1/ecosystem/standings")).json()
        assert newest["period"] == later["period"]
        assert newest["countries"][0]["key"] == later["leader"]
        chinese = next(g for g in newest["countries"] if g["key"] == "CN")
        assert chinese["name"] == "Chinese makers"
        assert chinese["places"] == len(chinese["models"])
        assert {m["model"] for m in newest["models"]} >= set(chinese["models"])
        assert set(newest["newcomers"]) <= {m["model"] for m in newest["models"]}

        first_day = weeks["data"][0]["start"]
        wanted = {"period": "day", "at": first_day}
        day = (await client.get("/v1/ecosystem/standings", params=wanted)).json()
        assert day["start"] == day["end"] >= first_day
        makers = (await client.get("/v1/ecosystem/shares", params={"scope": "maker"})).json()
        assert "Alibaba" in {k for row in makers["data"] for k in row["shares"]}

        missing = await client.get("/v1/ecosystem/standings", params={"at": "2001-01-01"})
        assert missing.status_code == 404
        bad = await client.get("/v1/ecosystem/shares", params={"period": "month"})
        assert bad.status_code == 400
        denied = await client.get(
            "/v1/ecosystem/shares", headers={"Authorization": f"Bearer {stories_only}"}
        )
        assert denied.status_code == 403
        spec = (await client.get("/v1/openapi.json")).json()
        assert {"/ecosystem/standings", "/ecosystem/shares"} <= set(spec["paths"])
