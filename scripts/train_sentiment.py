"""Train the sentiment heads on TweetEval sentiment (validation split) and report 5-fold CV.

    python scripts/train_sentiment.py                      # lexical head only
    python scripts/train_sentiment.py --embedder minilm    # plus the MiniLM heads
    python scripts/train_sentiment.py --embedder static    # plus the static-embedding stack

TweetEval's sentiment train split is not in ../shared/corpora, so the heads learn from
the 2,000-tweet validation split; the figure printed is the cross-validated macro-recall
(each fold scored by a head that never saw it). Per-class probability scales that
balance recall are tuned by an inner cross-validation on each fold's training part
only, and for the shipped head on the whole split. Extra data (VADER's rated tweets,
TweetEval emotion mapped to polarity) and MLPs lowered the CV figure and are not used.
The static stack (static_lr) combines two heads, one over VADER + hashed n-grams and
one over VADER + the static embedding, by a meta logistic regression fitted on inner
out-of-fold probabilities; its CV is nested the same way (the meta layer never sees the
fold scored). The head over the fine-tuned MiniLM branch, minilm_tuned_lr, is trained
with that branch by scripts/train_affect_branch.py (its CV fine-tunes the branch again
for each fold). Needs scikit-learn at training time only; writes
src/beatwire/data/models/sentiment_*.npz.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fit_heads import fit_head
from _training import (
    common_parser,
    cv_predictions,
    embed,
    fit_stack,
    folds,
    macro_recall,
    rows_of,
    tweeteval,
)

from beatwire.analysis.heads.features import Featurizer

CLASSES = ("negative", "neutral", "positive")  # TweetEval's 0, 1, 2
BUCKETS = 2**18
SCALE_GRID = [
    np.array([neg, 1.0, pos], dtype=np.float32)
    for neg in np.arange(0.7, 1.75, 0.05)
    for pos in np.arange(0.7, 1.75, 0.05)
]  # neutral fixed at 1: only the ratios matter
INNER_FOLDS = 4
VARIANTS = {  # name: (version, embedder, embedding scale, C, tune class scales), chosen by CV
    "vader_lr": (1, "none", 0.0, 0.3, False),  # scales: 0.626 vs 0.628 without, so none
    "minilm_lr": (2, "minilm", 2.0, 0.3, True),
}
# name: (version, embedder, embedding scale, ((block, C) per base), meta C), chosen by CV
STACKS = {
    "static_lr": (1, "static", 1.0, (("lexical", 0.3), ("embedding", 3.0)), 1.0),
}


def cross_validate(
    featurizer: Featurizer, texts, labels, vectors, c: float, k: int, tuned: bool
) -> float:
    """Return the k-fold macro-recall; each fold is scored by a head (and scales) not fit on it."""
    features = featurizer.transform(texts, vectors)
    pred = np.zeros(len(texts), dtype=np.int64)
    for held in folds(labels, k):
        train = np.setdiff1d(np.arange(len(texts)), held)
        scales = tune_scales(rows_of(features, train), labels[train], c) if tuned else 1.0
        head = fit_head(rows_of(features, train), labels[train], CLASSES, c, {"buckets": BUCKETS})
        pred[held] = np.argmax(head.probabilities(rows_of(features, held)) * scales, axis=1)
    return macro_recall(labels, pred)


def tune_scales(features, labels, c: float) -> np.ndarray:
    """Return the class scales that maximise macro-recall on inner out-of-fold predictions."""
    probs = np.zeros((len(labels), len(CLASSES)), dtype=np.float32)
    for inner in folds(labels, INNER_FOLDS, seed=1):
        train = np.setdiff1d(np.arange(len(labels)), inner)
        head = fit_head(rows_of(features, train), labels[train], CLASSES, c, {"buckets": BUCKETS})
        probs[inner] = head.probabilities(rows_of(features, inner))
    return max(SCALE_GRID, key=lambda s: macro_recall(labels, np.argmax(probs * s, axis=1)))


def main() -> None:
    """Cross-validate, fit on the whole split and save each requested head."""
    parser = common_parser(__doc__.splitlines()[0])
    parser.add_argument("--embeddings-cache", type=Path, help=".npy of the split's embeddings")
    args = parser.parse_args()
    texts, labels = tweeteval(args.corpora, "sentiment", "val")
    texts, labels = texts[: args.limit], labels[: args.limit]
    for name, (version, embedder, scale, c, tuned) in VARIANTS.items():
        if embedder != "none" and embedder != args.embedder:
            continue
        vectors = embed(texts, embedder, args.embeddings_cache) if scale else None
        featurizer = Featurizer(BUCKETS, scale)
        cv = cross_validate(featurizer, texts, labels, vectors, c, args.folds, tuned)
        features = featurizer.transform(texts, vectors)
        scales = tune_scales(features, labels, c) if tuned else np.ones(len(CLASSES))
        trained_on = f"tweeteval/sentiment/val_text.txt, first {len(texts)} tweets"
        meta = {
            "name": f"{name}@{version}",
            "class_scales": [round(float(x), 4) for x in scales],
            "buckets": BUCKETS,
            "embedding_scale": scale,
            "embedder": embedder,
            "C": c,
            "trained_on": trained_on,
            "cv_macro_recall": round(cv, 4),
            "cv_folds": args.folds,
            "script": "scripts/train_sentiment.py",
        }
        head = fit_head(features, labels, CLASSES, c, meta)
        args.out.mkdir(parents=True, exist_ok=True)
        head.save(args.out / f"sentiment_{name}.npz")
        print(f"{name}@{version}: {args.folds}-fold CV macro-recall on TweetEval val = {cv:.4f}")
    for name, (version, embedder, scale, bases, meta_c) in STACKS.items():
        if embedder != args.embedder:
            continue
        vectors = embed(texts, embedder, args.embeddings_cache)
        features = Featurizer(BUCKETS, scale).transform(texts, vectors)
        fit = partial(fit_stack, classes=CLASSES, bases=bases, meta_c=meta_c)
        cv = macro_recall(
            labels, cv_predictions(features, labels, args.folds, fit, {"buckets": BUCKETS})
        )
        meta = {
            "name": f"{name}@{version}",
            "buckets": BUCKETS,
            "embedding_scale": scale,
            "embedder": embedder,
            "bases": [f"{part} C={c}" for part, c in bases],
            "meta_C": meta_c,
            "trained_on": f"tweeteval/sentiment/val_text.txt, first {len(texts)} tweets",
            "cv_macro_recall": round(cv, 4),
            "cv_folds": args.folds,
            "script": "scripts/train_sentiment.py",
        }
        args.out.mkdir(parents=True, exist_ok=True)
        fit_stack(features, labels, CLASSES, bases, meta_c, meta).save(
            args.out / f"sentiment_{name}.npz"
        )
        print(f"{name}@{version}: {args.folds}-fold CV macro-recall on TweetEval val = {cv:.4f}")


if __name__ == "__main__":
    main()
