"""The beat taxonomy (data/beats.toml): names and descriptions every stage and page shows."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Beat:
    """One beat of the taxonomy."""

    slug: str
    name: str
    category: str
    description: str


@cache
def load_taxonomy() -> tuple[Beat, ...]:
    """Return the beats of the packaged taxonomy, in its order."""
    text = (resources.files("beatwire.data") / "beats.toml").read_text(encoding="utf-8")
    return tuple(
        Beat(
            slug=entry["slug"],
            name=entry["name"],
            category=entry["category"],
            description=entry["description"],
        )
        for entry in tomllib.loads(text)["beats"]
    )


def beat_name(slug: str) -> str:
    """Return the display name of beat `slug` (the slug itself when the taxonomy lacks it)."""
    return next((beat.name for beat in load_taxonomy() if beat.slug == slug), slug)
