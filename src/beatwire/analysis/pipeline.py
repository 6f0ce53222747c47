"""The analysis pipeline: swappable parts, one per role, run in batches over texts.

`Analyzer` receives texts (never the store); `build_analyzer(settings)` fills it
from the configuration, and tests pass their own parts. Every analysis row
records which implementation of each role made it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from beatwire.analysis.beats import BeatClassifier, build_beats
from beatwire.analysis.embedding import Embedder, build_embedder, encode
from beatwire.analysis.embedding.minilm import Branch
from beatwire.analysis.emotion import EmotionModel, build_emotion
from beatwire.analysis.entities import EntityExtractor, build_entities
from beatwire.analysis.heads.auto import heads_for
from beatwire.analysis.language import LanguageDetector, build_language
from beatwire.analysis.llm import LLMOverlay, build_llm
from beatwire.analysis.phrases import PhraseExtractor, build_phrases
from beatwire.analysis.plain_text import plain_text
from beatwire.analysis.sentiment import SentimentModel, build_sentiment
from beatwire.analysis.text_caps import capped_text
from beatwire.config import AnalysisSettings, Settings
from beatwire.errors import AnalysisError
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
    llm: LLMOverlay | None = None  # optional: relabels sentiment, emotion and beats
    max_chars: int = AnalysisSettings().max_chars  # how much of each text the roles read

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
        texts = [capped_text(plain_text(item.text), self.max_chars) for item in items]
        # The embedder works in BLAS and Rust with the GIL released: running it beside the
        # pure-Python roles puts the second core to work (bench/analysis.py).
        with ThreadPoolExecutor(max_workers=1) as pool:
            embedding = pool.submit(encode, self.embedder, texts)
            langs = self.language.detect(texts, [item.lang for item in items])
            entities = self.entities.extract(texts)
            phrases = self.phrases.extract(texts, langs)
            beats = self.beats.classify(texts)
            encoding = embedding.result()
        vectors = encoding.vectors
        sentiments = self.sentiment.score(
            texts, langs, embeddings=vectors, branches=encoding.branches
        )
        emotions = self.emotion.score(texts, langs, embeddings=vectors, branches=encoding.branches)
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
        if self.llm is not None:
            found = self.llm.apply(texts, langs, found)
        return found, vectors


def build_analyzer(settings: AnalysisSettings | Settings, **parts: Any) -> Analyzer:
    """Return the analyzer the settings describe; `parts` replace single roles (for tests).

    The optional LLM role needs the whole Settings (API keys, prices, HTTP); with
    only the analysis section it stays off.
    """
    full = settings if isinstance(settings, Settings) else None
    settings = full.analysis if full is not None else settings
    assert isinstance(settings, AnalysisSettings)
    sentiment, emotion = heads_for(settings.embedder, settings.sentiment, settings.emotion)
    sentiment_model = parts["sentiment"] if "sentiment" in parts else build_sentiment(sentiment)
    emotion_model = parts["emotion"] if "emotion" in parts else build_emotion(emotion)
    branch = shared_branch(sentiment_model, emotion_model)
    chosen: dict[str, Any] = {
        "language": lambda: build_language(settings.language),
        "sentiment": lambda: sentiment_model,
        "emotion": lambda: emotion_model,
        "entities": lambda: build_entities(settings.entities),
        "phrases": lambda: build_phrases(settings.phrases),
        "beats": lambda: build_beats(settings.beats),
        "embedder": lambda: build_embedder(settings.embedder, branch=branch),
        "llm": lambda: build_llm(full) if full is not None else None,
    }
    return Analyzer(
        **{role: parts[role] if role in parts else make() for role, make in chosen.items()},
        max_chars=settings.max_chars,
    )


def shared_branch(*models: Any) -> Branch | None:
    """Return the fine-tuned branch the models need the embedder to run (one at most)."""
    needed = {b.name: b for b in (getattr(m, "branch", None) for m in models) if b is not None}
    if len(needed) > 1:
        raise AnalysisError(
            f"the sentiment and emotion models need different branches: {sorted(needed)}",
            hint="choose heads trained with the same branch (the 'auto' ones are)",
        )
    return next(iter(needed.values()), None)
