"""Fine-tune MiniLM's top layers on TweetEval emotion and sentiment; write the branch and its heads.

    python scripts/train_affect_branch.py [--layers 2] [--epochs 4] [--seed 0] [--blend 0.7]

Copies of the top `--layers` encoder layers of all-MiniLM-L6-v2 are trained on two tasks
at once: TweetEval emotion (anger, joy, optimism, sadness) and TweetEval sentiment
(negative, neutral, positive), each with a linear head over the layers' mean-pooled
output and class-weighted cross-entropy (AdamW, 10% warm-up then linear decay; batches
mix both tasks). The layers below stay frozen, so their output is computed once per
tweet, and at analysis time the branch reads the lower layers the embedder computes
anyway and costs only its own layers (embedding/minilm.py, in int8: embedding/_quantise.py).
What ships: the layers and the emotion head (mixed with the MiniLM LR emotion head: the
emotion model `minilm_tuned`). The sentiment head over the branch's pooled vectors,
minilm_tuned_lr (sentiment/linear.py), is then refitted on the SemEval pool by
train_sentiment.py, which this script runs last.

Every figure is scored through the project's own inference path (onnxruntime, int8
branch) on tweets the branch and heads never saw:
- sentiment: 5-fold CV macro-recall on TweetEval sentiment val, the split the branch
  learns sentiment from: for each fold the branch is fine-tuned again without it
  (emotion train + the other four folds), then a head of minilm_tuned_lr@3's recipe
  (FOLD_HEAD, class scales by inner CV) is fitted on the other folds and scores this one;
- emotion: macro-F1 on TweetEval emotion val of each of those five fits (which never
  see it): the branch alone, mixed with the MiniLM LR head (fitted on train), and as the
  ten registers; the mean over the five is the figure stored.
Then the branch is fine-tuned on emotion train + val and all of sentiment val (seed
`--seed`), and the sentiment head fitted on its vectors; both are written to
src/beatwire/data/models with those figures.

Needs PyTorch and transformers at training time only (not runtime dependencies), e.g.
in a separate venv: pip install torch==2.13.0 transformers scikit-learn -e .
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fit_heads import fit_head
from _training import MAPPED, common_parser, folds, macro_f1, macro_recall, rows_of, tweeteval
from train_emotion import BUCKETS as EMOTION_BUCKETS
from train_emotion import CLASSES as EMOTION_CLASSES
from train_emotion import VARIANTS as EMOTION_VARIANTS
from train_sentiment import BUCKETS as SENTIMENT_BUCKETS
from train_sentiment import CLASSES as SENTIMENT_CLASSES
from train_sentiment import SCALE_GRID

from beatwire.analysis.embedding.minilm import MiniLMEmbedder
from beatwire.analysis.embedding.requirements import minilm_model_dir
from beatwire.analysis.emotion import REGISTERS
from beatwire.analysis.emotion.combined import CombinedEmotion
from beatwire.analysis.heads import model_files
from beatwire.analysis.heads.affect_branch import load_branch
from beatwire.analysis.heads.features import Featurizer
from beatwire.analysis.sentiment.linear import with_branch

NAME = "tuned_affect@1"
FILENAME = "minilm_affect_branch.safetensors"
EMOTION_HEAD_FILE = "emotion_minilm.npz"  # the LR head the branch is mixed with
# the MiniLM LR emotion head as train_emotion.py makes it (its figures are fitted on train)
_name, _embedder, _scale, _c = EMOTION_VARIANTS["minilm"]
EMOTION_HEAD = {"name": _name, "embedder": _embedder, "buckets": EMOTION_BUCKETS,
                "embedding_scale": _scale, "C": _c}  # fmt: skip
# the head that scores each fold's branch: minilm_tuned_lr@3's recipe (the embedding and
# the branch's vectors, C=0.3, class scales by inner CV); the shipped head is refitted on
# the pool by train_sentiment.py
FOLD_HEAD = {"name": "minilm_tuned_lr@3", "embedder": "minilm", "buckets": SENTIMENT_BUCKETS,
                  "embedding_scale": 2.0, "C": 0.3, "branch_file": FILENAME,
                  "branch_scale": 0.5}  # fmt: skip  # branch_scale: of the embedding's, so x1
BATCH = 32
TRAIN_TOKENS = 128  # tweets are shorter; the embedder allows 256
WARMUP = 0.1
STATE_BATCH = 64
INNER_FOLDS = 4


@dataclass(frozen=True, slots=True)
class Task:
    """One task's tweets (as rows of the cached lower-layer states) and integer labels."""

    name: str
    classes: tuple[str, ...]
    rows: np.ndarray
    labels: np.ndarray


def lower_states(texts: list[str], layers: int) -> list[Any]:
    """Return, per text, the token vectors entering the top `layers` layers (frozen: once)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    folder = minilm_model_dir()
    tokenizer, model = AutoTokenizer.from_pretrained(folder), AutoModel.from_pretrained(folder)
    model.eval()
    below = len(model.encoder.layer) - layers
    found: list[Any] = [None] * len(texts)
    with torch.no_grad():
        for start in range(0, len(texts), STATE_BATCH):
            rows = range(start, min(start + STATE_BATCH, len(texts)))
            batch = tokenizer(
                [texts[i] for i in rows],
                truncation=True,
                max_length=TRAIN_TOKENS,
                padding=True,
                return_tensors="pt",
            )
            states = model(**batch, output_hidden_states=True).hidden_states[below]
            for j, i in enumerate(rows):
                found[i] = states[j, : int(batch["attention_mask"][j].sum())].clone()
    return found


def padded(states: list[Any], rows) -> tuple[Any, Any]:
    """Return the states of `rows` right-padded into one batch, and its mask."""
    import torch

    width = max(states[i].shape[0] for i in rows)
    batch = torch.zeros(len(rows), width, states[rows[0]].shape[1])
    mask = torch.zeros(len(rows), width)
    for j, i in enumerate(rows):
        batch[j, : states[i].shape[0]] = states[i]
        mask[j, : states[i].shape[0]] = 1.0
    return batch, mask


def top_layers(layers: int, tasks: list[Task]) -> Any:
    """Return a module: copies of MiniLM's top layers, mean pooling and one head per task."""
    import torch
    from transformers import AutoModel

    class Top(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            # eager attention takes the additive (batch, 1, 1, tokens) mask `pooled` builds
            base = AutoModel.from_pretrained(minilm_model_dir(), attn_implementation="eager")
            count = len(base.encoder.layer)
            self.first = count - layers
            self.layers = torch.nn.ModuleList(base.encoder.layer[self.first :])
            hidden = base.config.hidden_size
            self.heads = torch.nn.ModuleDict(
                {t.name: torch.nn.Linear(hidden, len(t.classes)) for t in tasks}
            )

        def pooled(self, states, mask):
            additive = (1.0 - mask[:, None, None, :]) * torch.finfo(torch.float32).min
            for layer in self.layers:
                out = layer(states, attention_mask=additive)
                states = out[0] if isinstance(out, tuple) else out
            return (states * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)

    return Top()


def fine_tune(states: list[Any], tasks: list[Task], args, seed: int) -> dict[str, np.ndarray]:
    """Return the tuned top layers and the emotion head as float32 arrays under graph names."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = top_layers(args.layers, tasks)
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    examples = [(t, i) for t in range(len(tasks)) for i in range(len(tasks[t].rows))]
    steps = args.epochs * -(-len(examples) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (WARMUP * steps)) * max(0.0, (steps - s) / steps)
    )
    weights = [balanced_weights(t.labels, len(t.classes)) for t in tasks]
    model.train()
    started = time.monotonic()
    for epoch in range(args.epochs):
        order = rng.permutation(len(examples))
        for start in range(0, len(order), BATCH):
            chosen = [examples[k] for k in order[start : start + BATCH]]
            loss = torch.zeros(())
            for t, task in enumerate(tasks):
                picked = [i for u, i in chosen if u == t]
                if not picked:
                    continue
                pooled = model.pooled(*padded(states, [int(task.rows[i]) for i in picked]))
                target = torch.tensor(task.labels[picked])
                part = torch.nn.functional.cross_entropy(
                    model.heads[task.name](pooled), target, weight=weights[t]
                )
                loss = loss + part * len(picked) / len(chosen)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        print(
            f"    epoch {epoch + 1}/{args.epochs} ({time.monotonic() - started:.0f} s)", flush=True
        )
    found = {
        f"encoder.layer.{model.first + j}.{key}": value.detach().numpy().astype(np.float32)
        for j, layer in enumerate(model.layers)
        for key, value in layer.state_dict().items()
    }
    found["head.weight"] = model.heads["emotion"].weight.detach().numpy().astype(np.float32)
    found["head.bias"] = model.heads["emotion"].bias.detach().numpy().astype(np.float32)
    return found


def balanced_weights(labels: np.ndarray, classes: int) -> Any:
    """Return cross-entropy class weights that count every class alike (n / (k * count))."""
    import torch

    counts = np.bincount(labels, minlength=classes)
    return torch.tensor(len(labels) / (classes * counts), dtype=torch.float32)


def save(arrays: dict[str, np.ndarray], meta: dict, path: Path) -> None:
    """Write the branch as float16 tensors with its JSON header in the file's metadata."""
    from safetensors.numpy import save_file

    half = {key: np.ascontiguousarray(value, dtype=np.float16) for key, value in arrays.items()}
    save_file(half, str(path), metadata={"meta": json.dumps(meta, sort_keys=True)})
    path.chmod(0o644)  # safetensors writes owner-only files; this one ships in the package


def emotion_figures(embedder: MiniLMEmbedder, emotion) -> dict[str, float]:
    """Return the TweetEval emotion val figures of the branch in the models folder.

    Scored as the analysis stage does (`embedder` runs the branch); the LR head it is
    mixed with is fitted on train.
    """
    (train_texts, train_labels), (val_texts, val_labels) = emotion
    branch = load_branch(FILENAME)
    encoded = embedder.encode(train_texts + val_texts)
    vectors, pooled = encoded.vectors, encoded.branches[branch.branch.name]
    features = Featurizer(EMOTION_BUCKETS, EMOTION_HEAD["embedding_scale"]).transform(
        train_texts + val_texts, vectors
    )
    train, val = np.arange(len(train_texts)), np.arange(len(train_texts), len(vectors))
    head = fit_head(
        rows_of(features, train), train_labels, EMOTION_CLASSES, EMOTION_HEAD["C"], EMOTION_HEAD
    )
    head.save(model_files.MODELS_DIR / EMOTION_HEAD_FILE)
    alone = branch.probabilities(pooled[val])
    mixed = branch.blend * alone + (1 - branch.blend) * head.probabilities(rows_of(features, val))
    table = CombinedEmotion(EMOTION_HEAD_FILE, FILENAME).table(val_texts, vectors[val], pooled[val])
    columns = [REGISTERS.index(r) for r in MAPPED]
    registers = np.array(list(MAPPED.values()))[np.argmax(table[:, columns], axis=1)]
    return {
        "branch": macro_f1(val_labels, alone.argmax(1)),
        "mixed": macro_f1(val_labels, mixed.argmax(1)),
        "registers": macro_f1(val_labels, registers),
    }


def sentiment_vectors(embedder: MiniLMEmbedder, texts: list[str]) -> np.ndarray:
    """Return the sentiment head's vectors of the texts: the embedding + the branch's, scaled."""
    encoded = embedder.encode(texts)
    pooled = encoded.branches[load_branch(FILENAME).branch.name]
    return with_branch(encoded.vectors, pooled, FOLD_HEAD["branch_scale"])


def tune_scales(features, labels: np.ndarray, c: float) -> np.ndarray:
    """Return the class scales that maximise macro-recall on inner out-of-fold predictions."""
    probs = np.zeros((len(labels), len(SENTIMENT_CLASSES)), dtype=np.float32)
    for inner in folds(labels, INNER_FOLDS, seed=1):
        train = np.setdiff1d(np.arange(len(labels)), inner)
        head = fit_head(rows_of(features, train), labels[train], SENTIMENT_CLASSES, c, FOLD_HEAD)
        probs[inner] = head.probabilities(rows_of(features, inner))
    return max(SCALE_GRID, key=lambda s: macro_recall(labels, np.argmax(probs * s, axis=1)))


def sentiment_head(features, labels: np.ndarray, meta: dict):
    """Return a fold's sentiment head fitted on these features, and its class scales (inner CV)."""
    scales = tune_scales(features, labels, FOLD_HEAD["C"])
    meta = meta | {"class_scales": [round(float(x), 4) for x in scales]}
    return fit_head(features, labels, SENTIMENT_CLASSES, FOLD_HEAD["C"], meta), scales


def fit_and_score(tasks, states, emotion, sentiment_texts, meta, args, seed):
    """Fine-tune, then run the fit through the inference path (in a scratch models folder).

    Returns the arrays, the emotion val figures (None when `emotion` is None: a fit
    that saw the val split) and the sentiment head's vectors of `sentiment_texts`.
    """
    arrays = fine_tune(states, tasks, args, seed)
    with tempfile.TemporaryDirectory() as folder:
        model_files.MODELS_DIR, saved = Path(folder), model_files.MODELS_DIR
        try:
            save(arrays, meta, Path(folder) / FILENAME)
            embedder = MiniLMEmbedder(branch=load_branch(FILENAME).branch)  # one graph per fit
            figures = emotion_figures(embedder, emotion) if emotion is not None else None
            return arrays, figures, sentiment_vectors(embedder, sentiment_texts)
        finally:
            model_files.MODELS_DIR = saved


def main() -> None:
    """Cross-validate (five fits, each without one sentiment fold), then fit on everything."""
    parser = common_parser(__doc__.splitlines()[0])
    parser.add_argument("--layers", type=int, default=2, help="top layers to tune")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--blend", type=float, default=0.7, help="the branch's share vs LR head")
    parser.add_argument("--cache-dir", type=Path, help="passed on to train_sentiment.py")
    args = parser.parse_args()
    emotion_train = tuple(x[: args.limit] for x in tweeteval(args.corpora, "emotion", "train"))
    emotion = (emotion_train, tweeteval(args.corpora, "emotion", "val"))
    texts, labels = (x[: args.limit] for x in tweeteval(args.corpora, "sentiment", "val"))
    corpus = emotion[0][0] + emotion[1][0] + texts  # the states' rows, in this order
    print(f"computing the frozen layers' output for {len(corpus)} tweets", flush=True)
    states = lower_states(corpus, args.layers)
    emotion_rows = np.arange(len(emotion[0][0]))
    sentiment_rows = np.arange(len(corpus) - len(texts), len(corpus))
    meta = {
        "name": NAME,
        "classes": list(EMOTION_CLASSES),
        "tasks": {"emotion": list(EMOTION_CLASSES), "sentiment": list(SENTIMENT_CLASSES)},
        "blend": args.blend,
        "tuned_layers": args.layers,
        "epochs": args.epochs,
        "lr": args.lr,
        "seed": args.seed,
        "script": "scripts/train_affect_branch.py",
    }
    predicted = np.zeros(len(texts), dtype=np.int64)
    sentiment_featurizer = Featurizer(SENTIMENT_BUCKETS, FOLD_HEAD["embedding_scale"])
    scored = []
    for k, held in enumerate(folds(labels, args.folds)):
        kept = np.setdiff1d(np.arange(len(texts)), held)
        print(
            f"fit {k + 1}/{args.folds}: emotion train + sentiment without fold {k + 1}", flush=True
        )
        tasks = [
            Task("emotion", EMOTION_CLASSES, emotion_rows, emotion[0][1]),
            Task("sentiment", SENTIMENT_CLASSES, sentiment_rows[kept], labels[kept]),
        ]
        _, figures, vectors = fit_and_score(
            tasks, states, emotion, texts, meta, args, seed=args.seed + 1 + k
        )
        features = sentiment_featurizer.transform(texts, vectors)
        head, scales = sentiment_head(rows_of(features, kept), labels[kept], dict(FOLD_HEAD))
        predicted[held] = np.argmax(head.probabilities(rows_of(features, held)) * scales, axis=1)
        scored.append(figures)
        rounded = {key: round(value, 4) for key, value in figures.items()}
        print(f"  emotion val macro-F1: {json.dumps(rounded)}", flush=True)
    cv = round(macro_recall(labels, predicted), 4)
    figures = {
        f"val_macro_f1_{key}_mean_of_{args.folds}_fits": round(
            float(np.mean([f[key] for f in scored])), 4
        )
        for key in scored[0]
    } | {"val_macro_f1_registers_per_fit": [round(f["registers"], 4) for f in scored]}
    print(f"sentiment {args.folds}-fold CV macro-recall: {cv}")
    print(f"emotion: {json.dumps(figures)}", flush=True)
    trained_on = (
        f"tweeteval/emotion/train_text.txt and val_text.txt, first {len(emotion[0][0])} + "
        f"{len(emotion[1][0])} tweets; tweeteval/sentiment/val_text.txt, first {len(texts)} tweets"
    )
    meta |= figures | {"sentiment_cv_macro_recall": cv, "trained_on": trained_on}
    print("fitting on everything", flush=True)
    everything = [
        Task(
            "emotion",
            EMOTION_CLASSES,
            np.arange(len(corpus) - len(texts)),
            np.concatenate([emotion[0][1], emotion[1][1]]),
        ),
        Task("sentiment", SENTIMENT_CLASSES, sentiment_rows, labels),
    ]
    arrays, _, _ = fit_and_score(everything, states, None, [], meta, args, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    save(arrays, meta, args.out / FILENAME)
    print(f"wrote {args.out / FILENAME}; refitting minilm_tuned_lr on the pool", flush=True)
    command = [sys.executable, str(Path(__file__).with_name("train_sentiment.py")),
               "--corpora", str(args.corpora), "--out", str(args.out), "--embedder", "minilm",
               "--heads", "minilm_tuned_lr"]  # fmt: skip
    for flag, value in (("--limit", args.limit), ("--cache-dir", args.cache_dir)):
        command += [flag, str(value)] if value is not None else []
    subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
