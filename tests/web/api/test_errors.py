"""Bad input and hostile input: always the one error body, 400 with a reason, never a 500."""

from __future__ import annotations

import base64
import json

import httpx2
import pytest

pytestmark = pytest.mark.anyio


def forged(payload: object) -> str:
    """Return a cursor-looking string holding `payload`."""
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


BAD_INPUT = [
    ("/v1/records?limit=0", "limit"),
    ("/v1/records?limit=101", "limit"),
    ("/v1/records?limit=ten", "limit"),
    ("/v1/records?sentiment=furious", "sentiment"),
    ("/v1/records?from=yesterday", "from"),
    ("/v1/records?to=2026-13-45", "to"),
    ("/v1/records?beat=a%20b", "beat"),
    ("/v1/records?q=", "q"),
    ("/v1/records?q=" + "x" * 201, "q"),
    ("/v1/records/abc", "record_id"),
    ("/v1/records/0", "record_id"),
    ("/v1/records/99999999999999999999", "record_id"),
    ("/v1/stories?type=rumour", "type"),
    ("/v1/stories/st1/versions/zero", "number"),
    ("/v1/beats/models-releases?days=0", "days"),
    ("/v1/signals?window=forever", "window"),
    ("/v1/search", "q"),
    ("/v1/stream?max_events=0", "max_events"),
]


@pytest.mark.parametrize(("url", "name"), BAD_INPUT)
async def test_bad_input_is_400_naming_the_parameter(
    client: httpx2.AsyncClient, url: str, name: str, error_body
) -> None:
    response = await client.get(url)
    assert response.status_code == 400
    error = error_body(response)
    assert error["code"] == "bad_request" and repr(name) in error["message"]


HOSTILE_CURSORS = [
    "abc",
    "!!!!",
    "' OR 1=1 --",
    "%00",
    forged({"k": "records", "v": ["2026-01-01T00:00:00+00:00"]}),
    forged({"k": "records", "v": ["not a time", 1]}),
    forged({"k": "records", "v": ["2026-01-01T00:00:00", 1]}),
    forged({"k": "records", "v": ["2026-01-01T00:00:00+00:00", -1]}),
    forged({"k": "records", "v": ["2026-01-01T00:00:00+00:00", 2**80]}),
    forged({"k": "records", "v": ["2026-01-01T00:00:00+00:00", "1; DROP TABLE records"]}),
    forged({"k": "stories", "v": ["2026-01-01T00:00:00+00:00", "x"]}),
    forged([1, 2, 3]),
    forged({"k": "records", "v": {"a": 1}}),
    base64.urlsafe_b64encode(b"\xff\xfe\x00").decode(),
    "A" * 600,
]


@pytest.mark.parametrize("cursor", HOSTILE_CURSORS)
async def test_hostile_cursors_are_400(client: httpx2.AsyncClient, cursor: str, error_body) -> None:
    response = await client.get("/v1/records", params={"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in error_body(response)["message"]


INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE records; --",
    '" UNION SELECT secret_hash FROM api_keys --',
    "\\",
    "%' --",
    "ünïcödé ∑ 🙂",
]


@pytest.mark.parametrize("text", INJECTIONS)
async def test_sql_in_search_text_is_just_text(client: httpx2.AsyncClient, text: str) -> None:
    for url in ("/v1/records", "/v1/search", "/v1/entities"):
        response = await client.get(url, params={"q": text})
        assert response.status_code == 200
        body = response.json()
        assert body.get("data", body.get("records")) == []
    # The tables are still there.
    assert len((await client.get("/v1/records")).json()["data"]) == 6


@pytest.mark.parametrize("text", ["a\x00b", "line\nbreak", "\x7f"])
async def test_control_characters_are_refused(client: httpx2.AsyncClient, text: str) -> None:
    assert (await client.get("/v1/records", params={"q": text})).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/v1/records?source=x%27%20OR%201%3D1",
        "/v1/stories/st1'--",
        "/v1/entities/%27%3B%20DROP",
        "/v1/records?from=0001-01-01T00:00:00%2B05:00",
    ],
)
async def test_injection_in_filters_and_paths_never_500s(
    client: httpx2.AsyncClient, url: str
) -> None:
    assert (await client.get(url)).status_code in (400, 404)


async def test_unknown_route_and_method_use_the_error_shape(
    client: httpx2.AsyncClient, error_body
) -> None:
    missing = await client.get("/v1/nowhere")
    assert missing.status_code == 404 and error_body(missing)["code"] == "not_found"
    post = await client.post("/v1/stories")
    assert post.status_code == 405 and error_body(post)["code"] == "method_not_allowed"
