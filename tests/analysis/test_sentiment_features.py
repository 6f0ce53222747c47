"""Shared lexical features: the last batch is reused by the next caller, never changed."""

from __future__ import annotations

import numpy as np
import pytest

from beatwire.analysis.heads.features import Featurizer

TEXTS = ["I love this!", "This is awful.", "The model ships on Tuesday."]


def test_same_batch_reuses_the_lexical_features() -> None:
    first = Featurizer(2**18).transform(list(TEXTS))
    second = Featurizer(2**18).transform(list(TEXTS))  # another model, same batch
    assert second.dense is first.dense and second.indices is first.indices


def test_another_batch_or_bucket_count_is_featurized_anew() -> None:
    first = Featurizer(2**18).transform(list(TEXTS))
    assert Featurizer(2**18).transform(TEXTS[:2]).dense.shape == (2, 4)
    again = Featurizer(2**10).transform(list(TEXTS))
    assert again.indices is not first.indices and again.indices.max() < 2**10
    np.testing.assert_array_equal(again.dense, first.dense)  # same VADER scores


def test_shared_arrays_are_read_only() -> None:
    features = Featurizer(2**18).transform(list(TEXTS))
    with pytest.raises(ValueError, match="read-only"):
        features.dense[0, 0] = 1.0


def test_embedding_columns_follow_the_lexical_ones() -> None:
    vectors = np.ones((3, 2), dtype=np.float32)
    features = Featurizer(2**18, embedding_scale=2.0).transform(list(TEXTS), vectors)
    assert features.dense.shape == (3, 6)
    np.testing.assert_array_equal(features.dense[:, 4:], 2.0)
