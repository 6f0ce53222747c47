"""Beats, entities, narratives, signals, search and stats."""

from __future__ import annotations

import httpx2
import pytest

pytestmark = pytest.mark.anyio


async def test_beats_list_counts_records_and_stories(client: httpx2.AsyncClient, seeded) -> None:
    beats = {b["slug"]: b for b in (await client.get("/v1/beats")).json()["data"]}
    assert beats["models-releases"]["records"] == 3
    assert beats["models-releases"]["stories"] == 1
    assert beats["policy-regulation"]["records"] == 2


async def test_beat_has_a_daily_series(client: httpx2.AsyncClient, seeded) -> None:
    body = (await client.get("/v1/beats/models-releases", params={"days": 7})).json()
    assert len(body["series"]) == 7
    assert sum(day["records"] for day in body["series"]) == 3
    assert body["top_entities"][0]["slug"] == "openai"


async def test_unknown_beat_is_404(client: httpx2.AsyncClient, seeded) -> None:
    assert (await client.get("/v1/beats/no-such-beat")).status_code == 404


async def test_entities_by_mentions_with_cursor(client: httpx2.AsyncClient, seeded) -> None:
    first = (await client.get("/v1/entities", params={"limit": 1})).json()
    assert first["data"][0] == {
        "slug": "openai",
        "name": "OpenAI",
        "type": "organization",
        "mentions": 5,
    }
    second = (await client.get("/v1/entities", params={"cursor": first["next_cursor"]})).json()
    assert [e["slug"] for e in second["data"]] == ["eu-ai-act"]
    assert second["next_cursor"] is None


async def test_entity_over_time(client: httpx2.AsyncClient, seeded) -> None:
    body = (await client.get("/v1/entities/eu-ai-act", params={"days": 5})).json()
    assert body["mentions"] == 2 and len(body["series"]) == 5
    assert {b["slug"] for b in body["beats"]} == {"policy-regulation"}
    assert len(body["recent"]) == 2


async def test_narrative_timeline_and_lineage(client: httpx2.AsyncClient, seeded) -> None:
    listed = (await client.get("/v1/narratives", params={"status": "growing"})).json()
    assert [n["id"] for n in listed["data"]] == [seeded.narrative_id]
    body = (await client.get(f"/v1/narratives/{seeded.narrative_id}")).json()
    assert [event["kind"] for event in body["timeline"]] == ["born", "merged"]
    assert body["lineage"] == ["nar-0"]
    assert sum(day["records"] for day in body["series"]) == 2


async def test_signals_filtered_by_window(client: httpx2.AsyncClient, seeded) -> None:
    everything = (await client.get("/v1/signals")).json()["data"]
    recent = (await client.get("/v1/signals", params={"window": "36h"})).json()["data"]
    assert [s["id"] for s in everything] == ["sig-0", "sig-1", "sig-2"]
    assert [s["id"] for s in recent] == ["sig-0", "sig-1"]


async def test_search_covers_records_and_stories(client: httpx2.AsyncClient, seeded) -> None:
    body = (await client.get("/v1/search", params={"q": "release talk"})).json()
    assert [s["id"] for s in body["stories"]] == [seeded.story_id]
    body = (await client.get("/v1/search", params={"q": "regulators"})).json()
    assert len(body["records"]) == 1 and body["scopes"] == ["records", "stories"]


async def test_search_only_searches_the_keys_scopes(
    anonymous: httpx2.AsyncClient, make_key
) -> None:
    headers = {"X-API-Key": make_key(("stories",))}
    body = (await anonymous.get("/v1/search", params={"q": "model"}, headers=headers)).json()
    assert body["scopes"] == ["stories"] and body["records"] == []
    stream_only = {"X-API-Key": make_key(("stream",))}
    response = await anonymous.get("/v1/search", params={"q": "x"}, headers=stream_only)
    assert response.status_code == 403


async def test_stats_figures(client: httpx2.AsyncClient, seeded) -> None:
    body = (await client.get("/v1/stats")).json()
    assert body["records"] == 6 and body["stories"] == 1
    assert body["platforms"] == {"bluesky": 2, "hackernews": 2, "reddit": 2}
    assert body["records_24h"] == 3 and body["signals_48h"] == 3
    assert body["active_beats_24h"] == 2
