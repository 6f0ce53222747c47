"""Fine-tune MiniLM's top layers for TweetEval emotion; write the branch the MiniLM embedder runs.

    python scripts/train_emotion_branch.py [--layers 2] [--epochs 4] [--seed 0] [--blend 0.7]

Copies of the top `--layers` encoder layers of all-MiniLM-L6-v2 and a linear head over
their mean-pooled output (anger, joy, optimism, sadness) are trained with class-weighted
cross-entropy (AdamW, 10% warm-up then linear decay); the layers below stay frozen, so
at analysis time the branch reads the lower layers the embedder computes anyway and
costs only its own layers (embedding/minilm.py, in int8: embedding/_quantise.py).

As for the other emotion heads (train_emotion.py), the branch is fitted on the train
split first and scored on the validation split through the project's own inference
path (onnxruntime, int8 branch): the branch alone, mixed with the MiniLM LR head (fitted
on train only, as its own figure is) and as the ten registers; then it is fitted again,
same seed and settings, on train + validation and written to
src/beatwire/data/models/emotion_minilm_branch.safetensors with those figures.

Needs PyTorch and transformers at training time only (not runtime dependencies), e.g.
in a separate venv: pip install torch==2.13.0 transformers scikit-learn -e .
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _training import MAPPED, common_parser, macro_f1, rows_of, tweeteval
from train_emotion import BUCKETS, CLASSES, VARIANTS

from beatwire.analysis.embedding._requirements import minilm_model_dir
from beatwire.analysis.embedding.minilm import MiniLMEmbedder
from beatwire.analysis.emotion import REGISTERS
from beatwire.analysis.emotion.branch import load_branch
from beatwire.analysis.emotion.combined import CombinedEmotion
from beatwire.analysis.sentiment import _linear
from beatwire.analysis.sentiment._features import Featurizer
from beatwire.analysis.sentiment._fit import fit_head

NAME = "tuned_emotion@1"
FILENAME = "emotion_minilm_branch.safetensors"
HEAD_FILE = "emotion_minilm.npz"  # the LR head the branch is mixed with
# the MiniLM LR head as train_emotion.py makes it (its figures are fitted on train only)
_name, _embedder, _scale, _c = VARIANTS["minilm"]
HEAD = {"name": _name, "embedder": _embedder, "buckets": BUCKETS, "embedding_scale": _scale,
        "C": _c}  # fmt: skip
BATCH = 32
TRAIN_TOKENS = 128  # tweets are shorter; the embedder allows 256
WARMUP = 0.1


def fine_tune(texts: list[str], labels: np.ndarray, args) -> dict[str, np.ndarray]:
    """Return the tuned top layers and head as float32 arrays under their graph names."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    folder = minilm_model_dir()
    tokenizer, model = AutoTokenizer.from_pretrained(folder), AutoModel.from_pretrained(folder)
    count = len(model.encoder.layer)
    tuned = range(count - args.layers, count)
    for parameter in model.parameters():
        parameter.requires_grad = False
    for index in tuned:
        for parameter in model.encoder.layer[index].parameters():
            parameter.requires_grad = True
    head = torch.nn.Linear(model.config.hidden_size, len(CLASSES))
    trained = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    optimiser = torch.optim.AdamW(trained, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * -(-len(texts) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (WARMUP * steps)) * max(0.0, (steps - s) / steps)
    )
    counts = np.bincount(labels, minlength=len(CLASSES))
    weights = torch.tensor(len(labels) / (len(CLASSES) * counts), dtype=torch.float32)
    model.train()
    started = time.monotonic()
    for epoch in range(args.epochs):
        order = rng.permutation(len(texts))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            batch = tokenizer(
                [texts[i] for i in rows],
                truncation=True,
                max_length=TRAIN_TOKENS,
                padding=True,
                return_tensors="pt",
            )
            tokens = model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            logits = head((tokens * mask).sum(1) / mask.sum(1))
            target = torch.tensor(labels[rows])
            loss = torch.nn.functional.cross_entropy(logits, target, weight=weights)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        print(f"  epoch {epoch + 1}/{args.epochs} ({time.monotonic() - started:.0f} s)", flush=True)
    state = model.state_dict()
    found = {
        key: state[key].detach().numpy().astype(np.float32)
        for key in state
        if key.startswith(tuple(f"encoder.layer.{i}." for i in tuned))
    }
    found["head.weight"] = head.weight.detach().numpy().astype(np.float32)
    found["head.bias"] = head.bias.detach().numpy().astype(np.float32)
    return found


def save(arrays: dict[str, np.ndarray], meta: dict, path: Path) -> None:
    """Write the branch as float16 tensors with its JSON header in the file's metadata."""
    from safetensors.numpy import save_file

    half = {key: np.ascontiguousarray(value, dtype=np.float16) for key, value in arrays.items()}
    save_file(half, str(path), metadata={"meta": json.dumps(meta, sort_keys=True)})
    path.chmod(0o644)  # safetensors writes owner-only files; this one ships in the package


def val_figures(folder: Path, splits) -> dict[str, float]:
    """Score the branch in `folder` (the models folder while it runs) as the analysis stage does."""
    (train_texts, train_labels), (val_texts, val_labels) = splits
    branch = load_branch(FILENAME)
    encoded = MiniLMEmbedder(branch=branch.branch).encode(train_texts + val_texts)
    vectors, pooled = encoded.vectors, encoded.branches[branch.branch.name]
    features = Featurizer(HEAD["buckets"], HEAD["embedding_scale"]).transform(
        train_texts + val_texts, vectors
    )
    train, val = np.arange(len(train_texts)), np.arange(len(train_texts), len(vectors))
    head = fit_head(rows_of(features, train), train_labels, classes=CLASSES, c=HEAD["C"], meta=HEAD)
    head.save(folder / HEAD_FILE)
    alone = branch.probabilities(pooled[val])
    mixed = branch.blend * alone + (1 - branch.blend) * head.probabilities(rows_of(features, val))
    table = CombinedEmotion(HEAD_FILE, FILENAME).table(val_texts, vectors[val], pooled[val])
    columns = [REGISTERS.index(r) for r in MAPPED]
    registers = np.array(list(MAPPED.values()))[np.argmax(table[:, columns], axis=1)]
    return {
        "val_macro_f1_branch_fit_on_train": round(macro_f1(val_labels, alone.argmax(1)), 4),
        "val_macro_f1_mixed_fit_on_train": round(macro_f1(val_labels, mixed.argmax(1)), 4),
        "val_macro_f1_registers_fit_on_train": round(macro_f1(val_labels, registers), 4),
    }


def main() -> None:
    """Fit on train (val figures), then on train + val (shipped)."""
    import tempfile

    parser = common_parser(__doc__.splitlines()[0])
    parser.add_argument("--layers", type=int, default=2, help="top layers to tune")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--blend", type=float, default=0.7, help="the branch's share vs LR head")
    args = parser.parse_args()
    train_texts, train_labels = tweeteval(args.corpora, "emotion", "train")
    splits = (
        (train_texts[: args.limit], train_labels[: args.limit]),
        tweeteval(args.corpora, "emotion", "val"),
    )
    meta = {
        "name": NAME,
        "classes": list(CLASSES),
        "blend": args.blend,
        "tuned_layers": args.layers,
        "epochs": args.epochs,
        "lr": args.lr,
        "seed": args.seed,
        "script": "scripts/train_emotion_branch.py",
    }
    print(f"fitting on train ({len(splits[0][0])} tweets)", flush=True)
    on_train = fine_tune(*splits[0], args)
    with tempfile.TemporaryDirectory() as folder:
        _linear.MODELS_DIR, saved = Path(folder), _linear.MODELS_DIR  # score the fit on train
        try:
            save(on_train, meta, Path(folder) / FILENAME)
            figures = val_figures(Path(folder), splits)
        finally:
            _linear.MODELS_DIR = saved
    print(json.dumps(figures), flush=True)
    texts = splits[0][0] + splits[1][0]
    labels = np.concatenate([splits[0][1], splits[1][1]])
    print(f"fitting on train + val ({len(texts)} tweets)", flush=True)
    meta |= figures | {
        "trained_on": "tweeteval/emotion/train_text.txt and val_text.txt, "
        f"first {len(splits[0][0])} + {len(splits[1][0])} tweets",
    }
    args.out.mkdir(parents=True, exist_ok=True)
    save(fine_tune(texts, labels, args), meta, args.out / FILENAME)
    print(f"wrote {args.out / FILENAME}")


if __name__ == "__main__":
    main()
