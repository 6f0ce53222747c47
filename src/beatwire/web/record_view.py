"""How a record is shown in a list, on the site and in the API alike: its excerpt and counts."""

from __future__ import annotations

from typing import Any

EXCERPT = 280


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """Return `text` cut at a word before `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip() + "…"


def counts(engagement: Any) -> dict[str, int]:
    """Return the engagement counts as whole numbers (a float made whole, the rest left out)."""
    # Engagement is whatever a platform counted; only whole numbers are part of the contract.
    items = (engagement or {}).items()
    return {
        str(k): int(v) for k, v in items if isinstance(v, int | float) and not isinstance(v, bool)
    }
