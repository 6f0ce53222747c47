"""Word-piece tokenisation with Hugging Face `tokenizers`, shared by the MiniLM and static modes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from beatwire.analysis.embedding.requirements import require
from beatwire.errors import AnalysisError


def load_tokenizer(path: Path, *, max_tokens: int | None) -> Any:
    """Return the tokenizer in `path` (a tokenizer.json), truncating at `max_tokens` if given."""
    tokenizers = require("tokenizers")
    try:
        tokenizer = tokenizers.Tokenizer.from_file(str(path))
    except Exception as exc:  # the Rust side raises a bare Exception on a bad file
        raise AnalysisError(f"cannot read the tokenizer {path}: {exc}") from exc
    tokenizer.no_padding()  # the file pads to 128; we pad per batch ourselves
    if max_tokens is None:
        tokenizer.no_truncation()
    else:
        tokenizer.enable_truncation(max_tokens)
    return tokenizer


def token_ids(
    tokenizer: Any, texts: list[str], *, special: bool
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Return every text's token ids concatenated, and the number of ids of each text."""
    encodings = tokenizer.encode_batch(texts, add_special_tokens=special)
    lists = [encoding.ids for encoding in encodings]
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    flat = np.fromiter(
        (token for ids in lists for token in ids), dtype=np.int64, count=int(lengths.sum())
    )
    return flat, lengths
