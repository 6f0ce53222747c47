"""Stacked heads (static mode): shipped files load, classify clear examples, rows sum to 1."""

from __future__ import annotations

import numpy as np
import pytest

from beatwire.analysis.embedding import StaticEmbedder
from beatwire.analysis.emotion import REGISTERS, build_emotion, top_register
from beatwire.analysis.heads import model_files
from beatwire.analysis.heads.linear import LinearHead
from beatwire.analysis.heads.stack import StackedHead, combine, load_model
from beatwire.analysis.sentiment import UNMEASURED, build_sentiment
from beatwire.errors import AnalysisError

POSITIVE = "I absolutely love this new assistant, it is wonderful and so helpful!"
NEGATIVE = "This update is terrible, it broke everything and I hate it."
NEUTRAL = "The company will publish the model weights on Tuesday."


@pytest.fixture(scope="module")
def embedder() -> StaticEmbedder:
    """The static embedder whose vectors the stacks were trained on."""
    return StaticEmbedder()


def test_static_sentiment_stack_labels_clear_examples(embedder: StaticEmbedder) -> None:
    texts = [POSITIVE, NEGATIVE, NEUTRAL]
    results = build_sentiment("static_lr").score(texts, ["en"] * 3, embedder.embed(texts))
    assert [r.label for r in results] == ["positive", "negative", "neutral"]
    assert results[0].score > 0 > results[1].score
    assert all(-1.0 <= r.score <= 1.0 for r in results)


def test_static_sentiment_stack_records_its_version_and_figure() -> None:
    model = build_sentiment("static_lr")
    assert model.name == "static_lr@2"
    stack = load_model("sentiment_static_lr.npz")
    assert isinstance(stack, StackedHead)
    assert [b.meta["block"] for b in stack.bases] == ["lexical", "embedding"]
    assert stack.meta["embedder"] == "static"
    assert stack.meta["cv_folds"] == 5 and 0.6 < stack.meta["cv_macro_recall"] < 1.0


def test_stack_probabilities_sum_to_one(embedder: StaticEmbedder) -> None:
    stack = load_model("sentiment_static_lr.npz")
    texts = [POSITIVE, NEGATIVE, NEUTRAL, "ok", "🙂"]
    probs = stack.probabilities(stack.featurizer().transform(texts, embedder.embed(texts)))
    assert probs.shape == (5, 3)
    assert np.all(probs >= 0)
    assert probs.sum(axis=1) == pytest.approx(np.ones(5), abs=1e-5)


def test_bases_see_only_their_block() -> None:
    lexical, embedding = load_model("sentiment_static_lr.npz").bases
    assert not np.any(lexical.dense_weights[4:])  # no weight on the embedding columns
    assert embedding.hash_rows.size == 0  # no hashed n-grams


def test_meta_layer_follows_the_bases() -> None:
    stack = load_model("sentiment_static_lr.npz")
    sure_positive = np.array([[0.01, 0.01, 0.98]], dtype=np.float32)
    assert np.argmax(combine([sure_positive, sure_positive], stack)) == 2


def test_static_stack_without_embeddings_names_the_fix() -> None:
    with pytest.raises(AnalysisError, match="static"):
        build_sentiment("static_lr").score([POSITIVE], ["en"])


def test_static_stack_leaves_other_languages_unmeasured(embedder: StaticEmbedder) -> None:
    texts = ["Ce modèle est vraiment génial !"]
    assert build_sentiment("static_lr").score(texts, ["fr"], embedder.embed(texts)) == [UNMEASURED]


def test_stack_round_trips_through_a_file(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    stack = load_model("sentiment_static_lr.npz")
    assert isinstance(stack, StackedHead)
    stack.save(tmp_path / "copy.npz")
    monkeypatch.setattr(model_files, "MODELS_DIR", tmp_path)
    copy = load_model("copy.npz")
    assert isinstance(copy, StackedHead)
    assert copy.meta == stack.meta and len(copy.bases) == 2
    np.testing.assert_array_equal(copy.meta_weights, stack.meta_weights)


def test_plain_heads_still_load_as_linear_heads() -> None:
    assert isinstance(load_model("sentiment_vader_lr.npz"), LinearHead)


@pytest.mark.parametrize(
    ("text", "register"),
    [
        ("I am furious, this company keeps lying to us and I am sick of it!!", "anger"),
        ("So excited and thrilled about this amazing launch!!!", "enthusiasm"),
        ("I miss her so much, I cried all night, everything feels empty", "sadness"),
    ],
)
def test_static_emotion_stack_gets_clear_registers(
    embedder: StaticEmbedder, text: str, register: str
) -> None:
    (scores,) = build_emotion("static").score([text], ["en"], embedder.embed([text]))
    assert set(scores) == set(REGISTERS)
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert top_register(scores) == register


def test_static_emotion_stack_records_how_it_was_trained() -> None:
    assert build_emotion("static").name == "static_emotion@1"
    stack = load_model("emotion_static.npz")
    assert stack.classes == ("anger", "joy", "optimism", "sadness")
    assert "val_text.txt" in stack.meta["trained_on"]  # shipped stack: train + validation
    assert 0.6 < stack.meta["val_macro_f1_registers_fit_on_train"] < 1.0
