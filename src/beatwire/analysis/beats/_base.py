"""The beat-classifier role: the protocol, a beat of the taxonomy, and one text's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from beatwire.model import BeatScore

CATEGORIES = ("technical", "society", "governance", "industry")


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


@dataclass(frozen=True, slots=True)
class BeatResult:
    """The beats of one text, most confident first, and how much the text is about AI."""

    beats: list[BeatScore]
    ai_relevance: float


class BeatClassifier(Protocol):
    """Places texts in beats and scores their relevance to AI."""

    name: str

    def classify(self, texts: list[str]) -> list[BeatResult]:
        """Return one result per text, in order."""
        ...
