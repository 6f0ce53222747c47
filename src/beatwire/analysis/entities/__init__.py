"""Entity extraction: a gazetteer of the AI world, identifier patterns and proper names."""

from __future__ import annotations

from collections.abc import Callable

from beatwire.analysis.choose import choose
from beatwire.analysis.entities._base import EntityExtractor, Mention
from beatwire.analysis.entities.combined import CombinedExtractor, NoEntities

_EXTRACTORS: dict[str, Callable[[], EntityExtractor]] = {
    "gazetteer": CombinedExtractor,
    "none": NoEntities,
}

__all__ = ["EntityExtractor", "Mention", "build_entities"]


def build_entities(name: str = "gazetteer") -> EntityExtractor:
    """Return the entity extractor called `name`."""
    return choose("entity extractor", name, _EXTRACTORS)
