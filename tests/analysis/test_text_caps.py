"""Every analyser reads a bounded text: one hostile record cannot stall `analyze`."""

from __future__ import annotations

from beatwire.analysis.language import build_language
from beatwire.analysis.pipeline import Item, build_analyzer
from beatwire.analysis.text_caps import SYMBOL_WEIGHT, capped_text
from beatwire.config import AnalysisSettings


class RecordingLanguage:
    """The hint detector, remembering the length of every text it was given."""

    name = "recording@test"

    def __init__(self) -> None:
        self.inner = build_language("hint")
        self.lengths: list[int] = []

    def detect(self, texts: list[str], hints: list[str | None]) -> list[str | None]:
        self.lengths += [len(t) for t in texts]
        return self.inner.detect(texts, hints)


def test_a_short_text_is_read_whole() -> None:
    text = "Kestrel Bay opened its chip plant 🎉 today."
    assert capped_text(text, 10_000) == text


def test_one_huge_word_is_cut_at_the_limit() -> None:
    assert len(capped_text("a" * 300_000, 10_000)) == 10_000


def test_emoji_count_as_the_words_the_lexicon_spells_them_out_as() -> None:
    capped = capped_text("🤖🔥" * 50_000, 12_000)
    assert len(capped) == 12_000 // SYMBOL_WEIGHT


def test_zero_width_and_right_to_left_floods_count_as_characters() -> None:
    assert len(capped_text("hi\u200b\u202e" * 100_000, 10_000)) == 10_000


def test_the_language_detector_never_sees_more_than_the_cap() -> None:
    language = RecordingLanguage()
    settings = AnalysisSettings(language="hint", embedder="none", max_chars=2_000)
    analyzer = build_analyzer(settings, language=language)
    found, _ = analyzer.analyze([Item(1, "a" * 300_000), Item(2, "the plant opened " * 20_000)])
    assert max(language.lengths) <= 2_000
    assert len(found) == 2
