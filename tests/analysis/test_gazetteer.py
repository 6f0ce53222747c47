"""The packaged gazetteer: size, types, slugs, countries, makers and aliases."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from beatwire.analysis.entities.gazetteer import TOKEN, GazetteerFinder
from beatwire.analysis.entities.gazetteer_data import (
    ENTITY_TYPES,
    Gazetteer,
    GazetteerEntry,
    _check_entry,
    load_gazetteer,
)
from beatwire.errors import AnalysisError


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_has_at_least_six_hundred_entries(gazetteer: Gazetteer) -> None:
    assert len(gazetteer.entries) >= 600


def test_covers_every_entity_type(gazetteer: Gazetteer) -> None:
    types = Counter(entry.type for entry in gazetteer.entries)
    assert set(types) == ENTITY_TYPES
    assert types["organization"] >= 150 and types["product"] >= 150 and types["person"] >= 100


def test_slugs_are_unique_and_lowercase_hyphenated(gazetteer: Gazetteer) -> None:
    slugs = [entry.slug for entry in gazetteer.entries]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z0-9]+(?:[-.][a-z0-9]+)*", slug) for slug in slugs)


def test_every_organisation_has_an_iso_country(gazetteer: Gazetteer) -> None:
    orgs = [e for e in gazetteer.entries if e.type == "organization"]
    assert all(e.country and re.fullmatch(r"[A-Z]{2}", e.country) for e in orgs)


def test_every_product_is_made_by_an_organisation_of_the_gazetteer(gazetteer: Gazetteer) -> None:
    by_slug = gazetteer.by_slug()
    products = [e for e in gazetteer.entries if e.type == "product"]
    assert all(e.maker in by_slug for e in products)
    assert all(by_slug[str(e.maker)].type == "organization" for e in products)


def test_known_facts(gazetteer: Gazetteer) -> None:
    by_slug = gazetteer.by_slug()
    assert by_slug["claude"].maker == "anthropic"
    assert by_slug["gpt-4o"].maker == "openai"
    assert by_slug["mistral-ai"].country == "FR"
    assert by_slug["deepseek"].country == "CN"
    assert by_slug["eu-ai-act"].type == "legislation"


def test_no_alias_names_two_entries(gazetteer: Gazetteer) -> None:
    owner: dict[tuple[str, ...], str] = {}
    clashes = []
    for entry in gazetteer.entries:
        for alias in (entry.name, *entry.aliases):
            key = tuple(t.lower() for t in TOKEN.findall(alias))
            if owner.setdefault(key, entry.slug) != entry.slug:
                clashes.append((alias, owner[key], entry.slug))
    assert clashes == []


def test_is_loaded_once() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_rejects_an_organisation_without_country() -> None:
    entry = GazetteerEntry(slug="acme", name="Acme", type="organization", aliases=())
    with pytest.raises(AnalysisError, match="ISO country"):
        _check_entry(entry, "test.toml")


def test_rejects_a_product_without_maker() -> None:
    entry = GazetteerEntry(slug="widget", name="Widget", type="product", aliases=())
    with pytest.raises(AnalysisError, match="maker"):
        _check_entry(entry, "test.toml")


def test_rejects_an_unknown_type() -> None:
    entry = GazetteerEntry(slug="x", name="X", type="planet", aliases=())
    with pytest.raises(AnalysisError, match="unknown type"):
        _check_entry(entry, "test.toml")


def test_every_entry_is_found_by_its_own_name(gazetteer: Gazetteer) -> None:
    finder = GazetteerFinder(gazetteer)
    missed = []
    for entry in gazetteer.entries:
        # a sentence with AI context, so context-bound names count too
        found = finder.find(f"The AI model news: {entry.name} was discussed.")
        if entry.slug not in {m.slug for m in found}:
            missed.append(entry.slug)
    assert missed == []


def test_no_alias_loses_its_symbols_to_become_a_plain_word(gazetteer: Gazetteer) -> None:
    # "Face++" would tokenise to "Face" and match every face; a trailing "+" or "'s" is fine
    squashed = [
        alias
        for entry in gazetteer.entries
        for alias in (entry.name, *entry.aliases)
        if len(TOKEN.findall(alias)) == 1
        and TOKEN.findall(alias)[0] != alias.rstrip("+").removesuffix("'s")
    ]
    assert squashed == []
