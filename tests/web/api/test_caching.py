"""ETag and Cache-Control on reads; 304 on a matching If-None-Match."""

from __future__ import annotations

import httpx2
import pytest

pytestmark = pytest.mark.anyio

READS = ["/v1/records", "/v1/stories", "/v1/beats", "/v1/signals", "/v1/entities", "/v1/stats"]


@pytest.mark.parametrize("path", READS)
async def test_reads_carry_etag_and_cache_control(client: httpx2.AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.headers["etag"].startswith('"')
    assert response.headers["cache-control"].startswith("private, max-age=")


async def test_matching_if_none_match_is_304(client: httpx2.AsyncClient) -> None:
    first = await client.get("/v1/stories")
    again = await client.get("/v1/stories", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == first.headers["etag"]


async def test_weak_and_listed_tags_match(client: httpx2.AsyncClient) -> None:
    etag = (await client.get("/v1/beats")).headers["etag"]
    listed = await client.get("/v1/beats", headers={"If-None-Match": f'"other", W/{etag}'})
    assert listed.status_code == 304


async def test_another_tag_gets_the_body(client: httpx2.AsyncClient) -> None:
    response = await client.get("/v1/stories", headers={"If-None-Match": '"stale"'})
    assert response.status_code == 200 and response.json()["data"]


async def test_different_pages_have_different_tags(client: httpx2.AsyncClient) -> None:
    one = await client.get("/v1/records", params={"limit": 1})
    two = await client.get("/v1/records", params={"limit": 2})
    assert one.headers["etag"] != two.headers["etag"]
