"""Benchmark the whole analysis (every role) on real social-media texts: records/s and peak memory.

    .venv/bin/python bench/analysis.py [--records 5000] [--modes static,minilm]
        [--hinted 0.0] [--batch-size 500] [--profile OUT.prof]

Each mode runs in its own child process (so its peak memory, ru_maxrss, is its own) and
calls `Analyzer.analyze` in batches of `--batch-size`, exactly as `analysis.stage.run`
and `analyze-file` do. Texts are read at run time from ../shared/corpora: TweetEval
tweets, CrisisLexT26 tweets and r/artificial + r/OpenAI posts and comments, shuffled
with a fixed seed. `--hinted` is the share of records that arrive with a platform language
tag (Bluesky `langs`); 0 (the default) makes lingua run on every record: the worst case.

Modes: "static" runs the static embeddings and their heads (static_lr, static);
"minilm" is the default configuration: MiniLM with its heads (minilm_lr, and
minilm_tuned, which reads a fine-tuned affect branch run inside the embedder's pass);
"minilm-untuned" is the same without that branch (the heads minilm_lr and minilm).

The machine is shared with other jobs, so both wall time and CPU-seconds (process time,
all threads) are printed, with the load average before and after. Not a test.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
TWEET_FILES = [
    "tweeteval/sentiment/val_text.txt",
    "tweeteval/emotion/train_text.txt",
    "tweeteval/emotion/val_text.txt",
    "tweeteval/irony/train_text.txt",
    "tweeteval/irony/val_text.txt",
]
CRISIS = CORPORA / "crisislex-events" / "crisislexT26_labeled_with_timestamps.csv"
REDDIT = CORPORA / "reddit-ai-subs-2025-09" / "posts_with_top_comments_20250916.jsonl"
ROLES = ("language", "embedder", "sentiment", "emotion", "entities", "phrases", "beats")
MODES = {
    "static": {"embedder": "static"},
    "minilm": {"embedder": "minilm"},
    "minilm-untuned": {"embedder": "minilm", "sentiment": "minilm_lr", "emotion": "minilm"},
}


def _reddit_texts() -> list[str]:
    """Return the titles+bodies of the Reddit posts and the bodies of their top comments."""
    texts: list[str] = []
    for line in REDDIT.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        post = data.get("post", data)
        body = "\n\n".join(str(post.get(k) or "") for k in ("title", "selftext")).strip()
        if body:
            texts.append(body)
        for comment in data.get("comments", data.get("top_comments", [])) or []:
            text = str(comment.get("body") or "").strip() if isinstance(comment, dict) else ""
            if text:
                texts.append(text)
    return texts


def load_texts(count: int, seed: int = 7) -> tuple[list[str], dict[str, int]]:
    """Return `count` real posts (repeating the pool if it is smaller) and where they came from."""
    sources: dict[str, list[str]] = {"tweeteval": [], "crisislex": [], "reddit": []}
    for name in TWEET_FILES:
        sources["tweeteval"] += (CORPORA / name).read_text(encoding="utf-8").splitlines()
    with CRISIS.open(encoding="utf-8") as handle:
        sources["crisislex"] = [row["text"] for row in csv.DictReader(handle)]
    try:
        sources["reddit"] = _reddit_texts()
    except (OSError, ValueError, AttributeError):
        sources["reddit"] = []
    pool = [text for texts in sources.values() for text in texts if text.strip()]
    random.Random(seed).shuffle(pool)
    chosen = (pool * (count // len(pool) + 1))[:count]
    return chosen, {name: len(texts) for name, texts in sources.items()}


class Timed:
    """Wraps one role: forwards every attribute, adds wall and thread CPU time of its methods."""

    def __init__(self, inner: Any, totals: dict[str, list[float]], role: str) -> None:
        self._inner, self._totals, self._role = inner, totals, role

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if not callable(value):
            return value

        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return value(*args, **kwargs)
            finally:
                slot = self._totals.setdefault(self._role, [0.0, 0.0])
                slot[0] += time.perf_counter() - wall
                slot[1] += time.thread_time() - cpu

        return timed


def run_child(mode: str, texts_path: str, hinted: float, batch_size: int, profile: str) -> None:
    """Analyse the texts with one configuration and print its figures as JSON (child process)."""
    from beatwire.analysis.pipeline import Item, build_analyzer
    from beatwire.config import AnalysisSettings

    texts = json.loads(Path(texts_path).read_text(encoding="utf-8"))
    settings = AnalysisSettings(batch_size=batch_size, **MODES[mode])
    start = time.perf_counter()
    analyzer = build_analyzer(settings)
    totals: dict[str, list[float]] = {}
    for role in ROLES:
        setattr(analyzer, role, Timed(getattr(analyzer, role), totals, role))
    rng = random.Random(11)
    items = [
        Item(i, text, "en" if rng.random() < hinted else None, "bench")
        for i, text in enumerate(texts)
    ]
    analyzer.analyze(items[:64])  # loads models and tables; timed apart
    load_seconds = time.perf_counter() - start
    totals.clear()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    wall, cpu = time.perf_counter(), time.process_time()
    for begin in range(0, len(items), batch_size):
        analyzer.analyze(items[begin : begin + batch_size])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    figures = {
        "versions": analyzer.versions(),
        "load_s": load_seconds,
        "wall_s": wall,
        "cpu_s": cpu,
        "roles": totals,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(figures))


def measure(
    mode: str, texts_path: str, hinted: float, batch_size: int, profile: str
) -> dict[str, Any]:
    """Return the figures of one configuration, measured in a child process."""
    command = [sys.executable, __file__, "--child", mode, texts_path, str(hinted)]
    command += [str(batch_size), profile]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"{mode} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(mode: str, count: int, figures: dict[str, Any]) -> None:
    """Print one configuration's figures."""
    wall, cpu = figures["wall_s"], figures["cpu_s"]
    print(f"\n== {mode}: {', '.join(f'{k}={v}' for k, v in figures['versions'].items())}")
    print(
        f"   {count / wall:8.0f} records/s wall ({wall:.2f} s), "
        f"{count / cpu:8.0f} records per CPU-second ({cpu:.2f} CPU-s, "
        f"{cpu / wall:.2f} cores busy); load {figures['load_s']:.2f} s; "
        f"peak memory {figures['peak_mb']:.0f} MB"
    )
    roles = figures["roles"]
    for role, (role_wall, role_cpu) in sorted(roles.items(), key=lambda kv: -kv[1][0]):
        print(
            f"   {role:>10}: {role_wall:6.2f} s wall {100 * role_wall / wall:5.1f}%  "
            f"{role_cpu:6.2f} CPU-s  ({count / role_wall:9.0f} records/s alone)"
        )
    print(
        "   (the embedder runs beside language/entities/phrases/beats, so role walls overlap;"
        " role CPU is the calling thread's only: MiniLM's worker threads are in the total)"
    )


def main() -> None:
    """Print records/s, CPU-seconds, per-role times and peak memory for each mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--modes", default="static,minilm")
    parser.add_argument("--hinted", type=float, default=0.0)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--profile", default="", help="cProfile output (suffixed with the mode)")
    args = parser.parse_args()
    texts, sources = load_texts(args.records)
    print(f"machine: {os.cpu_count()} cpus, {platform.platform()}, {platform.processor() or '?'}")
    print(f"python {platform.python_version()}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"records: {len(texts)} drawn from {sources} (shuffled), "
        f"{sum(map(len, texts)) / len(texts):.0f} chars avg; {args.hinted:.0%} with a "
        f"platform language tag; batches of {args.batch_size}"
    )
    with tempfile.TemporaryDirectory() as folder:
        texts_path = str(Path(folder) / "texts.json")
        Path(texts_path).write_text(json.dumps(texts), encoding="utf-8")
        for mode in args.modes.split(","):
            profile = f"{args.profile}.{mode}" if args.profile else ""
            figures = measure(mode, texts_path, args.hinted, args.batch_size, profile)
            report(mode, len(texts), figures)
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        run_child(sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        main()
