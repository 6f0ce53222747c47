"""Key phrases: the short phrases that carry a record's claim."""

from __future__ import annotations

from collections.abc import Callable

from beatwire.analysis.choose import choose
from beatwire.analysis.phrases._base import PhraseExtractor
from beatwire.analysis.phrases.rake import RakeExtractor

__all__ = ["NoPhrases", "PhraseExtractor", "build_phrases"]


class NoPhrases:
    """The pass-through extractor: no phrases, so the step can be skipped."""

    name = "none@1"

    def extract(self, texts: list[str], langs: list[str | None] | None = None) -> list[list[str]]:
        """Return an empty list for each text."""
        return [[] for _ in texts]


_EXTRACTORS: dict[str, Callable[[], PhraseExtractor]] = {"rake": RakeExtractor, "none": NoPhrases}


def build_phrases(name: str = "rake") -> PhraseExtractor:
    """Return the key-phrase extractor called `name`."""
    return choose("key-phrase extractor", name, _EXTRACTORS)
