"""Pass-through language detector: the platform's own tag, nothing detected."""

from __future__ import annotations

from beatwire.analysis.language._base import normalise_tag


class HintOnly:
    """Returns the platform's tag (normalised) and None where there is none."""

    name = "hint@1"

    def detect(self, texts: list[str], hints: list[str | None]) -> list[str | None]:
        """Return the normalised hint for each text."""
        return [normalise_tag(hint) for hint in hints]
