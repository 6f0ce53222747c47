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


def test_a_title_case_headline_line_is_skipped_but_the_body_is_read(
    finder: ProperNameFinder,
) -> None:
    text = (
        "Lantern Labs Unveils A Bold Plan For Quiet Models\n\n"
        "The plan was drafted by Jane Doerman over the summer."
    )
    assert names(finder, text) == [("Jane Doerman", "person")]


def test_markdown_headings_and_bold_labels_are_not_names(finder: ProperNameFinder) -> None:
    text = (
        "We compared the two methods.\n\n# Technical Deep Dive\n\n"
        "* **Careful Quality Control**: checked by Jane Doerman at each step"
    )
    assert names(finder, text) == [("Jane Doerman", "person")]


def test_a_possessive_ends_the_name(finder: ProperNameFinder) -> None:
    text = "the update came from Jane Doerman's team, and Sam's and OAI plans changed"
    assert names(finder, text) == [("Jane Doerman", "person")]


def test_contractions_typed_without_apostrophes_are_not_names(
    finder: ProperNameFinder,
) -> None:
    found = names(finder, "a big player in Northern Europe Id say, and Glass Lantern Im sure")
    assert found == [("Northern Europe", "concept"), ("Glass Lantern", "concept")]


def test_and_between_two_names_makes_two(finder: ProperNameFinder) -> None:
    found = names(finder, "we compared Glass Lantern and Quiet Harbor last week")
    assert found == [("Glass Lantern", "concept"), ("Quiet Harbor", "concept")]


def test_connectors_inside_institution_names_stay(finder: ProperNameFinder) -> None:
    text = "a letter from the Ministry of Tides and Lanterns to the Institute for Quiet Studies"
    assert names(finder, text) == [
        ("Ministry of Tides and Lanterns", "government"),
        ("Institute for Quiet Studies", "organization"),
    ]


def test_split_names_keep_their_offsets(finder: ProperNameFinder) -> None:
    text = "we use an SSD for Glass Lantern and Quiet Harbor"
    assert [text[m.start : m.end] for m in finder.find(text)] == ["Glass Lantern", "Quiet Harbor"]


def test_a_title_before_a_name_makes_it_a_person(finder: ProperNameFinder) -> None:
    text = "the award went to character actor Tova Brightwater, who thanked the crew"
    assert names(finder, text) == [("Tova Brightwater", "person")]


def test_an_abbreviated_title_does_not_end_the_sentence(finder: ProperNameFinder) -> None:
    text = "as the lab's own Dr. Tova Brightwater put it in the report this week"
    assert names(finder, text) == [("Tova Brightwater", "person")]
    address = "the office is at 4400 Lantern Dr.\nQuiet Harbor, CA 95129 and open daily"
    assert names(finder, address) == []


def test_slugify_is_stable() -> None:
    assert slugify("Quillfeather Research  Institute!") == "quillfeather-research-institute"
