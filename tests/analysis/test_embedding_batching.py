"""Length batching and padding of the MiniLM embedder."""

from __future__ import annotations

import numpy as np

from beatwire.analysis.embedding.minilm import length_batches, pad_batch


def test_batches_cover_every_text_once_and_respect_the_token_budget():
    lengths = np.array([5, 300, 12, 12, 7, 64, 2, 2, 2, 128, 40], dtype=np.int64)
    batches = list(length_batches(lengths, batch_tokens=128, max_rows=3))
    seen = np.concatenate(batches)
    assert sorted(seen.tolist()) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) == 1 or len(batch) * lengths[batch].max() <= 128


def test_batches_group_texts_of_similar_length():
    lengths = np.array([50, 3, 49, 4, 51, 2], dtype=np.int64)
    batches = list(length_batches(lengths, batch_tokens=1000, max_rows=3))
    assert [sorted(lengths[b].tolist()) for b in batches] == [[2, 3, 4], [49, 50, 51]]


def test_pad_batch_places_each_texts_ids_and_masks_the_rest():
    flat = np.array([101, 7, 102, 101, 8, 9, 10, 102], dtype=np.int64)
    starts = np.array([3, 0], dtype=np.int64)
    lengths = np.array([5, 3], dtype=np.int64)
    ids, mask = pad_batch(flat, starts, lengths)
    assert ids.dtype == np.int32  # what the ONNX graph takes
    assert ids.tolist() == [[101, 8, 9, 10, 102], [101, 7, 102, 0, 0]]
    assert mask.tolist() == [[True] * 5, [True, True, True, False, False]]
