"""`auto` sentiment and emotion heads follow the configured embedder."""

from __future__ import annotations

import pytest

from beatwire.analysis.heads import heads_for
from beatwire.analysis.pipeline import Item, build_analyzer
from beatwire.config import AnalysisSettings


@pytest.mark.parametrize(
    ("embedder", "sentiment", "emotion"),
    [("minilm", "minilm_lr", "minilm"), ("static", "static_lr", "static"),
     ("none", "vader_lr", "lexicon")],
)  # fmt: skip
def test_auto_takes_the_heads_trained_on_the_embedder(
    embedder: str, sentiment: str, emotion: str
) -> None:
    assert heads_for(embedder, "auto", "auto") == (sentiment, emotion)


def test_a_named_head_is_kept() -> None:
    assert heads_for("minilm", "vader_lr", "auto") == ("vader_lr", "minilm")


def test_the_default_analyzer_runs_minilm_with_its_heads() -> None:
    analyzer = build_analyzer(AnalysisSettings())
    versions = analyzer.versions()
    assert versions["embedding"].startswith("minilm")
    assert versions["sentiment"].startswith("minilm_lr") and versions["emotion"].startswith(
        "minilm"
    )
    (analysis,), vectors = analyzer.analyze([Item(1, "I love this new model, great work!")])
    assert analysis.sentiment_label == "positive" and vectors.shape == (1, 384)
