"""The analysis pipeline: swappable parts, one per role, run in batches over texts.

`Analyzer` receives texts (never the store); `build_analyzer(settings)` fills it
from the configuration, and tests pass their own parts. Every analysis row
records which implementation of each role made it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from beatwire.analysis.beats import BeatClassifier, build_beats
from beatwire.analysis.embedding import Embedder, build_embedder
from beatwire.analysis.emotion import EmotionModel, build_emotion
from beatwire.analysis.entities import EntityExtractor, build_entities
from beatwire.analysis.language import LanguageDetector, build_language
from beatwire.analysis.phrases import PhraseExtractor, build_phrases
from beatwire.analysis.sentiment import SentimentModel, build_sentiment
from beatwire.config import AnalysisSettings
from beatwire.model import Analysis


@dataclass(frozen=True, slots=True)
class Item:
    """One text to analyse, with what its platform says about it."""

    id: int
    text: str
    lang: str | None = None
    platform: str | None = None


@dataclass(slots=True)
class Analyzer:
    """Runs every role over a batch of items."""

    language: LanguageDetector
    sentiment: SentimentModel
    emotion: EmotionModel
    entities: EntityExtractor
    phrases: PhraseExtractor
    beats: BeatClassifier
    embedder: Embedder

    def versions(self) -> dict[str, str]:
        """Return which implementation of each role runs, as recorded on every row."""
        return {
            "language": self.language.name,
            "sentiment": self.sentiment.name,
            "emotion": self.emotion.name,
            "entities": self.entities.name,
            "phrases": self.phrases.name,
            "beats": self.beats.name,
            "embedding": self.embedder.name,
        }

    def analyze(self, items: list[Item]) -> tuple[list[Analysis], np.ndarray]:
        """Return one analysis per item and the matrix of their embeddings."""
        texts = [item.text for item in items]
        langs = self.language.detect(texts, [item.lang for item in items])
        vectors = self.embedder.embed(texts)
        sentiments = self.sentiment.score(texts, langs, embeddings=vectors)
        emotions = self.emotion.score(texts, langs, embeddings=vectors)
        entities = self.entities.extract(texts)
        phrases = self.phrases.extract(texts)
        beats = self.beats.classify(texts)
        versions = self.versions()
        found = []
        for index, item in enumerate(items):
            scores = emotions[index]
            found.append(
                Analysis(
                    record_id=item.id,
                    lang=langs[index],
                    sentiment_label=sentiments[index].label,
                    sentiment_score=sentiments[index].score,
                    emotion=max(scores, key=lambda k: (scores[k], k)) if scores else None,
                    emotion_scores=scores,
                    entities=entities[index],
                    key_phrases=phrases[index],
                    beats=beats[index].beats,
                    ai_relevance=beats[index].ai_relevance,
                    versions=versions,
                )
            )
        return found, vectors


def build_analyzer(settings: AnalysisSettings, **parts: Any) -> Analyzer:
    """Return the analyzer the settings describe; `parts` replace single roles (for tests)."""
    chosen: dict[str, Any] = {
        "language": lambda: build_language(settings.language),
        "sentiment": lambda: build_sentiment(settings.sentiment),
        "emotion": lambda: build_emotion(settings.emotion),
        "entities": lambda: build_entities(settings.entities),
        "phrases": lambda: build_phrases(settings.phrases),
        "beats": lambda: build_beats(settings.beats),
        "embedder": lambda: build_embedder(settings.embedder),
    }
    return Analyzer(
        **{role: parts[role] if role in parts else make() for role, make in chosen.items()}
    )
