"""`auto` sentiment and emotion heads follow the configured embedder."""

from __future__ import annotations

import pytest

from beatwire.analysis.heads.auto import heads_for
from beatwire.analysis.pipeline import Item, build_analyzer
from beatwire.config import AnalysisSettings


@pytest.mark.parametrize(
    ("embedder", "sentiment", "emotion"),
    [("minilm", "minilm_lr", "minilm_tuned"), ("static", "static_lr", "static"),
     ("none", "vader_lr", "lexicon")],
)  # fmt: skip
def test_auto_takes_the_heads_trained_on_the_embedder(
    embedder: str, sentiment: str, emotion: str
) -> None:
    assert heads_for(embedder, "auto", "auto") == (sentiment, emotion)


def test_a_named_head_is_kept() -> None:
    assert heads_for("minilm", "vader_lr", "auto") == ("vader_lr", "minilm_tuned")


def test_the_default_analyzer_runs_minilm_with_its_heads() -> None:
    analyzer = build_analyzer(AnalysisSettings())
    versions = analyzer.versions()
    assert versions["embedding"].startswith("minilm")
    assert versions["sentiment"] == "minilm_lr@3"  # the head with a clean val figure
    assert versions["emotion"] == "minilm_emotion@2+tuned_affect@1"  # with its branch
    (analysis,), vectors = analyzer.analyze([Item(1, "I love this new model, great work!")])
    assert analysis.sentiment_label == "positive" and vectors.shape == (1, 384)
    assert sum(analysis.emotion_scores.values()) == pytest.approx(1.0, abs=1e-3)


def test_the_tuned_emotion_model_needs_the_minilm_embedder() -> None:
    from beatwire.errors import AnalysisError

    with pytest.raises(AnalysisError, match="runs inside the MiniLM embedder"):
        build_analyzer(AnalysisSettings(embedder="static", emotion="minilm_tuned"))


def test_heads_that_need_different_branches_are_refused() -> None:
    from types import SimpleNamespace

    from beatwire.analysis.embedding.minilm import Branch
    from beatwire.analysis.pipeline import shared_branch
    from beatwire.errors import AnalysisError

    one, two = (SimpleNamespace(branch=Branch(name, {})) for name in ("one@1", "two@1"))
    with pytest.raises(AnalysisError, match="different branches"):
        shared_branch(one, two)
    found = shared_branch(one, SimpleNamespace(branch=None), one)
    assert found is not None and found.name == "one@1"
    assert shared_branch(SimpleNamespace(), SimpleNamespace(branch=None)) is None


def test_the_tuned_sentiment_head_alone_has_the_embedder_run_its_branch() -> None:
    analyzer = build_analyzer(AnalysisSettings(sentiment="minilm_tuned_lr", emotion="minilm"))
    assert analyzer.versions()["sentiment"] == "minilm_tuned_lr@4"
    assert analyzer.versions()["emotion"] == "minilm_emotion@2"
    (analysis,), _ = analyzer.analyze([Item(1, "What a wonderful release, I love it")])
    assert analysis.sentiment_label == "positive"
