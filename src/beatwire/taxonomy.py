"""The beat taxonomy (data/beats.toml): the names and descriptions every stage and page shows.

Analysis reads the same file for its cues (analysis/beats/taxonomy.py builds on
`beats_toml`); everything else needs only what this module gives.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Beat:
    """One beat of the taxonomy, as pages and stories name it."""

    slug: str
    name: str
    category: str
    description: str


@cache
def beats_toml() -> dict[str, Any]:
    """Return the parsed data/beats.toml (read once per process)."""
    text = (resources.files("beatwire.data") / "beats.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def load_taxonomy() -> tuple[Beat, ...]:
    """Return the beats of the packaged taxonomy, in its order."""
    return tuple(
        Beat(entry["slug"], entry["name"], entry["category"], entry["description"])
        for entry in beats_toml()["beat"]
    )


def beat_name(slug: str) -> str:
    """Return the display name of beat `slug` (the slug itself when the taxonomy lacks it)."""
    return next((beat.name for beat in load_taxonomy() if beat.slug == slug), slug)
