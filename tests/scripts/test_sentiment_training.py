"""The training scripts run end to end on a small subset and write loadable heads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from beatwire.analysis.heads import model_files
from beatwire.analysis.heads.linear import load_head
from beatwire.analysis.heads.stack import StackedHead, load_model

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO.parent / "shared" / "corpora"

pytest.importorskip("sklearn", reason="training needs scikit-learn (training only)")


def run_script(name: str, out: Path, limit: int, *extra: str) -> str:
    """Run a training script on the first `limit` tweets and return what it printed."""
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / name), "--corpora", str(CORPORA),
         "--out", str(out), "--limit", str(limit), *extra],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    return done.stdout


def test_train_sentiment_on_a_subset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    printed = run_script("train_sentiment.py", tmp_path, 200)
    assert "vader_lr@2: 5-fold CV macro-recall on the pool" in printed
    monkeypatch.setattr(model_files, "MODELS_DIR", tmp_path)
    head = load_head("sentiment_vader_lr.npz")
    assert head.classes == ("negative", "neutral", "positive")
    assert head.meta["trained_on"].startswith("semeval-sentiment-2013-2016, 200 tweets")
    assert set(head.meta["cv_grid"]) == {f"C={c} embedding_scale=0.0" for c in (0.3, 1.0, 3.0)}
    assert head.meta["C"] in (0.3, 1.0, 3.0) and 0 < head.meta["val_macro_recall"] < 1
    assert np.isfinite(head.hash_weights).all()


def test_train_emotion_on_a_subset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    printed = run_script("train_emotion.py", tmp_path, 200)
    assert "lexical_emotion@2: TweetEval emotion val macro-F1" in printed
    monkeypatch.setattr(model_files, "MODELS_DIR", tmp_path)
    assert load_head("emotion_lexical.npz").classes == (
        "anger",
        "joy",
        "optimism",
        "sadness",
    )


def test_train_static_stacks_on_a_subset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    printed = run_script("train_sentiment.py", tmp_path, 200, "--embedder", "static")
    assert "static_lr@2: 5-fold CV macro-recall on the pool" in printed
    printed = run_script("train_emotion.py", tmp_path, 200, "--embedder", "static")
    assert "static_emotion@1: TweetEval emotion val macro-F1" in printed
    monkeypatch.setattr(model_files, "MODELS_DIR", tmp_path)
    sentiment = load_model("sentiment_static_lr.npz")
    assert isinstance(sentiment, StackedHead)
    assert sentiment.meta["trained_on"].startswith("semeval-sentiment-2013-2016, 200 tweets")
    emotion = load_model("emotion_static.npz")
    assert isinstance(emotion, StackedHead)
    assert emotion.meta["trained_on"].endswith("first 200 + 374 tweets")
