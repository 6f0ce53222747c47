"""Narrative labels by class-based TF-IDF."""

from __future__ import annotations

from beatwire.signals.labels import class_tfidf, terms


def test_terms_drop_stop_words_links_and_handles_and_add_pairs() -> None:
    assert terms("The agent wiped @ops production https://x.example/a database") == [
        "agent", "wiped", "production", "database",
        "agent wiped", "wiped production", "production database",
    ]  # fmt: skip


def test_each_cluster_gets_its_distinctive_terms_first() -> None:
    docs = {
        "a": [terms("chip export rule hits accelerators")] * 3 + [terms("people talk today")],
        "b": [terms("tutor grading scandal in schools")] * 3 + [terms("people talk today")],
    }
    labels = class_tfidf(docs, top=2)
    assert labels["a"][0] in {"chip export", "export rule", "rule hits", "hits accelerators"}
    assert all("people" not in term for term in labels["a"] + labels["b"])
    assert any("grading" in term or "tutor" in term for term in labels["b"])
