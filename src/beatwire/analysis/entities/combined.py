"""The default entity extractor: gazetteer, identifier patterns and proper names, merged."""

from __future__ import annotations

from beatwire.analysis.entities._base import (
    MAX_ENTITIES,
    MentionFinder,
    count_entities,
    resolve_overlaps,
)
from beatwire.analysis.entities.gazetteer import GazetteerFinder
from beatwire.analysis.entities.patterns import PatternFinder
from beatwire.analysis.entities.propernames import ProperNameFinder
from beatwire.model import Entity


class CombinedExtractor:
    """Runs several finders on each text and keeps the best non-overlapping mentions."""

    name = "gazetteer@2"

    def __init__(self, finders: list[MentionFinder] | None = None, limit: int = MAX_ENTITIES):
        self.finders = finders if finders is not None else default_finders()
        self.limit = limit

    def extract(self, texts: list[str]) -> list[list[Entity]]:
        """Return, for each text, up to `limit` entities with their mention counts."""
        return [self.extract_one(text) for text in texts]

    def extract_one(self, text: str) -> list[Entity]:
        """Return the entities of one text."""
        mentions = [m for finder in self.finders for m in finder.find(text)]
        return count_entities(resolve_overlaps(mentions), self.limit)


def default_finders() -> list[MentionFinder]:
    """Return the gazetteer, pattern and proper-name finders over the packaged data."""
    return [PatternFinder(), GazetteerFinder(), ProperNameFinder()]


class NoEntities:
    """The pass-through extractor: finds nothing, so the step can be skipped."""

    name = "none@1"

    def extract(self, texts: list[str]) -> list[list[Entity]]:
        """Return an empty list for each text."""
        return [[] for _ in texts]
