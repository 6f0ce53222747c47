"""Narrative labels: the most distinctive phrases of each cluster by class-based TF-IDF.

c-TF-IDF (as in BERTopic): all texts of a cluster form one document; a term's
weight is its frequency in the cluster times log(1 + A / f), where A is the
mean number of terms per cluster and f the term's frequency over all clusters.
Terms are the analysis' key phrases when it stored any, else words and word
pairs of the text without stop words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise

_WORD = re.compile(r"[a-z][a-z0-9+#.-]*[a-z0-9+#]|[a-z]")
_URL = re.compile(r"https?://\S+|@\w+")
STOP = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "like",
        "me",
        "more",
        "most",
        "my",
        "new",
        "no",
        "not",
        "now",
        "of",
        "on",
        "one",
        "or",
        "our",
        "out",
        "over",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "too",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "rt",
        "via",
        "amp",
        "here",
        "very",
        "really",
        "still",
        "only",
        "much",
        "many",
        "such",
        "been",
        "being",
        "us",
        "it's",
        "i'm",
        "don't",
        "can't",
        "that's",
    ]
)


def terms(text: str) -> list[str]:
    """Return the words and adjacent word pairs of `text`, lower case, without stop words."""
    words = [w for w in _WORD.findall(_URL.sub(" ", text.lower())) if w not in STOP and len(w) > 2]
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def class_tfidf(documents: dict[str, list[list[str]]], top: int = 5) -> dict[str, list[str]]:
    """Return the `top` most distinctive terms of each cluster (cluster -> its records' terms)."""
    counts = {
        name: Counter(t for record in docs for t in record) for name, docs in documents.items()
    }
    overall: Counter[str] = Counter()
    for counter in counts.values():
        overall.update(counter)
    mean_terms = sum(overall.values()) / max(len(counts), 1)
    labels: dict[str, list[str]] = {}
    for name, counter in counts.items():
        total = sum(counter.values()) or 1
        scored = {
            term: (n / total) * math.log(1 + mean_terms / overall[term])
            for term, n in counter.items()
            if n >= 2
        }
        ranked = sorted(scored, key=lambda t: (-round(scored[t], 9), -t.count(" "), t))
        chosen: list[str] = []
        for term in ranked:  # a pair makes its own words redundant, and the other way round
            if any(term in kept or kept in term for kept in chosen):
                continue
            chosen.append(term)
            if len(chosen) == top:
                break
        labels[name] = chosen
    return labels
