"""The ONNX graph of a BERT encoder against a plain numpy forward pass, on a tiny random model."""

from __future__ import annotations

import math

import numpy as np
import onnx
import pytest
from onnx import numpy_helper

from beatwire.analysis.embedding._graph import bert_graph
from beatwire.analysis.embedding.minilm import single_thread_session

HIDDEN, HEADS, INNER, VOCAB, POSITIONS, LAYERS, EPS = 16, 4, 32, 40, 12, 2, 1e-12


@pytest.fixture(scope="module")
def tensors() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(3)

    def random(*shape: int) -> np.ndarray:
        return rng.normal(0.0, 0.5, shape).astype(np.float32)

    found = {
        "embeddings.word_embeddings.weight": random(VOCAB, HIDDEN),
        "embeddings.position_embeddings.weight": random(POSITIONS, HIDDEN),
        "embeddings.token_type_embeddings.weight": random(2, HIDDEN),
        "embeddings.LayerNorm.weight": 1.0 + random(HIDDEN),
        "embeddings.LayerNorm.bias": random(HIDDEN),
    }
    shapes = {
        "attention.self.query": (HIDDEN, HIDDEN),
        "attention.self.key": (HIDDEN, HIDDEN),
        "attention.self.value": (HIDDEN, HIDDEN),
        "attention.output.dense": (HIDDEN, HIDDEN),
        "intermediate.dense": (INNER, HIDDEN),
        "output.dense": (HIDDEN, INNER),
    }
    for layer in range(LAYERS):
        prefix = f"encoder.layer.{layer}."
        for name, (out, inp) in shapes.items():
            found[f"{prefix}{name}.weight"] = random(out, inp)
            found[f"{prefix}{name}.bias"] = random(out)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            found[f"{prefix}{norm}.weight"] = 1.0 + random(HIDDEN)
            found[f"{prefix}{norm}.bias"] = random(HIDDEN)
    return found


def layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / np.sqrt((centred**2).mean(axis=-1, keepdims=True) + EPS) * gain + bias


def reference(t: dict[str, np.ndarray], ids: list[int]) -> np.ndarray:
    """Hugging Face BertModel's last hidden state for one unpadded sequence, in float64."""
    t = {name: value.astype(np.float64) for name, value in t.items()}
    x = t["embeddings.word_embeddings.weight"][ids]
    x = x + t["embeddings.position_embeddings.weight"][: len(ids)]
    x = x + t["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"])
    erf = np.vectorize(math.erf)
    size = HIDDEN // HEADS
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."

        def linear(v: np.ndarray, name: str, p: str = p) -> np.ndarray:
            return v @ t[p + name + ".weight"].T + t[p + name + ".bias"]

        q, k, v = (
            linear(x, f"attention.self.{n}").reshape(len(ids), HEADS, size).transpose(1, 0, 2)
            for n in ("query", "key", "value")
        )
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
        weights /= weights.sum(axis=-1, keepdims=True)
        context = (weights @ v).transpose(1, 0, 2).reshape(len(ids), HIDDEN)
        x = layer_norm(
            x + linear(context, "attention.output.dense"),
            t[p + "attention.output.LayerNorm.weight"],
            t[p + "attention.output.LayerNorm.bias"],
        )
        inner = linear(x, "intermediate.dense")
        inner = 0.5 * inner * (1.0 + erf(inner / math.sqrt(2.0)))
        x = layer_norm(
            x + linear(inner, "output.dense"),
            t[p + "output.LayerNorm.weight"],
            t[p + "output.LayerNorm.bias"],
        )
    return x


SEQUENCES = [[1, 7, 9, 30, 2], [1, 5, 2], [1, 39, 12, 12, 18, 22, 3, 2]]


def padded(sequences: list[list[int]]) -> dict[str, np.ndarray]:
    width = max(map(len, sequences))
    ids = np.zeros((len(sequences), width), dtype=np.int32)
    mask = np.zeros((len(sequences), width), dtype=np.int32)
    for row, sequence in enumerate(sequences):
        ids[row, : len(sequence)] = sequence
        mask[row, : len(sequence)] = 1
    return {"ids": ids, "mask": mask}


def test_graph_matches_a_numpy_bert_on_a_padded_batch(tensors):
    session = single_thread_session(bert_graph(tensors, heads=HEADS, eps=EPS))
    sequences = SEQUENCES
    width = max(map(len, sequences))
    (tokens,) = session.run(["tokens"], padded(sequences))
    assert tokens.shape == (3, width, HIDDEN)
    assert tokens.dtype == np.float32
    for row, sequence in enumerate(sequences):
        # padding after a sequence changes none of its own token vectors
        np.testing.assert_allclose(
            tokens[row, : len(sequence)], reference(tensors, sequence), atol=2e-5
        )


@pytest.fixture(scope="module")
def branch(tensors) -> dict[str, np.ndarray]:
    """A tuned copy of the top layer: the same weights, shifted."""
    rng = np.random.default_rng(5)
    top = f"encoder.layer.{LAYERS - 1}."
    return {
        key: (value + rng.normal(0.0, 0.3, value.shape)).astype(np.float32)
        for key, value in tensors.items()
        if key.startswith(top)
    }


def test_a_branch_runs_its_own_top_layer_on_the_shared_lower_ones(tensors, branch):
    session = single_thread_session(bert_graph(tensors, heads=HEADS, eps=EPS, branch=branch))
    tokens, tuned = session.run(["tokens", "branch"], padded(SEQUENCES))
    for row, sequence in enumerate(SEQUENCES):
        mine = tokens[row, : len(sequence)]
        np.testing.assert_allclose(mine, reference(tensors, sequence), atol=2e-5)
        np.testing.assert_allclose(
            tuned[row, : len(sequence)], reference({**tensors, **branch}, sequence), atol=2e-5
        )


def test_a_branch_must_hold_the_top_layers(tensors):
    lower = {k: v for k, v in tensors.items() if k.startswith("encoder.layer.0.")}
    with pytest.raises(ValueError, match="top layers"):
        bert_graph(tensors, heads=HEADS, eps=EPS, branch=lower)


def test_quantising_the_branch_leaves_the_embedding_exact(tensors, branch):
    exact, quantised = (
        single_thread_session(
            bert_graph(tensors, heads=HEADS, eps=EPS, branch=branch, quantise_branch=q)
        ).run(["tokens", "branch"], padded(SEQUENCES))
        for q in (False, True)
    )
    np.testing.assert_array_equal(quantised[0], exact[0])
    assert not np.array_equal(quantised[1], exact[1])  # the branch really is int8 now
    for row, sequence in enumerate(SEQUENCES):
        a, b = quantised[1][row, : len(sequence)], exact[1][row, : len(sequence)]
        cosines = (a * b).sum(axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
        assert cosines.min() > 0.99


def test_the_branch_weights_use_seven_bits(tensors, branch):
    # 8-bit per-channel weights can saturate onnxruntime's products on CPUs without VNNI
    model = onnx.load_from_string(
        bert_graph(tensors, heads=HEADS, eps=EPS, branch=branch, quantise_branch=True)
    )
    weights = [
        numpy_helper.to_array(t)
        for t in model.graph.initializer
        if t.data_type == onnx.TensorProto.INT8
    ]
    assert weights  # the branch's matrix products really are int8
    assert max(int(np.abs(w.astype(np.int16)).max()) for w in weights) <= 64
