"""The analysis pipeline: every role over a batch, the embedder running beside the others."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from beatwire.analysis.pipeline import Item, build_analyzer
from beatwire.config import AnalysisSettings
from beatwire.errors import AnalysisError


class CountingEmbedder:
    """Rows that say which text they came from: its length, then a one."""

    name = "counting@test"
    dim = 2

    def __init__(self) -> None:
        self.threads: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.threads.append(threading.current_thread().name)
        rows = np.array([[len(t), 1.0] for t in texts], dtype=np.float32).reshape(-1, 2)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


class BrokenEmbedder:
    name = "broken@test"
    dim = 2

    def embed(self, texts: list[str]) -> np.ndarray:
        raise AnalysisError("the embedding table is missing")


def settings() -> AnalysisSettings:
    return AnalysisSettings(language="hint", embedder="none")


def test_vectors_come_back_in_item_order_with_every_role_filled():
    embedder = CountingEmbedder()
    analyzer = build_analyzer(settings(), embedder=embedder)
    texts = ["OpenAI shipped a new model today", "short", "regulators in the EU met again"]
    items = [Item(i, text, "en") for i, text in enumerate(texts)]
    found, vectors = analyzer.analyze(items)
    expected = embedder.embed(texts)
    np.testing.assert_array_equal(vectors, expected)
    assert [a.record_id for a in found] == [0, 1, 2]
    assert all(a.lang == "en" and a.emotion_scores for a in found)
    assert found[0].versions["embedding"] == "counting@test"


def test_the_embedder_runs_off_the_calling_thread():
    embedder = CountingEmbedder()
    build_analyzer(settings(), embedder=embedder).analyze([Item(1, "chips and compute", "en")])
    assert embedder.threads[0] != threading.current_thread().name


def test_an_embedder_error_reaches_the_caller():
    analyzer = build_analyzer(settings(), embedder=BrokenEmbedder())
    with pytest.raises(AnalysisError, match="table is missing"):
        analyzer.analyze([Item(1, "a post about agents", "en")])


def test_key_phrases_follow_each_records_language():
    analyzer = build_analyzer(settings(), embedder=CountingEmbedder())
    german = "Die neue Lernsoftware der Stadtbibliothek hat bei den Schülern großen Erfolg"
    found, _ = analyzer.analyze([Item(1, german, "de"), Item(2, german, "tr")])
    assert "neue Lernsoftware" in found[0].key_phrases
    assert found[1].key_phrases == []
