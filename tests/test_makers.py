"""Makers: the packaged table of Hugging Face orgs, their countries and where those came from."""

from __future__ import annotations

import json
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from beatwire.makers import (
    UNKNOWN,
    countries,
    country_of,
    demonym,
    load_countries,
    load_makers,
    maker_of,
    org_of,
)

CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpora/ai-news-2025"
TRENDING = (
    "huggingface_trending_models_snapshots.jsonl",
    "huggingface_trending_datasets_snapshots.jsonl",
)
GAZETTEER = resources.files("beatwire.data") / "gazetteer" / "organizations.toml"


def raw_entries() -> list[dict[str, Any]]:
    text = (resources.files("beatwire.data") / "makers.toml").read_text(encoding="utf-8")
    return list(tomllib.loads(text)["makers"])


def corpus_items() -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for name in TRENDING
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines()
    ]


def corpus_repos() -> list[str]:
    return [item["title"] for item in corpus_items()]


def test_the_table_has_150_makers_each_with_a_country_and_its_source() -> None:
    entries = raw_entries()
    assert len(entries) >= 150
    for entry in entries:
        assert re.fullmatch(r"[A-Z]{2}", entry["country"]), entry
        assert len(entry["source"].strip()) > 10, entry
        assert entry["name"].strip(), entry


def test_no_org_is_listed_twice() -> None:
    orgs = [entry["org"].lower() for entry in raw_entries()]
    assert len(orgs) == len(set(orgs)) == len(load_makers())


def test_every_listed_org_of_the_corpus_resolves_to_its_entry() -> None:
    listed = {entry["org"].lower(): entry for entry in raw_entries()}
    repos = corpus_repos()
    found = {org for repo in repos if (org := org_of(repo)) and org.lower() in listed}
    assert len(found) >= 100  # the rest are mostly people's own accounts
    for repo in repos:
        org = org_of(repo)
        maker = maker_of(repo)
        if org is not None and org.lower() in listed:
            assert maker is not None and maker.country == listed[org.lower()]["country"]
        else:
            assert maker is None and country_of(repo) == UNKNOWN


def test_most_trending_downloads_have_a_known_maker() -> None:
    items = corpus_items()
    known = sum(i["metadata"]["downloads"] for i in items if maker_of(i["title"]) is not None)
    assert known / sum(i["metadata"]["downloads"] for i in items) > 0.85


def test_unknown_makers_are_counted_as_unknown() -> None:
    assert maker_of("someone-unlisted/model-7b") is None
    assert maker_of("no-org-at-all") is None
    tally = countries(["Qwen/any", "deepseek-ai/any", "someone-unlisted/x", "datasets/mistralai/y"])
    assert tally == {"CN": 2, "FR": 1, UNKNOWN: 1}


@pytest.mark.parametrize(
    ("repo", "org"),
    [("Qwen/Qwen3-8B", "Qwen"), ("datasets/allenai/c4", "allenai"), ("bert-base", None)],
)
def test_org_of_reads_models_and_datasets(repo: str, org: str | None) -> None:
    assert org_of(repo) == org


def test_orgs_match_in_any_case() -> None:
    maker = maker_of("QWEN/x")
    assert maker is not None and maker.org == "Qwen"


def test_a_makers_gazetteer_entity_exists_and_agrees_on_the_country() -> None:
    entries = tomllib.loads(GAZETTEER.read_text(encoding="utf-8"))["entries"]
    gazetteer = {entry["slug"]: entry.get("country") for entry in entries}
    linked = [maker for maker in load_makers().values() if maker.entity is not None]
    assert len(linked) >= 50
    for maker in linked:
        assert maker.entity in gazetteer, maker
        assert gazetteer[maker.entity] == maker.country, maker


def test_every_makers_country_has_a_name_and_a_demonym() -> None:
    listed = {maker.country for maker in load_makers().values()}
    assert listed - set(load_countries()) == set()
    assert len(listed) >= 10
    assert demonym("CN") == "Chinese"
    assert demonym("AE") == "Emirati"
    assert demonym("KR") == "South Korean"
    assert demonym(UNKNOWN) == UNKNOWN  # never guessed
    assert all(c.demonym and c.name for c in load_countries().values())


def test_a_company_with_several_orgs_is_one_maker() -> None:
    alibaba = {org for org, maker in load_makers().items() if maker.company == "Alibaba"}
    assert alibaba >= {"qwen", "alibaba-nlp", "tongyi-mai", "wan-ai", "alibaba-pai"}
    qwen = maker_of("Qwen/Qwen3-8B")
    assert qwen is not None and (qwen.name, qwen.company) == ("Alibaba (Qwen)", "Alibaba")
    deepseek = maker_of("deepseek-ai/DeepSeek-OCR")
    assert deepseek is not None and deepseek.company == deepseek.name == "DeepSeek"
    for entry in raw_entries():  # a company is named once, the same in every org
        if "maker" in entry:
            assert entry["maker"] != entry["name"], entry
    companies = {m.company: m.country for m in load_makers().values()}
    assert all(m.country == companies[m.company] for m in load_makers().values())
