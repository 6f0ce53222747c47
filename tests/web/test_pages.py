"""Every page renders from the seeded store, and every page has its JSON twin."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from beatwire.web.pages.routing import TWINS

PAGES = {
    "/": ["Lead story", "More Stories", "Live Wire", "Beats"],
    "/beats/": ["Technical"],
    "/beats/ai-agents/": [
        "Last 24 hours",
        "week on week",
        "Platform mix",
        "volume.svg",
        "A story's figures count each record once",
    ],
    "/narratives/": ["Narratives"],
    "/ecosystem/": ["Model ecosystem", "No trending-model snapshots yet", "Ecosystem signals"],
    "/narratives/nar_1/": ["Lineage", "Merged", 'href="../../narratives/nar_0/index.html"'],
    "/wire/": ["Surge in talk", "Dispatch", "The statistics"],
    "/search/": ["Search runs on the server"],
    "/methodology/": ["Collect", "Read", "Find", "Write", "Check", "detect.spike_z"],
    "/sources/": ["Records by platform", "synthetic"],
    "/about/": ["JSON twin"],
}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_its_sections(client: httpx2.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    for text in PAGES[path]:
        assert text in response.text


def test_every_page_has_a_json_twin(client: httpx2.Client, seeded: dict[str, Any]) -> None:
    filled = {"slug": "ai-agents", "narrative_id": "nar_1"}
    for template in TWINS:
        path = template.replace("{narrative_id}", filled["narrative_id"])
        path = path.replace("/stories/{slug}/", f"/stories/{seeded['slugs'][0]}/")
        path = path.replace("{slug}", filled["slug"])
        html, twin = client.get(path + "index.html"), client.get(path + "index.json")
        assert html.status_code == twin.status_code == 200, path
        assert twin.headers["content-type"] == "application/json"
        assert isinstance(twin.json(), dict)


def test_story_page_shows_citations_fidelity_versions_and_disclosure(
    client: httpx2.Client, seeded: dict[str, Any]
) -> None:
    text = client.get(f"/stories/{seeded['slugs'][0]}/").text
    assert 'href="#cite-1" id="ref-1"' in text and 'id="cite-1"' in text
    assert text.count('id="ref-1"') == 1  # a repeated marker links without repeating the id
    assert "Fidelity" in text and "claim-by-claim report" in text
    assert "<ins>" in text  # version 2's diff against version 1
    assert "No language model" in text
    assert " UTC" in text and "min read" in text


def test_story_twin_serialises_the_same_context(
    client: httpx2.Client, seeded: dict[str, Any]
) -> None:
    data = client.get(f"/stories/{seeded['slugs'][0]}/index.json").json()
    assert data["story"]["slug"] == seeded["slugs"][0]
    assert [c["number"] for c in data["citations"]] == [1, 2, 3, 4, 5]
    assert data["versions"][0]["version"] == 2


def test_story_as_plain_text_lists_its_sources(
    client: httpx2.Client, seeded: dict[str, Any]
) -> None:
    response = client.get(f"/stories/{seeded['slugs'][0]}/index.txt")
    assert response.headers["content-type"].startswith("text/plain")
    assert "Sources" in response.text and "[1] " in response.text


def test_beat_page_counts_from_the_newest_record_of_a_replayed_corpus(
    client: httpx2.Client,
) -> None:
    data = client.get("/beats/ai-agents/index.json").json()
    assert data["clock"]["replayed"] is True
    assert data["windows"]["week"] > 0 and data["windows"]["all"] >= data["windows"]["week"]
    assert len(data["series"]["days"]) == 30
    assert "counted back from then" in client.get("/beats/ai-agents/").text


@pytest.mark.parametrize(
    "path", ["/stories/no-such-story/", "/beats/no-such-beat/", "/narratives/x/"]
)
def test_unknown_pages_answer_404_with_the_error_page(client: httpx2.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Not found" in response.text


def test_search_filters_records_by_platform_and_scope(client: httpx2.Client) -> None:
    data = client.get("/search/index.json?q=chip&scope=records&platform=reddit").json()
    assert data["records"] and {r["provider"] for r in data["records"]} == {"reddit"}
    assert data["stories"] == []


def test_search_drops_unknown_filter_values(client: httpx2.Client) -> None:
    data = client.get("/search/index.json?q=ai&platform=<script>&beat=nope&window=99y").json()
    assert data["query"]["platform"] == data["query"]["beat"] == data["query"]["window"] == ""


def test_methodology_shows_the_live_configuration(client: httpx2.Client) -> None:
    data = client.get("/methodology/index.json").json()
    settings = {row["name"]: row["value"] for row in data["settings"]}
    assert settings["detect.spike_z"] == "3.5"
    assert {row["name"] for row in data["sources"]} >= {"hackernews", "arxiv"}
    assert data["sentiment_model"] == "auto"


def test_charts_are_svg_without_script(client: httpx2.Client) -> None:
    for path in (
        "/beats/ai-agents/volume.svg",
        "/beats/ai-agents/sentiment.svg",
        "/beats/ai-agents/entities.svg",
        "/beats/ai-agents/spark.svg",
        "/narratives/nar_1/timeline.svg",
    ):
        response = client.get(path)
        assert response.headers["content-type"] == "image/svg+xml", path
        assert b"<script" not in response.content and b"<svg" in response.content
        assert "script-src" not in response.headers["content-security-policy"]
