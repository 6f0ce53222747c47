"""Text features shared by the trained sentiment and emotion heads, computed in batch.

Three blocks, concatenated in this order: VADER's neg/neu/pos/compound (4 columns),
hashed word unigrams and bigrams (l2-normalised counts), and an optional sentence
embedding scaled by `embedding_scale`. Hashing is crc32 (stable across processes,
unlike `hash()`), so the weights need no vocabulary file.
"""

from __future__ import annotations

import itertools
import re
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

_TOKEN = re.compile(r"https?://\S+|www\.\S+|@\w+|\w+|[^\w\s]", re.UNICODE)
_ELONGATED = re.compile(r"(.)\1{2,}")  # "soooo" and "sooo" count as one word

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Features:
    """A batch's features: dense columns plus hashed n-grams in CSR form."""

    dense: Floats  # (n, d): VADER sub-scores, then the scaled embedding if any
    indices: npt.NDArray[np.int64]  # hashed bucket of each non-zero n-gram
    values: Floats  # its l2-normalised count
    indptr: npt.NDArray[np.int64]  # row i owns indices[indptr[i]:indptr[i + 1]]


def tokens(text: str) -> list[str]:
    """Return the lower-cased tokens of `text`, with URLs and mentions collapsed."""
    found = []
    for token in _TOKEN.findall(text.lower()):
        if token.startswith(("http", "www.")) and len(token) > 4:
            found.append("<url>")
        elif token.startswith("@"):
            found.append("@user")
        else:
            found.append(_ELONGATED.sub(r"\1\1", token))
    return found


def hashed_row(text: str, buckets: int) -> dict[int, float]:
    """Return the l2-normalised counts of the text's unigrams and bigrams by bucket."""
    words = tokens(text)
    grams = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
    counts: dict[int, float] = {}
    for gram in grams:
        bucket = zlib.crc32(gram.encode("utf-8")) % buckets
        counts[bucket] = counts.get(bucket, 0.0) + 1.0
    norm = sum(v * v for v in counts.values()) ** 0.5 or 1.0
    return {bucket: value / norm for bucket, value in counts.items()}


class Featurizer:
    """Turns texts (and optional embeddings) into `Features`."""

    def __init__(self, buckets: int, embedding_scale: float = 0.0) -> None:
        self.buckets = buckets
        self.embedding_scale = embedding_scale
        self._vader = SentimentIntensityAnalyzer()

    def vader(self, texts: list[str]) -> Floats:
        """Return VADER's neg, neu, pos and compound for each text, shape (n, 4)."""
        rows = [self._vader.polarity_scores(text) for text in texts]
        keys = ("neg", "neu", "pos", "compound")
        return np.array([[row[k] for k in keys] for row in rows], dtype=np.float32).reshape(-1, 4)

    def transform(self, texts: list[str], embeddings: Floats | None = None) -> Features:
        """Return the features of `texts`; `embeddings` is required when the scale is set."""
        lexical = self.lexical(texts)
        if not self.embedding_scale:
            return lexical
        assert embeddings is not None  # callers check, with an error that names the fix
        dense = np.hstack([lexical.dense, embeddings.astype(np.float32) * self.embedding_scale])
        return Features(dense, lexical.indices, lexical.values, lexical.indptr)

    def lexical(self, texts: list[str]) -> Features:
        """Return VADER and the hashed n-grams; the last batch's are reused for the same texts.

        Sentiment and emotion featurize the same batch one after the other: the second
        call finds it here instead of running VADER and the hashing again. The arrays are
        read-only because both callers share them.
        """
        key = (self.buckets, tuple(texts))
        last = _last_batch.entry  # one read: another thread may replace it meanwhile
        if last is not None and last[0] == key:
            return last[1]
        rows = [hashed_row(text, self.buckets) for text in texts]
        sizes = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows))
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(sizes, out=indptr[1:])
        indices = np.fromiter((k for row in rows for k in row), dtype=np.int64, count=indptr[-1])
        values = np.fromiter((v for row in rows for v in row.values()), np.float32, indptr[-1])
        features = Features(self.vader(texts), indices, values, indptr)
        for array in (features.dense, indices, values, indptr):
            array.flags.writeable = False
        _last_batch.entry = (key, features)
        return features


class _LastBatch:
    """The lexical features of the last batch featurized in this process, with their key."""

    entry: tuple[tuple[int, tuple[str, ...]], Features] | None = None


_last_batch = _LastBatch()
