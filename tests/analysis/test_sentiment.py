"""Sentiment models: labels and scores in range, unmeasured stays None, factories."""

from __future__ import annotations

import numpy as np
import pytest

from beatwire.analysis.sentiment import LABELS, UNMEASURED, build_sentiment
from beatwire.errors import AnalysisError

POSITIVE = "I absolutely love this new assistant, it is wonderful and so helpful!"
NEGATIVE = "This update is terrible, it broke everything and I hate it."
NEUTRAL = "The company will publish the model weights on Tuesday."


@pytest.fixture(scope="module", params=["vader", "vader_lr"])
def model(request):
    """Each sentiment model that needs no embeddings."""
    return build_sentiment(request.param)


def test_clear_examples_get_their_labels(model) -> None:
    results = model.score([POSITIVE, NEGATIVE], ["en", "en"])
    assert [r.label for r in results] == ["positive", "negative"]
    assert results[0].score > 0 > results[1].score


def test_scores_are_in_range(model) -> None:
    results = model.score([POSITIVE, NEGATIVE, NEUTRAL, "ok"], ["en", None, "en", "en"])
    for result in results:
        assert result.label in LABELS
        assert -1.0 <= result.score <= 1.0


def test_unvalidated_language_is_unmeasured_not_neutral(model) -> None:
    results = model.score(["Ce modèle est vraiment génial !", "   "], ["fr", "en"])
    assert results == [UNMEASURED, UNMEASURED]
    assert results[0].label is None and results[0].score is None


def test_empty_batch(model) -> None:
    assert model.score([], []) == []


def test_names_record_the_implementation() -> None:
    assert build_sentiment("vader").name == "vader@3.3.2"
    assert build_sentiment("vader_lr").name == "vader_lr@2"
    assert build_sentiment("minilm_lr").name == "minilm_lr@3"


def test_class_scales_shift_the_label_and_keep_scores_in_range(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from beatwire.analysis.heads import model_files
    from beatwire.analysis.heads.linear import LinearHead, load_head
    from beatwire.analysis.sentiment.linear import LinearSentiment

    head = load_head("sentiment_vader_lr.npz")
    for scales, expected in (([1.0, 1.0, 1.0], "positive"), ([0.001, 1.0, 0.001], "neutral")):
        meta = {**head.meta, "class_scales": scales, "name": "scaled@test"}
        LinearHead(head.classes, head.hash_rows, head.hash_weights, head.dense_weights,
                           head.bias, meta).save(tmp_path / "scaled.npz")  # fmt: skip
        monkeypatch.setattr(model_files, "MODELS_DIR", tmp_path)
        [result] = LinearSentiment("scaled.npz").score([POSITIVE], ["en"])
        assert result.label == expected
        assert -1.0 <= result.score <= 1.0


def test_minilm_head_uses_passed_embeddings() -> None:
    model = build_sentiment("minilm_lr")
    vectors = np.zeros((2, 384), dtype=np.float32)
    results = model.score([POSITIVE, NEGATIVE], ["en", "en"], embeddings=vectors)
    assert [r.label for r in results] == ["positive", "negative"]


def test_minilm_head_without_embeddings_names_the_fix() -> None:
    with pytest.raises(AnalysisError, match="needs"):
        build_sentiment("minilm_lr").score([POSITIVE], ["en"])


def test_none_measures_nothing() -> None:
    assert build_sentiment("none").score([POSITIVE], ["en"]) == [UNMEASURED]


def test_unknown_model_name_raises() -> None:
    with pytest.raises(AnalysisError, match="unknown sentiment model"):
        build_sentiment("nope")


def test_the_tuned_head_reads_the_affect_branch_vectors() -> None:
    from beatwire.analysis.embedding import build_embedder

    model = build_sentiment("minilm_tuned_lr")
    assert model.name == "minilm_tuned_lr@4"
    encoded = build_embedder("minilm", branch=model.branch).encode([POSITIVE, NEGATIVE])
    results = model.score(
        [POSITIVE, NEGATIVE], ["en", "en"], embeddings=encoded.vectors, branches=encoded.branches
    )
    assert [r.label for r in results] == ["positive", "negative"]
    with pytest.raises(AnalysisError, match="needs the vectors of its branch"):
        model.score([POSITIVE], ["en"], embeddings=encoded.vectors[:1])
