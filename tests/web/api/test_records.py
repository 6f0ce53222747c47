"""GET /v1/records and /v1/records/{id}: filters, keyset pages, one record in full."""

from __future__ import annotations

import httpx2
import pytest

pytestmark = pytest.mark.anyio


async def test_lists_records_newest_first(client: httpx2.AsyncClient, seeded) -> None:
    body = (await client.get("/v1/records")).json()
    published = [item["published_at"] for item in body["data"]]
    assert len(body["data"]) == 6 and published == sorted(published, reverse=True)
    assert body["next_cursor"] is None


async def test_cursor_walks_every_record_once(client: httpx2.AsyncClient, seeded) -> None:
    seen: list[int] = []
    cursor = None
    for _ in range(5):
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        body = (await client.get("/v1/records", params=params)).json()
        seen += [item["id"] for item in body["data"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(seeded.record_ids) and len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"source": "bluesky"}, 2),
        ({"beat": "models-releases"}, 3),
        ({"sentiment": "negative"}, 2),
        ({"entity": "eu-ai-act"}, 2),
        ({"q": "MODEL"}, 3),
        ({"q": "100%"}, 1),
        ({"q": "contamination_q"}, 1),
        ({"source": "reddit", "beat": "models-releases"}, 1),
    ],
)
async def test_filters_narrow_the_list(
    client: httpx2.AsyncClient, seeded, params: dict[str, str], count: int
) -> None:
    response = await client.get("/v1/records", params=params)
    assert response.status_code == 200
    assert len(response.json()["data"]) == count


async def test_wildcards_in_q_are_literal(client: httpx2.AsyncClient, seeded) -> None:
    for q in ("%", "_", "%%%", "a_b"):
        body = (await client.get("/v1/records", params={"q": q})).json()
        assert all(q in (item["excerpt"] + (item["title"] or "")) for item in body["data"])
    assert len((await client.get("/v1/records", params={"q": "%"})).json()["data"]) == 1


async def test_time_window_filters_by_publication(client: httpx2.AsyncClient, seeded) -> None:
    everything = (await client.get("/v1/records")).json()["data"]
    third = everything[2]["published_at"]
    since = (await client.get("/v1/records", params={"from": third})).json()["data"]
    until = (await client.get("/v1/records", params={"to": third})).json()["data"]
    assert [r["id"] for r in since] == [r["id"] for r in everything[:3]]
    assert [r["id"] for r in until] == [r["id"] for r in everything[3:]]


async def test_naive_times_are_taken_as_utc(client: httpx2.AsyncClient, seeded) -> None:
    third = (await client.get("/v1/records")).json()["data"][2]["published_at"]
    naive = third.replace("Z", "").replace("+00:00", "")
    body = (await client.get("/v1/records", params={"from": naive})).json()
    assert len(body["data"]) == 3


async def test_one_record_has_text_analysis_and_metadata(
    client: httpx2.AsyncClient, seeded
) -> None:
    record_id = seeded.record_ids[1]
    body = (await client.get(f"/v1/records/{record_id}")).json()
    assert body["text"].startswith("Regulators draft rules")
    assert body["platform"] == "bluesky" and body["engagement"] == {"likes": 1, "replies": 1}
    assert body["analysis"]["beats"] == [{"slug": "policy-regulation", "confidence": 0.9}]
    assert {e["slug"] for e in body["analysis"]["entities"]} == {"openai", "eu-ai-act"}
    assert "raw" not in body


async def test_unanalysed_record_has_null_analysis(client: httpx2.AsyncClient, seeded) -> None:
    body = (await client.get(f"/v1/records/{seeded.record_ids[-1]}")).json()
    assert body["analysis"] is None


async def test_unknown_record_is_404(client: httpx2.AsyncClient, seeded, error_body) -> None:
    response = await client.get("/v1/records/999999")
    assert response.status_code == 404 and error_body(response)["code"] == "not_found"


async def test_records_need_the_records_scope(
    anonymous: httpx2.AsyncClient, make_key, error_body
) -> None:
    token = make_key(("stories",))
    response = await anonymous.get("/v1/records", headers={"X-API-Key": token})
    assert response.status_code == 403 and "records" in error_body(response)["message"]


async def test_list_excerpts_long_texts(client: httpx2.AsyncClient, seeded) -> None:
    listed = {item["id"]: item for item in (await client.get("/v1/records")).json()["data"]}
    full = (await client.get(f"/v1/records/{seeded.record_ids[-1]}")).json()["text"]
    cut = listed[seeded.record_ids[-1]]["excerpt"]
    assert len(full) > 280 and len(cut) <= 280 and cut.endswith("…")
    kept = cut.removesuffix("…")
    assert full.startswith(kept) and full[len(kept)] == " "  # cut between two words
    assert all(len(item["excerpt"]) <= 280 for item in listed.values())
