"""The beat taxonomy (data/beats.toml): the one `Beat` every stage and page shows.

A beat carries its cues too; only the beat classifier reads them (analysis/beats/
taxonomy.py adds the scoring rules of the same file and checks them).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Beat:
    """One subject the newsroom covers, with the cues that place a text in it."""

    slug: str
    name: str
    category: str
    description: str
    cues: dict[str, float] = field(default_factory=dict)
    patterns: dict[str, float] = field(default_factory=dict)
    negative: dict[str, float] = field(default_factory=dict)


@cache
def beats_toml() -> dict[str, Any]:
    """Return the parsed data/beats.toml (read once per process)."""
    text = (resources.files("beatwire.data") / "beats.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def load_taxonomy() -> tuple[Beat, ...]:
    """Return the beats of the packaged taxonomy, in its order."""
    return tuple(_beat(entry) for entry in beats_toml()["beat"])


def _beat(raw: dict[str, Any]) -> Beat:
    """Return one beat from its TOML table."""
    return Beat(
        slug=raw["slug"],
        name=raw["name"],
        category=raw["category"],
        description=raw["description"],
        cues=dict(raw.get("cues", {})),
        patterns=dict(raw.get("patterns", {})),
        negative=dict(raw.get("negative", {})),
    )


def beat_name(slug: str) -> str:
    """Return the display name of beat `slug` (the slug itself when the taxonomy lacks it)."""
    return next((beat.name for beat in load_taxonomy() if beat.slug == slug), slug)
