"""Emotion: ten registers that sum to 1, sensible registers on clear examples."""

from __future__ import annotations

import numpy as np
import pytest

from beatwire.analysis.emotion import REGISTERS, build_emotion, top_register
from beatwire.analysis.emotion.cues import CueScorer
from beatwire.errors import AnalysisError


@pytest.fixture(scope="module")
def model():
    """The lexical emotion model (no embeddings needed)."""
    return build_emotion("lexicon")


def test_every_register_is_scored_and_sums_to_one(model) -> None:
    (scores,) = model.score(["What a day for open models!"], ["en"])
    assert set(scores) == set(REGISTERS)
    assert all(v >= 0 for v in scores.values())
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(
    ("text", "register"),
    [
        ("How does this new model handle long documents? Anyone know?", "curiosity"),
        (
            "The lab released version 2 of its model today: https://example.org/notes",
            "informational",
        ),
        ("lol this chatbot just wrote a poem about my cat 😂😂", "humor"),
        ("I am furious, this company keeps lying to us and I am sick of it!!", "anger"),
        ("I'm scared, honestly terrified of where this is heading", "fear"),
        ("So much hype, I doubt any of these claims, sounds like a bubble", "skepticism"),
        ("So excited and thrilled about this amazing launch!!!", "enthusiasm"),
    ],
)
def test_clear_examples_get_their_register(model, text: str, register: str) -> None:
    (scores,) = model.score([text], ["en"])
    assert top_register(scores) == register


def test_other_languages_are_not_measured(model) -> None:
    assert model.score(["¡Qué gran noticia!"], ["es"]) == [{}]


def test_cue_strength_grows_with_hits() -> None:
    cues = CueScorer()
    strength = cues.score(["why?", "why? how? what?"])
    curiosity = cues.registers.index("curiosity")
    assert 0 < strength[0, curiosity] < strength[1, curiosity] < 1


def test_minilm_model_requires_embeddings() -> None:
    model = build_emotion("minilm")
    with pytest.raises(AnalysisError):
        model.score(["hello"], ["en"])
    (scores,) = model.score(["hello"], ["en"], embeddings=np.zeros((1, 384), np.float32))
    assert set(scores) == set(REGISTERS)


def test_none_and_unknown() -> None:
    assert build_emotion("none").score(["x"], ["en"]) == [{}]
    with pytest.raises(AnalysisError, match="unknown emotion model"):
        build_emotion("nope")


@pytest.fixture(scope="module")
def tuned():
    """The MiniLM emotion head mixed with its fine-tuned branch, and an embedder running it."""
    from beatwire.analysis.embedding import build_embedder

    model = build_emotion("minilm_tuned")
    return model, build_embedder("minilm", branch=model.branch)


def test_the_tuned_model_scores_with_its_branch_vectors(tuned) -> None:
    model, embedder = tuned
    assert model.name == "minilm_emotion@2+tuned_affect@1"
    texts = ["I am furious, they lied to us again!!", "So thrilled about this launch!!!"]
    encoded = embedder.encode(texts)
    rows = model.score(texts, ["en", "en"], embeddings=encoded.vectors, branches=encoded.branches)
    for scores in rows:
        assert set(scores) == set(REGISTERS)
        assert sum(scores.values()) == pytest.approx(1.0, abs=1e-3)
    spanish = embedder.encode(["¡Qué gran noticia!"])
    assert model.score(["¡Qué gran noticia!"], ["es"], spanish.vectors, spanish.branches) == [{}]


def test_the_tuned_model_refuses_to_score_without_its_branch(tuned) -> None:
    model, _ = tuned
    vectors = np.zeros((1, 384), np.float32)
    with pytest.raises(AnalysisError, match="needs the vectors of its branch"):
        model.score(["hello"], ["en"], embeddings=vectors)
    with pytest.raises(AnalysisError, match="needs the vectors of its branch"):
        model.score(["hello"], ["en"], embeddings=vectors, branches={"other": vectors})


def test_only_the_minilm_embedder_runs_a_branch(tuned) -> None:
    from beatwire.analysis.embedding import build_embedder

    model, _ = tuned
    with pytest.raises(AnalysisError, match="runs inside the MiniLM embedder"):
        build_embedder("static", branch=model.branch)
