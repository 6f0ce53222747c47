"""Keys on requests: Bearer or X-API-Key, unknown and revoked keys, scopes, public docs."""

from __future__ import annotations

import httpx2
import pytest

from beatwire.store.keys import revoke_key
from beatwire.web.api.deps import key_entry
from beatwire.web.version import DataVersion

pytestmark = pytest.mark.anyio


async def test_no_key_is_401_with_the_error_shape(
    anonymous: httpx2.AsyncClient, error_body
) -> None:
    response = await anonymous.get("/v1/stories")
    assert response.status_code == 401
    assert error_body(response)["code"] == "unauthorized"
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer bw_nope_nope"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"X-API-Key": "bw_" + "a" * 500},
        {"X-API-Key": "' OR '1'='1"},
        {"X-API-Key": "bw_x' OR 1=1 --_secret"},
    ],
)
async def test_unknown_keys_are_401(anonymous: httpx2.AsyncClient, headers, seeded) -> None:
    assert (await anonymous.get("/v1/stats", headers=headers)).status_code == 401


async def test_a_wrong_secret_with_a_real_prefix_is_401(anonymous, make_key) -> None:
    token = make_key()
    forged = token[: token.rindex("_") + 1] + "x" * 43
    assert (await anonymous.get("/v1/stats", headers={"X-API-Key": forged})).status_code == 401


async def test_both_headers_are_accepted(anonymous: httpx2.AsyncClient, make_key) -> None:
    token = make_key()
    bearer = await anonymous.get("/v1/stats", headers={"Authorization": f"Bearer {token}"})
    header = await anonymous.get("/v1/stats", headers={"X-API-Key": token})
    assert bearer.status_code == header.status_code == 200


async def test_a_revoked_key_is_refused_from_the_next_request(
    anonymous: httpx2.AsyncClient, make_key, shared, state
) -> None:
    # PostgreSQL's version is otherwise asked at most once a second; SQLite's on every read.
    state.cache.versions = DataVersion(shared, interval=0)
    token = make_key()
    headers = {"X-API-Key": token}
    assert (await anonymous.get("/v1/stats", headers=headers)).status_code == 200
    # Kept (at the version of that request: other writers may move PostgreSQL's version on).
    assert key_entry(token) in state.cache
    with shared.begin() as conn:
        revoke_key(conn, token.split("_")[1])
    assert (await anonymous.get("/v1/stats", headers=headers)).status_code == 401


@pytest.mark.parametrize(
    ("scope", "allowed", "refused"),
    [
        ("records", "/v1/entities", "/v1/signals"),
        ("stories", "/v1/narratives", "/v1/records"),
        ("stream", "/v1/stats", "/v1/beats"),
    ],
)
async def test_scopes_gate_routes(anonymous, make_key, scope, allowed, refused, error_body) -> None:
    headers = {"X-API-Key": make_key((scope,))}
    assert (await anonymous.get(allowed, headers=headers)).status_code == 200
    response = await anonymous.get(refused, headers=headers)
    assert response.status_code == 403 and error_body(response)["code"] == "forbidden"


async def test_openapi_and_docs_need_no_key(anonymous: httpx2.AsyncClient) -> None:
    assert (await anonymous.get("/v1/openapi.json")).status_code == 200
    assert (await anonymous.get("/v1/docs")).status_code == 200
