"""Sentiment: a label and a score in [-1, 1] per text, or explicitly unmeasured."""

from __future__ import annotations

from collections.abc import Callable

from beatwire.analysis.choose import choose
from beatwire.analysis.sentiment._base import LABELS, UNMEASURED, SentimentModel, SentimentResult
from beatwire.analysis.sentiment.linear import LinearSentiment
from beatwire.analysis.sentiment.none import NoSentiment
from beatwire.analysis.sentiment.vader import VaderSentiment

_MODELS: dict[str, Callable[[], SentimentModel]] = {
    "vader": VaderSentiment,
    "vader_lr": lambda: LinearSentiment("sentiment_vader_lr.npz"),
    "minilm_lr": lambda: LinearSentiment("sentiment_minilm_lr.npz"),
    # the same features plus the affect branch's vectors (the embedder must run it)
    "minilm_tuned_lr": lambda: LinearSentiment("sentiment_minilm_tuned_lr.npz"),
    "static_lr": lambda: LinearSentiment("sentiment_static_lr.npz"),
    "none": NoSentiment,
}

__all__ = [
    "LABELS",
    "UNMEASURED",
    "SentimentModel",
    "SentimentResult",
    "build_sentiment",
]


def build_sentiment(name: str = "vader") -> SentimentModel:
    """Return the sentiment model called `name` ("minilm_lr", "static_lr"...: by embedder)."""
    return choose("sentiment model", name, _MODELS)
