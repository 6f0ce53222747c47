"""Language detection: platform tags first, lingua otherwise, None when it cannot tell."""

from __future__ import annotations

import pytest

from beatwire.analysis.language import build_language, normalise_tag
from beatwire.errors import AnalysisError


@pytest.fixture(scope="module")
def lingua():
    """One lingua detector for the module (loading its models takes a moment)."""
    return build_language("lingua")


def test_platform_tag_wins_over_detection(lingua) -> None:
    found = lingua.detect(["This sentence is plainly written in English."], ["de-DE"])
    assert found == ["de"]


def test_detects_common_languages_without_a_tag(lingua) -> None:
    texts = [
        "The new model is much better at writing code than the last one.",
        "El nuevo modelo escribe código mucho mejor que el anterior.",
        "Das neue Modell schreibt viel besseren Code als das alte.",
        "Le nouveau modèle écrit du code bien mieux que le précédent.",
    ]
    assert lingua.detect(texts, [None] * 4) == ["en", "es", "de", "fr"]


def test_text_without_words_is_unknown(lingua) -> None:
    assert lingua.detect(["https://example.org/x @someone 🚀🚀", ""], [None, None]) == [None, None]


def test_name_records_the_version(lingua) -> None:
    assert lingua.name.startswith("lingua@")


def test_hint_only_passes_tags_through() -> None:
    detector = build_language("hint")
    assert detector.detect(["hola", "hello"], ["es", None]) == ["es", None]


@pytest.mark.parametrize(
    ("tag", "code"), [("pt-BR", "pt"), ("EN", "en"), ("zh_Hant", "zh"), ("und", None), (None, None)]
)
def test_normalise_tag(tag: str | None, code: str | None) -> None:
    assert normalise_tag(tag) == code


def test_unknown_detector_name_raises() -> None:
    with pytest.raises(AnalysisError, match="unknown language detector"):
        build_language("nope")


# Our own sentences: short, English, full of names the fast models take for another language.
NAMEY_ENGLISH = [
    "Kenji Watanabe 2 may be the best one",
    "Nguyen Van Thanh finally ships Hanoi Metro app",
]


def test_the_fast_models_non_english_verdicts_are_checked(lingua) -> None:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    from beatwire.analysis.language.lingua import DEFAULT_LANGUAGES

    codes = [getattr(IsoCode639_1, code.upper()) for code in DEFAULT_LANGUAGES]
    fast = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()
    fast_only = [fast.detect_language_of(text) for text in NAMEY_ENGLISH]
    assert all(g is not None and g.iso_code_639_1.name != "EN" for g in fast_only)
    assert lingua.detect(NAMEY_ENGLISH, [None, None]) == ["en", "en"]
    assert "-low-checked" in lingua.name


# Our own posts: Hindi in Latin letters, which lingua's models call English or another language.
ROMANISED_HINDI = [
    "yeh naya model sach mein bahut accha hai yaar",
    "kya bakwas hai, kuch bhi nahi samajh aaya",
    "kyun ??",
]


def test_romanised_hindi_is_told_as_hindi(lingua) -> None:
    assert lingua.detect(ROMANISED_HINDI, [None] * 3) == ["hi", "hi", "hi"]
    assert lingua.name.endswith("+roman-hi@1")


def test_romanised_hindi_cues_leave_english_and_italian_alone(lingua) -> None:
    texts = [
        "Main takeaway: the model is fine, but the hype is not.",  # "main" alone is English
        "Se hai tempo, prova il nuovo modello: funziona bene.",  # "hai" is Italian too
    ]
    assert lingua.detect(texts, [None, None]) == ["en", "it"]


def test_a_platform_tag_wins_over_romanised_hindi_cues(lingua) -> None:
    assert lingua.detect([ROMANISED_HINDI[0]], ["en"]) == ["en"]
