"""The key-phrase role: the protocol every phrase extractor follows."""

from __future__ import annotations

from typing import Protocol

MIN_PHRASES = 3
MAX_PHRASES = 5


class PhraseExtractor(Protocol):
    """Finds the short phrases that carry each text's claim."""

    name: str

    def extract(self, texts: list[str], langs: list[str | None] | None = None) -> list[list[str]]:
        """Return, for each text, 3 to 5 key phrases (fewer only for very short texts);
        `langs` are the texts' languages (None: unknown)."""
        ...
