"""Plain VADER (Hutto & Gilbert, 2014): its compound score and the authors' +-0.05 thresholds."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import metadata

import numpy as np
import numpy.typing as npt
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from beatwire.analysis.sentiment._base import UNMEASURED, SentimentResult

# The thresholds VADER's README recommends for a three-way label.
POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05

# VADER's lexicon is English; None (undetected) is scored too, because what lingua cannot
# place is mostly short text, emoji and emoticons, which VADER's lexicon does cover.
ENGLISH = frozenset({"en", None})


def label_of(compound: float) -> str:
    """Return the three-way label VADER's thresholds give a compound score."""
    if compound >= POSITIVE_AT:
        return "positive"
    if compound <= NEGATIVE_AT:
        return "negative"
    return "neutral"


class VaderSentiment:
    """VADER on English (and undetected) text; other languages unmeasured."""

    def __init__(self) -> None:
        self._vader = SentimentIntensityAnalyzer()
        self.name = f"vader@{metadata.version('vaderSentiment')}"

    def polarity(self, text: str) -> dict[str, float]:
        """Return VADER's neg/neu/pos/compound scores for one text."""
        return self._vader.polarity_scores(text)

    def score(
        self,
        texts: list[str],
        langs: list[str | None],
        embeddings: npt.NDArray[np.float32] | None = None,
        branches: Mapping[str, npt.NDArray[np.float32]] | None = None,
    ) -> list[SentimentResult]:
        """Return VADER's label and compound score for English texts, unmeasured otherwise."""
        results = []
        for text, lang in zip(texts, langs, strict=True):
            if lang not in ENGLISH or not text.strip():
                results.append(UNMEASURED)
                continue
            compound = float(self.polarity(text)["compound"])
            results.append(SentimentResult(label_of(compound), compound))
        return results
