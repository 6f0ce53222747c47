"""The methodology page explains in words, with live figures, and dumps no configuration."""

from __future__ import annotations

import re
from typing import Any

import httpx2
import pytest

from beatwire.store.engine import Store
from beatwire.store.records import count_records
from beatwire.web.context.settings_table import APPENDIX

TERMS = [
    "record",
    "beat",
    "signal",
    "narrative",
    "sentiment points",
    "sample",
    "fidelity score",
    "dateline",
]


@pytest.fixture(scope="module")
def page(client: httpx2.Client) -> str:
    return client.get("/methodology/").text


@pytest.fixture(scope="module")
def twin(client: httpx2.Client) -> dict[str, Any]:
    return client.get("/methodology/index.json").json()


def test_no_configuration_dump(page: str, twin: dict[str, Any]) -> None:
    main = page.split('<main id="main"')[1]
    assert not re.search(r"\{'\w+': ", main)  # a Python dict's repr
    assert not re.search(r"\{&#39;\w+&#39;: ", main)  # the same, escaped
    for leak in ("BEATWIRE_", "127.0.0.1", "localhost", "Burst gamma", "api_keys", "secrets"):
        assert leak not in main, leak
    assert not {"detect", "newsroom", "analysers"} & set(twin)
    assert 15 <= len(twin["settings"]) <= len(APPENDIX) <= 30


def test_each_setting_has_a_value_a_unit_and_a_sentence(twin: dict[str, Any]) -> None:
    for row in twin["settings"]:
        assert row["value"] and row["unit"] and row["sentence"].endswith("."), row


@pytest.mark.parametrize("term", TERMS)
def test_each_term_is_defined_where_it_first_appears(page: str, term: str) -> None:
    main = page.split('<main id="main"')[1]
    defined = re.search(rf"<dfn[^>]*>{term}s?</dfn>", main)
    assert defined, term
    before = re.sub(r"<[^>]+>", " ", main[: defined.start()]).lower()
    assert not re.search(rf"\b{term}s?\b", before.split("how beatwire works", 1)[-1]), term


def test_the_figures_are_the_stores(
    page: str, twin: dict[str, Any], site_store: tuple[Store, dict[str, Any]]
) -> None:
    with site_store[0].read() as conn:
        records = count_records(conn)
    assert twin["figures"]["records"] == records
    assert f"<strong>{records:,}</strong> records by" in page
    assert twin["figures"]["stories"] == len(site_store[1]["slugs"])
    assert twin["figures"]["checks"] > twin["figures"]["claims"] > 0


def test_the_fidelity_formula_is_worked_on_a_real_story(twin: dict[str, Any], page: str) -> None:
    e = twin["example"]
    assert e["slug"] and e["score"] == round(100 * e["passed"] / e["checked"], 1)
    assert e["passed"] < e["checked"]  # the seeded stories each fail a claim: one is chosen
    assert f"100 × {e['passed']} ÷ {e['checked']} = <strong>{e['score']:g}</strong>" in page


def test_each_source_states_what_it_needs_here(twin: dict[str, Any], page: str) -> None:
    rows = {row["name"]: row for row in twin["sources"]}
    reddit = rows["reddit"]
    assert not reddit["collecting"] and reddit["records"] > 0
    assert "credentials" in reddit["needs"] and "lacks" in reddit["status"]
    assert rows["hackernews"]["collecting"] and rows["hackernews"]["needs"].startswith("nothing")
    assert "does not mean this installation reads Reddit today" in page
