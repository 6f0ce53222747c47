"""Train the sentiment heads on the SemEval 2013-2016 pool: settings by CV, TweetEval val once.

    python scripts/train_sentiment.py                      # vader_lr
    python scripts/train_sentiment.py --embedder static    # plus static_lr
    python scripts/train_sentiment.py --embedder minilm    # plus minilm_lr and minilm_tuned_lr
    (--cache-dir DIR keeps the encoders' vectors of the pool for the next run)

The heads learn from the SemEval sentiment pool (sentiment_pool.py: about 47,500
human-labelled tweets once duplicates, conflicting copies and every TweetEval
validation tweet are removed). For each head, every setting of its grid is
cross-validated on the pool (5 folds); per-class probability scales that balance recall
are chosen on that setting's out-of-fold probabilities; the best setting is fitted on the
whole pool and scored once on TweetEval sentiment val (2,000 tweets it never saw). Both
figures go into the head's meta. minilm_tuned_lr reads the vectors of the affect branch
in the models folder as well (train_affect_branch.py, which runs this script for that
head after writing the branch); the shipped branch learned sentiment from TweetEval val,
so that head's val figure is optimistic and its meta says so. static_lr is a stack of
two heads combined by a meta logistic regression fitted on inner out-of-fold
probabilities (_training.fit_stack).
Needs scikit-learn at training time only; writes src/beatwire/data/models/sentiment_*.npz.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fit_heads import fit_head
from _training import (
    common_parser,
    cv_probabilities,
    embed,
    fit_stack,
    macro_recall,
    tweeteval,
)
from sentiment_pool import FOLDER, training_pool

from beatwire.analysis.heads import model_files
from beatwire.analysis.heads.features import Features, Featurizer

CLASSES = ("negative", "neutral", "positive")  # TweetEval's 0, 1, 2
BUCKETS = 2**18
SCALE_GRID = [
    np.array([neg, 1.0, pos], dtype=np.float32)
    for neg in np.arange(0.7, 1.75, 0.05)
    for pos in np.arange(0.7, 1.75, 0.05)
]  # neutral fixed at 1: only the ratios matter
BRANCH_FILE = "minilm_affect_branch.safetensors"


@dataclass(frozen=True, slots=True)
class Variant:
    """A head: its version, the embedder it reads and the settings cross-validation picks from.

    A setting holds C (or a stack's `bases` and `meta_C`), `embedding_scale` and, for a head
    over the affect branch, `branch_scale` (of the embedding's).
    """

    version: int
    embedder: str
    grid: tuple[dict[str, Any], ...]


VARIANTS = {
    "vader_lr": Variant(
        2, "none", tuple({"C": c, "embedding_scale": 0.0} for c in (0.3, 1.0, 3.0))
    ),
    "static_lr": Variant(
        2,
        "static",
        tuple(
            {"bases": (("lexical", lex), ("embedding", emb)), "meta_C": 1.0, "embedding_scale": 1.0}
            for lex, emb in ((1.0, 3.0), (3.0, 10.0))
        ),
    ),
    "minilm_lr": Variant(
        3,
        "minilm",
        tuple({"C": c, "embedding_scale": s} for c, s in ((0.3, 2.0), (1.0, 2.0), (1.0, 4.0))),
    ),
    "minilm_tuned_lr": Variant(
        4,
        "minilm",
        tuple(
            {"C": c, "embedding_scale": 2.0, "branch_scale": b, "branch_file": BRANCH_FILE}
            for c, b in ((1.0, 0.5), (1.0, 1.0))
        ),
    ),
}


@dataclass(frozen=True, slots=True)
class Split:
    """Texts, labels, lexical features and (per embedder) encoder outputs of one split."""

    texts: list[str]
    labels: np.ndarray
    lexical: Features
    vectors: np.ndarray | None = None
    pooled: np.ndarray | None = None  # the affect branch's mean-pooled vectors

    def features(self, setting: dict[str, Any]) -> Features:
        """Return the features a head with `setting` reads."""
        scale = setting["embedding_scale"]
        if not scale:
            return self.lexical
        assert self.vectors is not None
        vectors = self.vectors
        if "branch_scale" in setting:  # imported here: it loads the encoder's libraries
            from beatwire.analysis.sentiment.linear import with_branch

            assert self.pooled is not None
            vectors = with_branch(vectors, self.pooled, setting["branch_scale"])
        dense = np.hstack([self.lexical.dense, vectors.astype(np.float32) * scale])
        return Features(dense, self.lexical.indices, self.lexical.values, self.lexical.indptr)


def fitter(setting: dict[str, Any]) -> Callable[..., Any]:
    """Return `fit(features, labels, meta=)` for a setting: a head, or a stack of heads."""
    if "bases" in setting:
        return lambda features, labels, meta: fit_stack(
            features, labels, CLASSES, setting["bases"], setting["meta_C"], meta
        )
    return lambda features, labels, meta: fit_head(features, labels, CLASSES, setting["C"], meta)


def best_scales(probs: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Return the class scales that maximise macro-recall of these (out-of-fold) probabilities."""
    return max(SCALE_GRID, key=lambda s: macro_recall(labels, np.argmax(probs * s, axis=1)))


def train_variant(name: str, pool: Split, val: Split, folds: int, out: Path, extra: dict) -> None:
    """Cross-validate every setting on the pool, fit the best on all of it, score val, save."""
    variant = VARIANTS[name]
    tried = []
    for setting in variant.grid:
        features, labels = pool.features(setting), pool.labels
        probs = cv_probabilities(features, labels, folds, fitter(setting), {"buckets": BUCKETS})
        scales = best_scales(probs, labels)
        scaled = macro_recall(labels, np.argmax(probs * scales, axis=1))
        plain = macro_recall(labels, np.argmax(probs, axis=1))
        print(f"  {name} {describe(setting)}: CV {plain:.4f}, scaled {scaled:.4f}", flush=True)
        tried.append((scaled, setting, scales))
    cv, setting, scales = max(tried, key=lambda t: t[0])
    meta = {
        "name": f"{name}@{variant.version}",
        "buckets": BUCKETS,
        "embedder": variant.embedder,
        "class_scales": [round(float(x), 4) for x in scales],
        "trained_on": f"{FOLDER}, {len(pool.texts)} tweets (sentiment_pool.py)",
        "cv_macro_recall": round(cv, 4),
        "cv_folds": folds,
        "cv_grid": {describe(s): round(f, 4) for f, s, _ in tried},
        "script": "scripts/train_sentiment.py",
    } | extra
    meta |= {key: value for key, value in setting.items() if key != "bases"}
    if "bases" in setting:
        meta["bases"] = [f"{part} C={c}" for part, c in setting["bases"]]
    head = fitter(setting)(pool.features(setting), pool.labels, meta=meta)
    predicted = np.argmax(head.probabilities(val.features(setting)) * scales, axis=1)
    head.meta["val_macro_recall"] = round(macro_recall(val.labels, predicted), 4)
    out.mkdir(parents=True, exist_ok=True)
    head.save(out / f"sentiment_{name}.npz")
    print(
        f"{name}@{variant.version}: {folds}-fold CV macro-recall on the pool {cv:.4f}; "
        f"TweetEval val {head.meta['val_macro_recall']:.4f} ({describe(setting)})",
        flush=True,
    )


def describe(setting: dict[str, Any]) -> str:
    """Return a setting as a short `key=value` string (the branch file left out)."""
    return " ".join(f"{k}={v}" for k, v in setting.items() if k != "branch_file")


def branch_caveat() -> dict[str, str]:
    """Return a note for the head's meta when the affect branch learned from TweetEval val."""
    from beatwire.analysis.heads.affect_branch import load_branch

    if "tweeteval/sentiment/val" not in load_branch(BRANCH_FILE).meta.get("trained_on", ""):
        return {}
    return {"val_caveat": "the affect branch learned sentiment from TweetEval val: optimistic"}


def splits(corpora: Path, limit: int | None) -> tuple[Split, Split]:
    """Return the pool and val splits with their lexical features."""
    val_texts, val_labels = tweeteval(corpora, "sentiment", "val")
    tweets = training_pool(corpora, val_texts)[:limit]
    texts = [t.text for t in tweets]
    featurizer = Featurizer(BUCKETS)
    pool = Split(texts, np.array([t.label for t in tweets]), featurizer.lexical(texts))
    return pool, Split(val_texts, val_labels, featurizer.lexical(val_texts))


def encoded(split: Split, embedder: str, cache: Path | None, branch: bool) -> Split:
    """Return the split with its embeddings (and the affect branch's vectors when `branch`).

    The branch's vectors are cached under the branch file's digest, so a new branch is
    never scored with an old one's vectors.
    """
    if not branch:
        return Split(split.texts, split.labels, split.lexical, embed(split.texts, embedder, cache))
    from beatwire.analysis.embedding.minilm import MiniLMEmbedder
    from beatwire.analysis.heads.affect_branch import load_branch

    digest = hashlib.sha256(model_files.model_path(BRANCH_FILE).read_bytes()).hexdigest()[:12]
    pooled_cache = cache.with_name(f"{cache.stem}.branch-{digest}.npy") if cache else None
    if cache is not None and pooled_cache is not None and pooled_cache.is_file():
        vectors, pooled = np.load(cache), np.load(pooled_cache)
        return Split(split.texts, split.labels, split.lexical, vectors, pooled)
    found = MiniLMEmbedder(branch=load_branch(BRANCH_FILE).branch).encode(split.texts)
    pooled = next(iter(found.branches.values()))
    if cache is not None and pooled_cache is not None:
        np.save(cache, found.vectors)
        np.save(pooled_cache, pooled)
    return Split(split.texts, split.labels, split.lexical, found.vectors, pooled)


def main() -> None:
    """Train each head the embedder allows (or those named by --heads)."""
    parser = common_parser(__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, help="where to keep the encoders' vectors")
    parser.add_argument("--heads", nargs="+", choices=sorted(VARIANTS), help="only these heads")
    args = parser.parse_args()
    if (args.out / BRANCH_FILE).is_file():  # the branch train_affect_branch.py just wrote there
        model_files.MODELS_DIR = args.out
    pool, val = splits(args.corpora, args.limit)
    names = args.heads or [n for n, v in VARIANTS.items() if v.embedder in ("none", args.embedder)]
    if args.cache_dir is not None:
        args.cache_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        variant = VARIANTS[name]
        branch = any("branch_scale" in s for s in variant.grid)
        cache = {
            part: args.cache_dir / f"{part}_{variant.embedder}_{len(pool.texts)}.npy"
            if args.cache_dir
            else None
            for part in ("pool", "val")
        }  # fmt: skip
        pool_in, val_in = pool, val
        if variant.embedder != "none":
            pool_in = encoded(pool, variant.embedder, cache["pool"], branch)
            val_in = encoded(val, variant.embedder, cache["val"], branch)
        extra = branch_caveat() if branch else {}
        train_variant(name, pool_in, val_in, args.folds, args.out, extra)


if __name__ == "__main__":
    main()
