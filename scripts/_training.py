"""Helpers shared by the train_*.py scripts: reading corpora, folds, metrics."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import numpy.typing as npt
from _fit_heads import fit_head, fit_meta

from beatwire.analysis.heads.features import Features
from beatwire.analysis.heads.stack import StackedHead

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
MODELS = REPO / "src" / "beatwire" / "data" / "models"
STACK_INNER_FOLDS = 4  # out-of-fold probabilities the meta layer of a stack learns from
# Registers that stand for each TweetEval emotion class (anger, joy, optimism, sadness)
# when a ten-register table is scored: joy is enthusiasm or humor.
MAPPED = {"anger": 0, "enthusiasm": 1, "humor": 1, "optimism": 2, "sadness": 3}


def common_parser(description: str) -> argparse.ArgumentParser:
    """Return a parser with the flags every train script takes (each adds its own cache flag)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--embedder", choices=["none", "minilm", "static"], default="none")
    parser.add_argument("--limit", type=int, help="use only the first N tweets (smoke runs)")
    parser.add_argument("--folds", type=int, default=5)
    return parser


def read_lines(path: Path) -> list[str]:
    """Return the lines of a UTF-8 file without their line ends."""
    return path.read_text(encoding="utf-8").splitlines()


def tweeteval(corpora: Path, task: str, split: str) -> tuple[list[str], npt.NDArray[np.int64]]:
    """Return the texts and integer labels of one TweetEval split."""
    texts = read_lines(corpora / "tweeteval" / task / f"{split}_text.txt")
    labels = np.array(
        [int(x) for x in read_lines(corpora / "tweeteval" / task / f"{split}_labels.txt")]
    )
    if len(texts) != len(labels):
        raise SystemExit(f"tweeteval/{task}/{split}: {len(texts)} texts but {len(labels)} labels")
    return texts, labels


def folds(labels: npt.NDArray[np.int64], k: int, seed: int = 0) -> list[npt.NDArray[np.int64]]:
    """Return k stratified folds of row indices (a fixed shuffle, so figures are repeatable)."""
    rng = np.random.default_rng(seed)
    parts: list[list[int]] = [[] for _ in range(k)]
    for label in np.unique(labels):
        rows = rng.permutation(np.flatnonzero(labels == label))
        for i, row in enumerate(rows):
            parts[i % k].append(int(row))
    return [np.array(sorted(p), dtype=np.int64) for p in parts]


def macro_recall(truth: npt.NDArray[np.int64], pred: npt.NDArray[np.int64]) -> float:
    """Return recall averaged over the classes present in `truth` (SemEval-17's metric)."""
    return float(np.mean([np.mean(pred[truth == c] == c) for c in np.unique(truth)]))


def macro_f1(truth: npt.NDArray[np.int64], pred: npt.NDArray[np.int64]) -> float:
    """Return F1 averaged over the classes present in `truth`."""
    scores = []
    for c in np.unique(truth):
        tp = np.sum((pred == c) & (truth == c))
        precision = tp / max(np.sum(pred == c), 1)
        recall = tp / max(np.sum(truth == c), 1)
        scores.append(0.0 if tp == 0 else 2 * precision * recall / (precision + recall))
    return float(np.mean(scores))


def embed(texts: list[str], embedder: str, cache: Path | None) -> npt.NDArray[np.float32]:
    """Return the texts' embeddings, read from `cache` (.npy) when it has the right rows."""
    if cache is not None and cache.is_file():
        vectors = np.load(cache)
        if len(vectors) == len(texts):
            return vectors.astype(np.float32)
    from beatwire.analysis.embedding import build_embedder

    vectors = build_embedder(embedder).embed(texts)
    if cache is not None:
        np.save(cache, vectors)
    return vectors


def block(features: Features, part: str) -> Features:
    """Return the features one base sees: VADER plus the hashed n-grams or the embedding."""
    if part == "lexical":
        dense = features.dense.copy()
        dense[:, 4:] = 0.0
        return Features(dense, features.indices, features.values, features.indptr)
    empty = np.zeros(len(features.indptr), dtype=np.int64)
    return Features(features.dense, features.indices[:0], features.values[:0], empty)


def fit_stack(features: Features, labels, classes, bases, meta_c: float, meta: dict) -> StackedHead:
    """Return a stack whose meta layer is fitted on inner out-of-fold base probabilities."""
    oof = [np.zeros((len(labels), len(classes)), dtype=np.float32) for _ in bases]
    for inner in folds(labels, STACK_INNER_FOLDS, seed=1):
        train = np.setdiff1d(np.arange(len(labels)), inner)
        for probs, (part, c) in zip(oof, bases, strict=True):
            head = fit_head(block(rows_of(features, train), part), labels[train], classes, c,
                            {"buckets": meta["buckets"]})  # fmt: skip
            probs[inner] = head.probabilities(rows_of(features, inner))
    weights, bias = fit_meta(oof, labels, meta_c)
    heads = tuple(
        fit_head(
            block(features, part), labels, classes, c, {"buckets": meta["buckets"], "block": part}
        )
        for part, c in bases
    )
    return StackedHead(heads, weights, bias, meta)


def cv_probabilities(
    features: Features, labels, k: int, fit, meta: dict
) -> npt.NDArray[np.float32]:
    """Return k-fold probabilities, each fold's by a `fit(features, labels, meta=)` without it."""
    probs = np.zeros((len(labels), len(np.unique(labels))), dtype=np.float32)
    for held in folds(labels, k):
        train = np.setdiff1d(np.arange(len(labels)), held)
        model = fit(rows_of(features, train), labels[train], meta=dict(meta))
        probs[held] = model.probabilities(rows_of(features, held))
    return probs


def cv_predictions(features: Features, labels, k: int, fit, meta: dict) -> npt.NDArray[np.int64]:
    """Return k-fold predicted classes (the arg-max of `cv_probabilities`)."""
    return np.argmax(cv_probabilities(features, labels, k, fit, meta), axis=1)


def rows_of(features: Features, rows: npt.NDArray[np.int64]) -> Features:
    """Return the features of the given rows only."""
    starts, ends = features.indptr[rows], features.indptr[rows + 1]
    take = np.concatenate(
        [np.arange(s, e) for s, e in zip(starts, ends, strict=True)] or [[]]
    ).astype(np.int64)
    indptr = np.concatenate([[0], np.cumsum(ends - starts)]).astype(np.int64)
    return Features(features.dense[rows], features.indices[take], features.values[take], indptr)
