"""GET /v1/stories and a story's versions: only what passed the gate and the verifier."""

from __future__ import annotations

import httpx2
import pytest

pytestmark = pytest.mark.anyio


async def test_lists_public_stories_only(client: httpx2.AsyncClient, seeded) -> None:
    body = (await client.get("/v1/stories", params={"limit": 20})).json()
    assert [story["id"] for story in body["data"]] == [seeded.story_id]
    assert body["data"][0]["headline"] == "Release talk triples"
    assert body["data"][0]["version"] == 2


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"type": "story"}, 1),
        ({"type": "lead"}, 0),
        ({"beat": "models-releases"}, 1),
        ({"beat": "policy-regulation"}, 0),
        ({"status": "developing"}, 1),
        ({"status": "final"}, 0),
    ],
)
async def test_story_filters(client: httpx2.AsyncClient, seeded, params, count: int) -> None:
    assert len((await client.get("/v1/stories", params=params)).json()["data"]) == count


async def test_held_status_is_not_a_filter(client: httpx2.AsyncClient, seeded, error_body) -> None:
    response = await client.get("/v1/stories", params={"status": "held"})
    assert response.status_code == 400 and "status" in error_body(response)["message"]


async def test_story_by_id_and_by_slug(client: httpx2.AsyncClient, seeded) -> None:
    by_id = (await client.get(f"/v1/stories/{seeded.story_id}")).json()
    by_slug = (await client.get(f"/v1/stories/{seeded.story_slug}")).json()
    assert by_id == by_slug
    current = by_id["current"]
    assert current["version"] == 2 and current["fidelity"]["score"] == 92.0
    assert [c["number"] for c in current["citations"]] == [1, 2]
    assert current["citations"][0]["record"]["id"] == seeded.record_ids[0]


async def test_held_story_is_not_found(client: httpx2.AsyncClient, seeded) -> None:
    assert (await client.get(f"/v1/stories/{seeded.held_story_id}")).status_code == 404
    assert (await client.get(f"/v1/stories/{seeded.held_story_id}/versions")).status_code == 404


async def test_versions_list_and_one_version(client: httpx2.AsyncClient, seeded) -> None:
    versions = (await client.get(f"/v1/stories/{seeded.story_id}/versions")).json()
    assert [v["version"] for v in versions["data"]] == [1, 2]
    first = await client.get(f"/v1/stories/{seeded.story_id}/versions/1")
    assert first.json()["headline"] == "Release talk doubles"
    assert "immutable" in first.headers["cache-control"]


async def test_missing_version_is_404(client: httpx2.AsyncClient, seeded, error_body) -> None:
    response = await client.get(f"/v1/stories/{seeded.story_id}/versions/3")
    assert response.status_code == 404 and error_body(response)["code"] == "not_found"


async def test_stories_need_the_stories_scope(anonymous: httpx2.AsyncClient, make_key) -> None:
    token = make_key(("records",))
    response = await anonymous.get("/v1/stories", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403
