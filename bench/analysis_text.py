"""Speed of the text analysers (entities, key phrases, beats + AI-relevance) on tweet-length texts.

Run: .venv/bin/python bench/analysis_text.py [--n 20000]
Texts: CrisisLexT6 tweets and the posts and comments of the r/artificial + r/OpenAI sample,
read from ../shared/corpora. Prints texts/s per part on one core, and the machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

from beatwire.analysis.beats import build_beats
from beatwire.analysis.entities import build_entities
from beatwire.analysis.phrases import build_phrases

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def load_texts(n: int) -> list[str]:
    """Return `n` texts: AI-subreddit posts and comments first, then crisis tweets, repeated."""
    texts: list[str] = []
    sample = SHARED / "reddit-ai-subs-2025-09" / "posts_with_top_comments_20250916.jsonl"
    for line in sample.read_text(encoding="utf-8").splitlines():
        post = json.loads(line)
        texts.append(f"{post['title']}\n{post['selftext'] or ''}".strip())
        texts.extend(comment["body"] for comment in post["top_comments"])
    for path in sorted((SHARED / "crisislex-events" / "CrisisLexT6").glob("*/*.csv")):
        with path.open(encoding="utf-8", errors="replace") as handle:
            rows = csv.reader(handle)
            next(rows)
            texts.extend(row[1] for row in rows if len(row) >= 2)
    return (texts * (n // len(texts) + 1))[:n]


def rate(
    run: Callable[[list[str]], object], texts: list[str], batch: int = 500
) -> tuple[float, float]:
    """Return texts per second of `run` by wall clock and by this process's CPU time (best of 2).

    CPU time is the fairer figure on a shared machine: other processes do not inflate it.
    """
    best_wall = best_cpu = 0.0
    for _ in range(2):
        wall, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(texts), batch):
            run(texts[i : i + batch])
        best_wall = max(best_wall, len(texts) / (time.perf_counter() - wall))
        best_cpu = max(best_cpu, len(texts) / (time.process_time() - cpu))
    return best_wall, best_cpu


def main() -> None:
    """Print the speed of each part and of the three together."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20_000)
    n = parser.parse_args().n
    texts = load_texts(n)
    chars = sum(len(t) for t in texts) / len(texts)
    start = time.perf_counter()
    entities, phrases, beats = build_entities(), build_phrases(), build_beats()
    print(
        f"machine: {platform.platform()} python {platform.python_version()} "
        f"cpus={os.cpu_count()} (one core used)"
    )
    print(f"load data files: {time.perf_counter() - start:.2f} s")
    print(f"texts: {len(texts)}, mean length {chars:.0f} chars")
    parts = {
        "entities (gazetteer)": entities.extract,
        "phrases (rake)": phrases.extract,
        "beats+relevance (keywords)": beats.classify,
    }
    print(f"{'part':28s} {'wall texts/s':>13s} {'cpu texts/s':>12s}")
    for name, run in parts.items():
        wall, cpu = rate(run, texts)
        print(f"{name:28s} {wall:13.0f} {cpu:12.0f}")

    def together(batch: list[str]) -> None:
        entities.extract(batch)
        phrases.extract(batch)
        beats.classify(batch)

    wall, cpu = rate(together, texts)
    print(f"{'all three':28s} {wall:13.0f} {cpu:12.0f}")
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
