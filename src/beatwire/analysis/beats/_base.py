"""The beat-classifier role: the protocol and one text's result (`Beat` is beatwire.taxonomy's)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from beatwire.model import BeatScore
from beatwire.taxonomy import Beat

__all__ = ["CATEGORIES", "Beat", "BeatClassifier", "BeatResult"]

CATEGORIES = ("technical", "society", "governance", "industry")


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
