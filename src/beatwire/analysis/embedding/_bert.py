"""BERT encoder forward pass in float32 numpy (the architecture of all-MiniLM-L6-v2).

Token ids and a mask in, contextual token vectors out: embeddings (word + position +
token type 0) and LayerNorm, then per layer self-attention with the padding mask,
residual and LayerNorm, a GELU feed-forward, residual and LayerNorm. Eval mode, so no
dropout. Weights follow Hugging Face's BertModel names in model.safetensors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from beatwire.analysis.embedding._base import Matrix
from beatwire.analysis.embedding._gelu import gelu_inplace

# Rows of the feed-forward done at once: the 1,536-wide activation stays in cache.
_FFN_ROWS = 256
_MASKED = np.float32(-1e9)

Ids = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class EncoderLayer:
    """One transformer layer, weights stored (in, out) so that x @ w works."""

    qkv: Matrix  # query, key, value side by side; query pre-scaled by 1/sqrt(head size)
    qkv_bias: Matrix
    out: Matrix
    out_bias: Matrix
    norm1_gain: Matrix
    norm1_bias: Matrix
    up: Matrix
    up_bias: Matrix
    down: Matrix
    down_bias: Matrix
    norm2_gain: Matrix
    norm2_bias: Matrix


@dataclass(frozen=True, slots=True)
class Bert:
    """A BERT encoder's weights and shape."""

    word: Matrix
    position: Matrix  # position embeddings plus the token-type-0 embedding
    norm_gain: Matrix
    norm_bias: Matrix
    layers: tuple[EncoderLayer, ...]
    heads: int
    eps: float

    @property
    def hidden(self) -> int:
        """Return the width of the token vectors."""
        return int(self.word.shape[1])


def load_bert(tensors: Mapping[str, npt.NDArray[np.float32]], *, heads: int, eps: float) -> Bert:
    """Return the encoder built from Hugging Face BertModel tensors."""
    count = 1 + max(int(key.split(".")[2]) for key in tensors if key.startswith("encoder.layer."))
    return Bert(
        word=_f32(tensors["embeddings.word_embeddings.weight"]),
        position=_f32(
            tensors["embeddings.position_embeddings.weight"]
            + tensors["embeddings.token_type_embeddings.weight"][0]
        ),
        norm_gain=_f32(tensors["embeddings.LayerNorm.weight"]),
        norm_bias=_f32(tensors["embeddings.LayerNorm.bias"]),
        layers=tuple(_load_layer(tensors, f"encoder.layer.{i}.", heads) for i in range(count)),
        heads=heads,
        eps=eps,
    )


def _load_layer(
    tensors: Mapping[str, npt.NDArray[np.float32]], prefix: str, heads: int
) -> EncoderLayer:
    """Return one layer's weights, transposed to (in, out)."""

    def t(name: str) -> npt.NDArray[np.float32]:
        return tensors[prefix + name]

    hidden = t("attention.self.query.weight").shape[0]
    scale = np.float32(1.0 / np.sqrt(hidden // heads))  # folded into the query projection
    qkv = np.concatenate(
        [t("attention.self.query.weight").T * scale]
        + [t(f"attention.self.{n}.weight").T for n in ("key", "value")],
        axis=1,
    )
    qkv_bias = np.concatenate(
        [t("attention.self.query.bias") * scale]
        + [t(f"attention.self.{n}.bias") for n in ("key", "value")]
    )
    return EncoderLayer(
        qkv=_f32(qkv),
        qkv_bias=_f32(qkv_bias),
        out=_f32(t("attention.output.dense.weight").T),
        out_bias=_f32(t("attention.output.dense.bias")),
        norm1_gain=_f32(t("attention.output.LayerNorm.weight")),
        norm1_bias=_f32(t("attention.output.LayerNorm.bias")),
        up=_f32(t("intermediate.dense.weight").T),
        up_bias=_f32(t("intermediate.dense.bias")),
        down=_f32(t("output.dense.weight").T),
        down_bias=_f32(t("output.dense.bias")),
        norm2_gain=_f32(t("output.LayerNorm.weight")),
        norm2_bias=_f32(t("output.LayerNorm.bias")),
    )


def _f32(array: npt.NDArray[np.float32]) -> Matrix:
    """Return a C-contiguous float32 copy, the layout BLAS reads fastest."""
    return np.ascontiguousarray(array, dtype=np.float32)


def encode(bert: Bert, ids: Ids, mask: Mask) -> Matrix:
    """Return the last layer's token vectors, shape (batch, tokens, hidden)."""
    batch, tokens = ids.shape
    x = bert.word.take(ids.reshape(-1), axis=0)
    x.reshape(batch, tokens, -1)[:] += bert.position[:tokens]
    _layer_norm(x, bert.norm_gain, bert.norm_bias, bert.eps)
    # Padding keys get a huge negative score, so softmax gives them zero weight.
    key_bias = np.where(mask, np.float32(0.0), _MASKED)[:, None, None, :]
    for layer in bert.layers:
        x = _attention_block(x, layer, key_bias, batch, bert.heads, bert.eps)
        x = _feed_forward_block(x, layer, bert.eps)
    return x.reshape(batch, tokens, -1)


def mean_pool(token_vectors: Matrix, mask: Mask) -> Matrix:
    """Return the mean of each sequence's unmasked token vectors, shape (batch, hidden)."""
    weights = mask.astype(np.float32)
    summed = np.einsum("bth,bt->bh", token_vectors, weights)
    summed /= np.maximum(weights.sum(axis=1, keepdims=True), np.float32(1.0))
    return summed


def _attention_block(
    x: Matrix, layer: EncoderLayer, key_bias: Matrix, batch: int, heads: int, eps: float
) -> Matrix:
    """Return LayerNorm(x + self-attention(x)) for a (batch*tokens, hidden) array."""
    rows, hidden = x.shape
    tokens = rows // batch
    qkv = x @ layer.qkv
    qkv += layer.qkv_bias
    # (batch, tokens, 3, heads, size) -> (3, batch, heads, tokens, size), views only
    q, k, v = qkv.reshape(batch, tokens, 3, heads, hidden // heads).transpose(2, 0, 3, 1, 4)
    scores = q @ k.swapaxes(-1, -2)
    scores += key_bias
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)
    context = (scores @ v).transpose(0, 2, 1, 3).reshape(rows, hidden)
    out = context @ layer.out
    out += layer.out_bias
    out += x
    _layer_norm(out, layer.norm1_gain, layer.norm1_bias, eps)
    return out


def _feed_forward_block(x: Matrix, layer: EncoderLayer, eps: float) -> Matrix:
    """Return LayerNorm(x + down(GELU(up(x)))), computed in row blocks."""
    out = np.empty_like(x)
    for start in range(0, len(x), _FFN_ROWS):
        part = slice(start, start + _FFN_ROWS)
        inner = x[part] @ layer.up
        inner += layer.up_bias
        gelu_inplace(inner)
        np.matmul(inner, layer.down, out=out[part])
    out += layer.down_bias
    out += x
    _layer_norm(out, layer.norm2_gain, layer.norm2_bias, eps)
    return out


def _layer_norm(x: Matrix, gain: Matrix, bias: Matrix, eps: float) -> None:
    """Normalise each row of the 2-D array `x` in place, then scale and shift it."""
    x -= x.mean(axis=1, keepdims=True)
    variance = np.einsum("ij,ij->i", x, x)[:, None]
    variance /= np.float32(x.shape[1])
    variance += np.float32(eps)
    x *= 1.0 / np.sqrt(variance)
    x *= gain
    x += bias
