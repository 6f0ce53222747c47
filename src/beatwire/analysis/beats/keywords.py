"""The keyword beat classifier: weighted cues per beat, and an AI-relevance score."""

from __future__ import annotations

import numpy as np

from beatwire.analysis.beats._base import BeatResult
from beatwire.analysis.beats.cues import CueIndex
from beatwire.analysis.beats.taxonomy import Taxonomy, checked_taxonomy
from beatwire.model import BeatScore

_RELEVANT = 0.5  # from here on a text is about AI and always gets a beat


def build_index(taxonomy: Taxonomy) -> CueIndex:
    """Return the cue index of every beat (columns 0..n-1) and of AI-relevance (column n)."""
    relevance_column = len(taxonomy.beats)
    index = CueIndex(relevance_column + 1)
    for column, beat in enumerate(taxonomy.beats):
        for cue, weight in beat.cues.items():
            index.add(cue, column, weight)
        for cue, weight in beat.negative.items():
            index.add(cue, column, -weight)
        for pattern, weight in beat.patterns.items():
            index.add_pattern(pattern, column, weight)
    rules = taxonomy.relevance
    for cue, weight in rules.exact.items():
        index.add(cue, relevance_column, weight, exact=True)
    for cue, weight in rules.cues.items():
        index.add(cue, relevance_column, weight)
    for cue, weight in rules.negative.items():
        index.add(cue, relevance_column, -weight)
    index.compile()
    return index


class KeywordBeatClassifier:
    """Scores every beat and AI-relevance from the cues of data/beats.toml, many texts at once."""

    name = "keywords@2"

    def __init__(self, taxonomy: Taxonomy | None = None) -> None:
        self.taxonomy = taxonomy or checked_taxonomy()
        self.index = build_index(self.taxonomy)
        self.slugs = [beat.slug for beat in self.taxonomy.beats]
        self._fallback = self.slugs.index(self.taxonomy.scoring.fallback)

    def classify(self, texts: list[str]) -> list[BeatResult]:
        """Return the beats (most confident first) and the AI-relevance of each text."""
        scores, n_words = self.index.score(texts)
        relevance = self.relevance(scores[:, -1], n_words)
        confidence = 1.0 - np.exp(-np.maximum(scores[:, :-1], 0.0) / self.taxonomy.scoring.scale)
        return [
            BeatResult(self._beats(confidence[row], float(relevance[row])), float(relevance[row]))
            for row in range(len(texts))
        ]

    def relevance(self, raw: np.ndarray, n_words: np.ndarray) -> np.ndarray:
        """Return AI-relevance in [0, 1] from the relevance cue scores, damped for long texts."""
        rules = self.taxonomy.relevance
        damping = np.sqrt(np.maximum(n_words / rules.long_text_tokens, 1.0))
        logits = rules.slope * (raw / damping - rules.midpoint)
        return np.round(1.0 / (1.0 + np.exp(-logits)), 4)

    def _beats(self, confidence: np.ndarray, relevance: float) -> list[BeatScore]:
        """Return the beats one text passes, or the best (or fallback) one if it is about AI."""
        rules = self.taxonomy.scoring
        if relevance < rules.min_relevance:
            return []
        order = np.argsort(-confidence, kind="stable")[: rules.max_beats]
        top = float(confidence[order[0]])
        floor = max(rules.min_confidence, rules.relative * top)
        chosen = [
            BeatScore(self.slugs[i], round(float(confidence[i]), 4))
            for i in order
            if confidence[i] >= floor
        ]
        if chosen or relevance < _RELEVANT:
            return chosen
        if top > 0.0:  # about AI: the best beat, however weak, rather than none
            return [BeatScore(self.slugs[order[0]], round(top, 4))]
        return [BeatScore(self.slugs[self._fallback], rules.fallback_confidence)]


class NoBeats:
    """The pass-through classifier: no beats, relevance 1, so nothing is dropped."""

    name = "none@1"

    def classify(self, texts: list[str]) -> list[BeatResult]:
        """Return an empty result with full relevance for each text."""
        return [BeatResult([], 1.0) for _ in texts]
