"""The default entity extractor: gazetteer names with case and context rules, merged finders."""

from __future__ import annotations

import pytest

from beatwire.analysis.entities import build_entities
from beatwire.analysis.entities._base import Mention, count_entities, resolve_overlaps
from beatwire.analysis.entities.combined import CombinedExtractor
from beatwire.analysis.entities.gazetteer import GazetteerFinder, alias_case
from beatwire.errors import AnalysisError
from beatwire.model import Entity


@pytest.fixture(scope="module")
def finder() -> GazetteerFinder:
    return GazetteerFinder()


@pytest.fixture(scope="module")
def extractor() -> CombinedExtractor:
    return CombinedExtractor()


def slugs(finder: GazetteerFinder, text: str) -> list[str]:
    return [m.slug for m in finder.find(text)]


def test_longest_alias_wins(finder: GazetteerFinder) -> None:
    assert slugs(finder, "We tried Claude 3.5 Sonnet and GPT-4o mini for this.") == [
        "claude-3-5-sonnet",
        "gpt-4o-mini",
    ]


def test_hyphens_and_spaces_spell_the_same_name(finder: GazetteerFinder) -> None:
    assert slugs(finder, "gpt 4o vs GPT-4o") == ["gpt-4o", "gpt-4o"]


def test_ai_inside_a_word_is_not_a_name(finder: GazetteerFinder) -> None:
    assert slugs(finder, "Thai food and a Mumbai trip; chairs for sale") == []


def test_short_capital_aliases_match_only_in_capitals(finder: GazetteerFinder) -> None:
    assert slugs(finder, "The EU and the UK agreed.") == ["european-union", "united-kingdom"]
    assert slugs(finder, "eu and uk, us too") == []


def test_capitalised_names_need_their_capitals(finder: GazetteerFinder) -> None:
    text = "Apple released a new AI model; I ate an apple."
    assert slugs(finder, text) == ["apple"]


def test_ambiguous_names_need_ai_context(finder: GazetteerFinder) -> None:
    assert slugs(finder, "Gemini is my sign and Llama is my pet") == []
    assert slugs(finder, "Gemini beats Llama on this coding benchmark") == ["gemini", "llama"]


def test_another_unambiguous_name_gives_context(finder: GazetteerFinder) -> None:
    assert slugs(finder, "Claude and OpenAI") == ["claude", "openai"]


def test_blocked_sequences_are_not_names(finder: GazetteerFinder) -> None:
    text = "An AI model described Claude Monet and the gemini horoscope."
    assert "claude" not in slugs(finder, text)
    assert "gemini" not in slugs(finder, text)


def test_alias_case_rules() -> None:
    assert alias_case("EU", "auto") == "exact"
    assert alias_case("OpenAI", "auto") == "any"
    assert alias_case("Apple", "cap") == "cap"


def test_extract_counts_mentions(extractor: CombinedExtractor) -> None:
    entities = extractor.extract(["OpenAI said OpenAI's new model beats Anthropic."])[0]
    assert entities[0] == Entity("openai", "OpenAI", "organization", 2)
    assert Entity("anthropic", "Anthropic", "organization", 1) in entities


def test_extract_keeps_at_most_ten(extractor: CombinedExtractor) -> None:
    text = " ".join(
        [
            "OpenAI",
            "Anthropic",
            "Nvidia",
            "Microsoft",
            "DeepSeek",
            "Baidu",
            "Tencent",
            "Huawei",
            "Samsung",
            "TSMC",
            "ASML",
            "Cerebras",
        ]
    )
    assert len(extractor.extract([text])[0]) == 10


def test_extract_returns_one_list_per_text(extractor: CombinedExtractor) -> None:
    result = extractor.extract(["", "nothing here", "Nvidia"])
    assert [len(r) for r in result] == [0, 0, 1]


def test_a_pattern_beats_a_name_inside_it(extractor: CombinedExtractor) -> None:
    text = "Weights: huggingface.co/meta-llama/Llama-3.1-8B-Instruct"
    assert [e.slug for e in extractor.extract([text])[0]] == ["hf:meta-llama/llama-3.1-8b-instruct"]


def test_a_hashtag_of_a_known_name_is_the_name(extractor: CombinedExtractor) -> None:
    assert [e.slug for e in extractor.extract(["Big day for #OpenAI"])[0]] == ["openai"]


def test_resolve_overlaps_prefers_priority_then_length() -> None:
    low = Mention(0, 10, "a", "A", "concept", 3)
    high = Mention(2, 6, "b", "B", "product", 1)
    other = Mention(12, 15, "c", "C", "product", 2)
    assert resolve_overlaps([low, high, other]) == [high, other]


def test_count_entities_orders_by_count_then_position() -> None:
    mentions = [
        Mention(0, 1, "a", "A", "concept", 1),
        Mention(5, 6, "b", "B", "concept", 1),
        Mention(9, 10, "b", "B", "concept", 1),
    ]
    assert [e.slug for e in count_entities(mentions)] == ["b", "a"]


def test_build_entities_by_name() -> None:
    assert build_entities("gazetteer").name == "gazetteer@2"
    assert build_entities("none").extract(["OpenAI"]) == [[]]


def test_build_entities_rejects_unknown_names() -> None:
    with pytest.raises(AnalysisError, match="unknown entity extractor 'spacy'"):
        build_entities("spacy")
