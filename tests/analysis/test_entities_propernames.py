"""The rule for other proper names: capitalised runs inside a sentence, typed by cues."""

from __future__ import annotations

import pytest

from beatwire.analysis.entities.propernames import ProperNameFinder, slugify


@pytest.fixture(scope="module")
def finder() -> ProperNameFinder:
    return ProperNameFinder()


def names(finder: ProperNameFinder, text: str) -> list[tuple[str, str]]:
    return [(m.name, m.type) for m in finder.find(text)]


def test_finds_a_person_by_first_name(finder: ProperNameFinder) -> None:
    assert names(finder, "Yesterday we met Jane Doerman at the lab.") == [
        ("Jane Doerman", "person")
    ]


def test_types_organisations_and_governments(finder: ProperNameFinder) -> None:
    found = names(
        finder, "It came from the Quillfeather Research Institute and the Ministry of Tides."
    )
    assert found == [
        ("Quillfeather Research Institute", "organization"),
        ("Ministry of Tides", "government"),
    ]


def test_other_names_are_concepts(finder: ProperNameFinder) -> None:
    assert names(finder, "They call it the Glass Lantern method.") == [("Glass Lantern", "concept")]


def test_sentence_start_word_is_dropped(finder: ProperNameFinder) -> None:
    text = "Great Moravia Lab opened its doors to visitors this week."
    assert names(finder, text) == [("Moravia Lab", "organization")]


def test_single_capitalised_words_are_not_names(finder: ProperNameFinder) -> None:
    assert names(finder, "we saw Paris and then London") == []


def test_headline_case_text_is_skipped(finder: ProperNameFinder) -> None:
    assert names(finder, "Why The Big Labs Are Racing To Build Bigger Models") == []


def test_slugify_is_stable() -> None:
    assert slugify("Quillfeather Research  Institute!") == "quillfeather-research-institute"
