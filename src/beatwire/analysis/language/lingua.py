"""Language detection with lingua, whose wheel ships its n-gram models (no download).

The detector is restricted to the languages AI discourse is mostly written in:
fewer candidates make lingua faster, smaller in memory and less likely to pick
a rare language for a short English post. Text outside the set comes back as the
closest candidate or None; a platform's own tag always wins. The default runs
lingua's fast models and reads their non-English verdicts again with the full ones.
Hindi typed in Latin letters, which lingua's models do not know, is told by its
function words (romanised.py).
"""

from __future__ import annotations

import itertools
import re
from importlib import metadata
from typing import Any

from beatwire.analysis.language._base import normalise_tag
from beatwire.analysis.language.romanised import looks_romanised_hindi
from beatwire.errors import AnalysisError

# ISO 639-1 codes; chosen from the languages of public AI discussion on the platforms we read.
DEFAULT_LANGUAGES = (
    "en", "es", "pt", "fr", "de", "it", "nl", "pl", "sv", "tr",
    "ru", "uk", "ar", "fa", "hi", "id", "vi", "ja", "ko", "zh",
)  # fmt: skip

# URLs, mentions, hashtags and cashtags carry no evidence of the writer's language.
_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#$]\w[\w.]*", re.UNICODE)
_MIN_LETTERS = 3  # below this lingua is guessing


class LinguaDetector:
    """The platform's tag first, otherwise lingua's guess among `languages`."""

    def __init__(
        self, languages: tuple[str, ...] = DEFAULT_LANGUAGES, *, low_accuracy: bool = False
    ):
        try:
            from lingua import IsoCode639_1, LanguageDetectorBuilder
        except ImportError as exc:  # optional part: fail only when used, with the install line
            raise AnalysisError(
                "the lingua language detector is not installed",
                hint='pip install "lingua-language-detector>=2.1,<3"',
            ) from exc
        codes = [getattr(IsoCode639_1, code.upper()) for code in languages]
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        self._full = builder.build()  # lingua loads a language's models on first use
        self._detector = builder.with_low_accuracy_mode().build() if low_accuracy else self._full
        self.name = f"lingua@{metadata.version('lingua-language-detector')}"
        if low_accuracy:
            self.name += "-low-checked"
        self.name += "+roman-hi@1"

    def detect(self, texts: list[str], hints: list[str | None]) -> list[str | None]:
        """Return the normalised hint where there is one, else lingua's guess (or None)."""
        found = [normalise_tag(hint) for hint in hints]
        cleaned = {i: _NOISE.sub(" ", texts[i]) for i, code in enumerate(found) if code is None}
        ready = [i for i, text in cleaned.items() if _has_letters(text, _MIN_LETTERS)]
        guessed = self._guess(self._detector, [cleaned[i] for i in ready])
        # The fast models call 1.2 % of English tweets something else (23 of TweetEval's
        # 2,000; the full models 2), and a non-English post goes unmeasured: such verdicts
        # are read again with the full models, which costs little where English dominates.
        doubtful = [n for n, code in enumerate(guessed) if code not in (None, "en")]
        if self._detector is not self._full and doubtful:
            checked = self._guess(self._full, [cleaned[ready[n]] for n in doubtful])
            for n, code in zip(doubtful, checked, strict=True):
                guessed[n] = code
        for index, code in zip(ready, guessed, strict=True):
            if looks_romanised_hindi(cleaned[index], code):
                code = "hi"
            if code is not None:
                found[index] = code
        return found

    @staticmethod
    def _guess(detector: Any, texts: list[str]) -> list[str | None]:
        """Return lingua's ISO 639-1 guess for each text, or None."""
        guesses = detector.detect_languages_in_parallel_of(texts)
        return [None if g is None else g.iso_code_639_1.name.lower() for g in guesses]


def _has_letters(text: str, count: int) -> bool:
    """Return whether `text` has at least `count` alphabetic characters."""
    # stops at the count-th letter: most posts reach it within a few characters
    letters = filter(str.isalpha, text)
    return sum(1 for _ in itertools.islice(letters, count)) == count
