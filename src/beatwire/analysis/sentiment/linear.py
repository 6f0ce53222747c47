"""Trained sentiment: logistic regression over VADER sub-scores, hashed n-grams and,
for "minilm_lr", all-MiniLM-L6-v2 sentence embeddings (trained by scripts/train_sentiment.py);
"static_lr" is a stack of such heads over the static embeddings (heads/stack.py).

The score in [-1, 1] is P(positive) - P(negative); the label is the likeliest class.
Version 2 heads carry per-class `class_scales` (tuned by inner cross-validation to
balance recall across classes); the probabilities are scaled and renormalised.
A head whose meta names a `branch_file` ("minilm_tuned_lr") also reads the pooled vectors
of that fine-tuned MiniLM branch (the affect branch, analysis/heads/affect_branch.py),
L2-normalised and scaled by `branch_scale`, after the embedding: the embedder runs the
branch anyway.
Only English (and undetected) text is measured: the model was validated on English
tweets only, and on the UMSAB languages it stays below the 0.55 macro-recall bar
(data/models/README.md).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from beatwire.analysis.embedding import l2_normalise
from beatwire.analysis.embedding.minilm import Branch
from beatwire.analysis.heads.affect_branch import branch_vectors, load_branch
from beatwire.analysis.heads.features import Floats
from beatwire.analysis.heads.linear import check_embeddings
from beatwire.analysis.heads.stack import load_model
from beatwire.analysis.sentiment._base import UNMEASURED, SentimentResult
from beatwire.analysis.sentiment.vader import ENGLISH


class LinearSentiment:
    """A trained linear head over lexical (and optionally embedding) features."""

    def __init__(self, filename: str) -> None:
        self._head = load_model(filename)
        self._featurizer = self._head.featurizer()
        self.name = str(self._head.meta["name"])
        scales = self._head.meta.get("class_scales", [1.0] * len(self._head.classes))
        self._scales = np.array(scales, dtype=np.float32)
        branch_file = self._head.meta.get("branch_file")
        self._branch = load_branch(str(branch_file)).branch if branch_file else None

    @property
    def branch(self) -> Branch | None:
        """Return the branch the embedder must run for this head's features, if any."""
        return self._branch

    def score(
        self,
        texts: list[str],
        langs: list[str | None],
        embeddings: Floats | None = None,
        branches: Mapping[str, Floats] | None = None,
    ) -> list[SentimentResult]:
        """Return label and P(pos) - P(neg) for English texts, unmeasured otherwise."""
        if self._branch is not None and embeddings is not None:
            pooled = branch_vectors(branches, self._branch.name, len(texts), self.name)
            embeddings = with_branch(embeddings, pooled, float(self._head.meta["branch_scale"]))
        vectors = check_embeddings(self._head, embeddings, len(texts))
        keep = [
            i
            for i, (t, lang) in enumerate(zip(texts, langs, strict=True))
            if lang in ENGLISH and t.strip()
        ]
        results = [UNMEASURED] * len(texts)
        if not keep:
            return results
        chosen = vectors[keep] if vectors is not None else None
        probs = self._head.probabilities(
            self._featurizer.transform([texts[i] for i in keep], chosen)
        )
        probs = probs * self._scales
        probs /= probs.sum(axis=1, keepdims=True)
        classes = self._head.classes
        polarity = probs[:, classes.index("positive")] - probs[:, classes.index("negative")]
        for row, index in enumerate(keep):
            label = classes[int(np.argmax(probs[row]))]
            results[index] = SentimentResult(label, round(float(polarity[row]), 4))
        return results


def with_branch(embeddings: Floats, pooled: Floats, scale: float) -> Floats:
    """Return the embeddings with the branch's unit vectors times `scale` appended."""
    return np.hstack([embeddings, l2_normalise(pooled.copy()) * np.float32(scale)])
