"""The language role: a language code (ISO 639-1, lower case) or None for each text.

Implementations (one file each) and the names they record in analysis rows:

    lingua.py   "lingua@<version>"  the platform's tag first, else lingua's offline models
    hint.py     "hint@1"            pass-through: the platform's tag alone, no detection

A detector returns None when it cannot tell (no letters, too short, a language
outside its set); downstream roles treat None as "language unknown".
"""

from __future__ import annotations

from typing import Protocol


class LanguageDetector(Protocol):
    """Tells the language of each text; `name` is recorded with every row it makes."""

    name: str

    def detect(self, texts: list[str], hints: list[str | None]) -> list[str | None]:
        """Return one ISO 639-1 code (or None) per text, using the platform's tag first."""
        ...


def normalise_tag(tag: str | None) -> str | None:
    """Return the primary subtag of a BCP-47 tag in lower case ("pt-BR" -> "pt"), or None."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    # Only two-letter primary subtags are ISO 639-1; "und", "mul" and junk mean unknown.
    return primary if len(primary) == 2 and primary.isalpha() else None
