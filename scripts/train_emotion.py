"""Train the emotion heads on TweetEval emotion (train + validation) and report their figures.

    python scripts/train_emotion.py                      # lexical head only
    python scripts/train_emotion.py --embedder minilm    # plus the MiniLM head
    python scripts/train_emotion.py --embedder static    # plus the static-embedding stack

Every head is fitted on the train split first, to print its macro-F1 on the validation
split (anger/joy/optimism/sadness: the head's arg-max, and the arg-max of the shipped
model's mapped registers, joy = enthusiasm or humor), then cross-validated on train +
validation (5-fold head macro-F1), and shipped fitted on train + validation: the
validation split is 374 more labelled tweets. The static stack (lexical head +
static-embedding head + meta LR, as in train_sentiment.py) goes the same way.
Needs scikit-learn at training time only; writes src/beatwire/data/models/emotion_*.npz.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fit_heads import fit_head
from _training import (
    MAPPED,
    common_parser,
    cv_predictions,
    embed,
    fit_stack,
    macro_f1,
    rows_of,
    tweeteval,
)

from beatwire.analysis.heads.features import Featurizer

CLASSES = ("anger", "joy", "optimism", "sadness")  # TweetEval's 0..3
BUCKETS = 2**18
VARIANTS = {  # file stem: (row name, embedder, embedding scale, C) chosen on the val split
    "lexical": ("lexical_emotion@2", "none", 0.0, 10.0),  # @2: fitted on train + val
    "minilm": ("minilm_emotion@2", "minilm", 2.0, 3.0),
}
# file stem: (row name, embedder, embedding scale, ((block, C) per base), meta C)
STACKS = {
    "static": ("static_emotion@1", "static", 1.0, (("lexical", 10.0), ("embedding", 3.0)), 1.0),
}


def register_predictions(filename: str, out: Path, texts, vectors) -> np.ndarray:
    """Return TweetEval class ids from the shipped model's arg-max over the mapped registers."""
    from beatwire.analysis.emotion import REGISTERS
    from beatwire.analysis.emotion.combined import CombinedEmotion
    from beatwire.analysis.heads import model_files

    model_files.MODELS_DIR, saved = out, model_files.MODELS_DIR  # read the head just written
    try:
        table = CombinedEmotion(filename).table(texts, vectors)
    finally:
        model_files.MODELS_DIR = saved
    columns = [REGISTERS.index(r) for r in MAPPED]
    best = np.argmax(table[:, columns], axis=1)
    return np.array([list(MAPPED.values())[b] for b in best])


def train(args, splits, stem: str, name: str, embedder: str, scale: float, fit, meta: dict) -> None:
    """Fit on train (val figures), cross-validate on train + val, ship the fit on train + val."""
    (train_texts, train_labels), (val_texts, val_labels) = splits
    texts, labels = train_texts + val_texts, np.concatenate([train_labels, val_labels])
    cache = args.cache_dir / f"{embedder}.npy" if args.cache_dir else None
    vectors = embed(texts, embedder, cache) if scale else None
    features = Featurizer(BUCKETS, scale).transform(texts, vectors)
    train, val = np.arange(len(train_texts)), np.arange(len(train_texts), len(texts))
    meta |= {"name": name, "buckets": BUCKETS, "embedding_scale": scale,
             "embedder": embedder, "script": "scripts/train_emotion.py"}  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"emotion_{stem}.npz"
    on_train = fit(rows_of(features, train), labels[train], meta=meta)
    head_f1 = macro_f1(val_labels, np.argmax(on_train.probabilities(rows_of(features, val)), 1))
    on_train.save(path)
    val_vectors = vectors[val] if vectors is not None else None
    f1 = macro_f1(val_labels, register_predictions(path.name, args.out, val_texts, val_vectors))
    cv = macro_f1(labels, cv_predictions(features, labels, args.folds, fit, {"buckets": BUCKETS}))
    meta |= {
        "trained_on": "tweeteval/emotion/train_text.txt and val_text.txt, "
        f"first {len(train_texts)} + {len(val_texts)} tweets",
        "val_macro_f1_head_fit_on_train": round(head_f1, 4),
        "val_macro_f1_registers_fit_on_train": round(f1, 4),
        "cv_macro_f1_head": round(cv, 4),
        "cv_folds": args.folds,
    }
    fit(features, labels, meta=meta).save(path)
    print(
        f"{name}: TweetEval emotion val macro-F1 = {f1:.4f} (registers), {head_f1:.4f} "
        f"(head), fitted on train; {args.folds}-fold CV on train+val = {cv:.4f} (head)"
    )


def main() -> None:
    """Train, measure and save each head the chosen embedder allows."""
    parser = common_parser(__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, help="folder for the embeddings (.npy)")
    args = parser.parse_args()
    train_texts, train_labels = tweeteval(args.corpora, "emotion", "train")
    splits = (
        (train_texts[: args.limit], train_labels[: args.limit]),
        tweeteval(args.corpora, "emotion", "val"),
    )
    for stem, (name, embedder, scale, c) in VARIANTS.items():
        if embedder in ("none", args.embedder):
            fit = partial(fit_head, classes=CLASSES, c=c)
            train(args, splits, stem, name, embedder, scale, fit, {"C": c})
    for stem, (name, embedder, scale, bases, meta_c) in STACKS.items():
        if embedder == args.embedder:
            fit = partial(fit_stack, classes=CLASSES, bases=bases, meta_c=meta_c)
            parts = [f"{p} C={c}" for p, c in bases]
            train(
                args, splits, stem, name, embedder, scale, fit, {"bases": parts, "meta_C": meta_c}
            )


if __name__ == "__main__":
    main()
