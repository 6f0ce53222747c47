"""Language detection: the platform's own tag first, else an offline detector."""

from __future__ import annotations

from collections.abc import Callable

from beatwire.analysis.choose import choose
from beatwire.analysis.language._base import LanguageDetector, normalise_tag
from beatwire.analysis.language.hint import HintOnly
from beatwire.analysis.language.lingua import LinguaDetector

_DETECTORS: dict[str, Callable[[], LanguageDetector]] = {
    # Low-accuracy mode: ~10x faster on short posts, a few points less accurate (bench/).
    "lingua": lambda: LinguaDetector(low_accuracy=True),
    "lingua-high": LinguaDetector,
    "hint": HintOnly,
}

__all__ = ["LanguageDetector", "build_language", "normalise_tag"]


def build_language(name: str = "lingua") -> LanguageDetector:
    """Return the language detector called `name`."""
    return choose("language detector", name, _DETECTORS)
