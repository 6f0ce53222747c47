"""The entity-extractor role: its protocol, the span a finder reports, and merging."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Protocol

from beatwire.model import Entity

MAX_ENTITIES = 10

# Lower runs first: a pattern (an arXiv id, a repo) beats a gazetteer alias inside it,
# and a gazetteer name beats a generic capitalised sequence.
PRIORITY_PATTERN = 0
PRIORITY_GAZETTEER = 1
PRIORITY_HASHTAG = 2
PRIORITY_PROPER_NAME = 3


class EntityExtractor(Protocol):
    """Finds the named things each text mentions."""

    name: str

    def extract(self, texts: list[str]) -> list[list[Entity]]:
        """Return, for each text, up to ten entities with their mention counts."""
        ...


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity at a character span of a text."""

    start: int
    end: int
    slug: str
    name: str
    type: str
    priority: int


class MentionFinder(Protocol):
    """Finds mentions in one text; several finders are merged by priority."""

    def find(self, text: str) -> list[Mention]:
        """Return every mention found in `text`, overlapping ones included."""
        ...


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Return the mentions that survive: higher priority first, then longer, then earlier."""
    ordered = sorted(mentions, key=lambda m: (m.priority, m.start - m.end, m.start))
    kept: list[Mention] = []
    for mention in ordered:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return kept


def count_entities(mentions: list[Mention], limit: int = MAX_ENTITIES) -> list[Entity]:
    """Return up to `limit` entities, most mentioned first, ties in order of appearance."""
    counts = Counter(m.slug for m in mentions)
    first: dict[str, Mention] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        first.setdefault(mention.slug, mention)
    ranked = sorted(first.values(), key=lambda m: (-counts[m.slug], m.priority, m.start))
    return [Entity(m.slug, m.name, m.type, counts[m.slug]) for m in ranked[:limit]]
