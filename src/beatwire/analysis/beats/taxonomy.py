"""The beat taxonomy and its scoring rules, read once from data/beats.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from beatwire.analysis.beats._base import CATEGORIES, Beat
from beatwire.errors import AnalysisError
from beatwire.taxonomy import beats_toml, load_taxonomy


@dataclass(frozen=True, slots=True)
class ScoringRules:
    """How cue scores become beats with confidences."""

    scale: float
    min_confidence: float
    relative: float
    max_beats: int
    min_relevance: float
    fallback: str
    fallback_confidence: float


@dataclass(frozen=True, slots=True)
class RelevanceRules:
    """The cues and the curve that say whether a text is about AI."""

    midpoint: float
    slope: float
    long_text_tokens: int
    exact: dict[str, float]
    cues: dict[str, float]
    negative: dict[str, float]


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The beats with the rules that score them."""

    beats: tuple[Beat, ...]
    scoring: ScoringRules
    relevance: RelevanceRules


def load_beats() -> list[Beat]:
    """Return the 24 beats of the taxonomy, in the order of data/beats.toml."""
    return list(checked_taxonomy().beats)


@cache
def checked_taxonomy() -> Taxonomy:
    """Return the packaged beats with their scoring rules, read and checked once per process."""
    try:
        data = beats_toml()
        beats = load_taxonomy()
        scoring = ScoringRules(**data["scoring"])
        relevance = RelevanceRules(**data["relevance"])
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise AnalysisError(f"data/beats.toml is not a valid taxonomy: {exc}") from exc
    _check(beats, scoring)
    return Taxonomy(beats, scoring, relevance)


def _check(beats: tuple[Beat, ...], scoring: ScoringRules) -> None:
    """Raise AnalysisError when slugs repeat, a category is unknown or the fallback is missing."""
    slugs = [beat.slug for beat in beats]
    if len(set(slugs)) != len(slugs):
        raise AnalysisError("data/beats.toml repeats a beat slug")
    unknown = sorted({b.category for b in beats} - set(CATEGORIES))
    if unknown:
        raise AnalysisError(f"data/beats.toml has unknown categories {unknown}")
    if scoring.fallback not in slugs:
        raise AnalysisError(f"data/beats.toml: fallback beat {scoring.fallback!r} is not a beat")
