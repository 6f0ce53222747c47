"""Beats: the 24-beat taxonomy, a keyword classifier and the AI-relevance score."""

from __future__ import annotations

from collections.abc import Callable

from beatwire.analysis.beats._base import CATEGORIES, Beat, BeatClassifier, BeatResult
from beatwire.analysis.beats.keywords import KeywordBeatClassifier, NoBeats
from beatwire.analysis.beats.taxonomy import load_beats
from beatwire.analysis.choose import choose

_CLASSIFIERS: dict[str, Callable[[], BeatClassifier]] = {
    "keywords": KeywordBeatClassifier,
    "none": NoBeats,
}

__all__ = ["CATEGORIES", "Beat", "BeatClassifier", "BeatResult", "build_beats", "load_beats"]


def build_beats(name: str = "keywords") -> BeatClassifier:
    """Return the beat classifier called `name`."""
    return choose("beat classifier", name, _CLASSIFIERS)
