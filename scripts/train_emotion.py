"""Train the emotion heads on TweetEval emotion (train split) and report on its validation split.

    python scripts/train_emotion.py                      # lexical head only
    python scripts/train_emotion.py --embedder minilm    # plus the MiniLM head
    python scripts/train_emotion.py --embedder static    # plus the static-embedding stack

The figure is macro-F1 over anger/joy/optimism/sadness on the validation split, predicted
as the arg-max of the shipped model's mapped registers (joy = enthusiasm or humor).
The static stack (lexical head + static-embedding head + meta LR, as in train_sentiment.py)
prints the validation figure of a stack fitted on train only and the 5-fold CV head
macro-F1 on train + validation; the shipped stack is then fitted on train + validation.
Needs scikit-learn at training time only; writes src/beatwire/data/models/emotion_*.npz.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _training import (
    MAPPED,
    common_parser,
    embed,
    fit_stack,
    macro_f1,
    rows_of,
    stack_cv_predictions,
    tweeteval,
)

from beatwire.analysis.sentiment._features import Featurizer
from beatwire.analysis.sentiment._fit import fit_head

CLASSES = ("anger", "joy", "optimism", "sadness")  # TweetEval's 0..3
BUCKETS = 2**18
VARIANTS = {  # file stem: (row name, embedder, embedding scale, C) chosen on the val split
    "lexical": ("lexical_emotion", "none", 0.0, 10.0),
    "minilm": ("minilm_emotion", "minilm", 2.0, 3.0),
}
# file stem: (row name, embedder, embedding scale, ((block, C) per base), meta C)
STACKS = {
    "static": ("static_emotion", "static", 1.0, (("lexical", 10.0), ("embedding", 3.0)), 1.0),
}


def register_predictions(filename: str, out: Path, texts, vectors) -> np.ndarray:
    """Return TweetEval class ids from the shipped model's arg-max over the mapped registers."""
    from beatwire.analysis.emotion import REGISTERS
    from beatwire.analysis.emotion.combined import CombinedEmotion
    from beatwire.analysis.sentiment import _linear

    _linear.MODELS_DIR, saved = out, _linear.MODELS_DIR  # read the head just written
    try:
        table = CombinedEmotion(filename).table(texts, vectors)
    finally:
        _linear.MODELS_DIR = saved
    columns = [REGISTERS.index(r) for r in MAPPED]
    best = np.argmax(table[:, columns], axis=1)
    return np.array([list(MAPPED.values())[b] for b in best])


def train_stacks(args, train_texts, train_labels, val_texts, val_labels) -> None:
    """Fit each stack on train (val figures), cross-validate on train + val, ship train + val."""
    for stem, (name, embedder, scale, bases, meta_c) in STACKS.items():
        if embedder != args.embedder:
            continue
        texts, labels = train_texts + val_texts, np.concatenate([train_labels, val_labels])
        vectors = embed(texts, embedder, args.cache_dir / "all.npy" if args.cache_dir else None)
        features = Featurizer(BUCKETS, scale).transform(texts, vectors)
        train, val = np.arange(len(train_texts)), np.arange(len(train_texts), len(texts))
        meta = {"name": f"{name}@1", "buckets": BUCKETS, "embedding_scale": scale,
                "embedder": embedder, "bases": [f"{p} C={c}" for p, c in bases], "meta_C": meta_c,
                "script": "scripts/train_emotion.py"}  # fmt: skip
        args.out.mkdir(parents=True, exist_ok=True)
        path = args.out / f"emotion_{stem}.npz"
        on_train = fit_stack(rows_of(features, train), labels[train], CLASSES, bases, meta_c, meta)
        head_f1 = macro_f1(
            val_labels, np.argmax(on_train.probabilities(rows_of(features, val)), axis=1)
        )
        on_train.save(path)
        f1 = macro_f1(
            val_labels, register_predictions(path.name, args.out, val_texts, vectors[val])
        )
        cv = macro_f1(
            labels, stack_cv_predictions(features, labels, CLASSES, bases, meta_c, args.folds, meta)
        )
        meta |= {
            "trained_on": "tweeteval/emotion/train_text.txt and val_text.txt, "
            f"first {len(train_texts)} + {len(val_texts)} tweets",
            "val_macro_f1_head_fit_on_train": round(head_f1, 4),
            "val_macro_f1_registers_fit_on_train": round(f1, 4),
            "cv_macro_f1_head": round(cv, 4),
            "cv_folds": args.folds,
        }
        fit_stack(features, labels, CLASSES, bases, meta_c, meta).save(path)
        print(
            f"{name}@1: TweetEval emotion val macro-F1 = {f1:.4f} (registers), {head_f1:.4f} "
            f"(head), fitted on train; {args.folds}-fold CV on train+val = {cv:.4f} (head)"
        )


def main() -> None:
    """Fit each requested head on train, save it, and print its validation macro-F1."""
    parser = common_parser(__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, help="folder for train.npy / val.npy embeddings")
    args = parser.parse_args()
    train_texts, train_labels = tweeteval(args.corpora, "emotion", "train")
    val_texts, val_labels = tweeteval(args.corpora, "emotion", "val")
    train_texts, train_labels = train_texts[: args.limit], train_labels[: args.limit]
    for stem, (name, embedder, scale, c) in VARIANTS.items():
        if embedder != "none" and embedder != args.embedder:
            continue
        cache = args.cache_dir
        train_vec = (
            embed(train_texts, embedder, cache / "train.npy" if cache else None) if scale else None
        )
        val_vec = (
            embed(val_texts, embedder, cache / "val.npy" if cache else None) if scale else None
        )
        featurizer = Featurizer(BUCKETS, scale)
        trained_on = f"tweeteval/emotion/train_text.txt, first {len(train_texts)} tweets"
        meta = {
            "name": f"{name}@1",
            "buckets": BUCKETS,
            "embedding_scale": scale,
            "embedder": embedder,
            "C": c,
            "trained_on": trained_on,
            "script": "scripts/train_emotion.py",
        }
        head = fit_head(
            featurizer.transform(train_texts, train_vec), train_labels, CLASSES, c, meta
        )
        head_f1 = macro_f1(
            val_labels, np.argmax(head.decision(featurizer.transform(val_texts, val_vec)), axis=1)
        )
        args.out.mkdir(parents=True, exist_ok=True)
        head.meta["val_macro_f1_head"] = round(head_f1, 4)
        head.save(args.out / f"emotion_{stem}.npz")
        f1 = macro_f1(
            val_labels, register_predictions(f"emotion_{stem}.npz", args.out, val_texts, val_vec)
        )
        print(
            f"{name}@1: TweetEval emotion val macro-F1 = {f1:.4f} (registers), {head_f1:.4f} (head)"
        )

    train_stacks(args, train_texts, train_labels, val_texts, val_labels)


if __name__ == "__main__":
    main()
