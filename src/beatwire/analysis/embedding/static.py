"""Static embeddings for firehose volumes: a word-piece table distilled from all-MiniLM-L6-v2.

A text's vector is the mean of its tokens' rows (no [CLS]/[SEP], no truncation), L2
normalised; a text with no tokens gets a zero row. No transformer runs, so this is
hundreds of times faster than MiniLM and needs neither the model weights nor PyTorch:
only numpy, `tokenizers` and the files in beatwire/data/embedding/, which
scripts/distill_static_embeddings.py made from the model (see the README there).
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from beatwire.analysis.embedding._base import Matrix, l2_normalise
from beatwire.analysis.embedding._tokens import load_tokenizer, token_ids
from beatwire.analysis.embedding.requirements import minilm_model_dir
from beatwire.errors import AnalysisError

log = logging.getLogger(__name__)

TABLE_FILE = "static_minilm.npz"


def default_data_dir() -> Path:
    """Return the packaged folder holding the static table and its tokenizer."""
    return Path(str(resources.files("beatwire.data") / "embedding"))


class StaticEmbedder:
    """Mean of distilled MiniLM token vectors (Model2Vec-style), 256 dims."""

    name = "static-minilm@1"

    def __init__(self, data_dir: Path | None = None) -> None:
        self._data_dir = data_dir
        self._table: Matrix | None = None
        self._tokenizer: Any = None

    @property
    def dim(self) -> int:
        """Return the width of the table's rows."""
        return int(self._load_table().shape[1])

    def embed(self, texts: list[str]) -> Matrix:
        """Return one L2-normalised row per text (zeros for a text without tokens)."""
        table = self._load_table()
        out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
        if not texts:
            return out
        flat, lengths = token_ids(self._load_tokenizer(), texts, special=False)
        filled = np.flatnonzero(lengths)
        if filled.size:
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[filled]
            # the mean's 1/n factor is dropped: normalising removes it anyway
            out[filled] = np.add.reduceat(table.take(flat, axis=0), starts, axis=0)
        return l2_normalise(out)

    def _folder(self) -> Path:
        return self._data_dir or default_data_dir()

    def _load_table(self) -> Matrix:
        """Load the token table once: int8 rows times their scales, as float32."""
        if self._table is None:
            path = self._folder() / TABLE_FILE
            if not path.is_file():
                raise AnalysisError(
                    f"the static embedding table {path} is missing",
                    hint="run: python scripts/distill_static_embeddings.py",
                )
            with np.load(path) as data:
                self._table = data["vectors"].astype(np.float32) * data["scales"]
                meta = json.loads(str(data["meta"]))
            log.info("loaded static embeddings %s: %s", path, meta.get("recipe", ""))
        return self._table

    def _load_tokenizer(self) -> Any:
        if self._tokenizer is None:
            # The word pieces are MiniLM's own: read them from the installed model package.
            self._tokenizer = load_tokenizer(minilm_model_dir() / "tokenizer.json", max_tokens=None)
        return self._tokenizer
