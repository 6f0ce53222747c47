"""AI-relevance on real text: CrisisLexT6 (not about AI) and r/artificial + r/OpenAI (about AI).

Run: .venv/bin/python bench/ai_relevance.py
Prints, per set, how many texts score >= 0.5 (the "about AI" side), the mean and quantiles.
"""

from __future__ import annotations

import csv
import json
import os
import platform
from pathlib import Path

import numpy as np

from beatwire.analysis.beats import build_beats

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def crisis_tweets() -> list[str]:
    """Return the 60,082 CrisisLexT6 tweets (on- and off-topic for their disaster)."""
    texts: list[str] = []
    for path in sorted((CORPORA / "crisislex-events" / "CrisisLexT6").glob("*/*.csv")):
        with path.open(encoding="utf-8", errors="replace") as handle:
            rows = csv.reader(handle)
            next(rows)
            texts.extend(row[1] for row in rows if len(row) >= 2)
    return texts


def reddit_sets() -> dict[str, list[str]]:
    """Return the AI-subreddit posts, their comments alone, and comments under their title."""
    path = CORPORA / "reddit-ai-subs-2025-09" / "posts_with_top_comments_20250916.jsonl"
    posts = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {
        "reddit posts (title + text)": [f"{p['title']}\n{p['selftext'] or ''}" for p in posts],
        "reddit comments alone": [c["body"] for p in posts for c in p["top_comments"]],
        "reddit comments + post title": [
            f"{p['title']}\n{c['body']}" for p in posts for c in p["top_comments"]
        ],
    }


def main() -> None:
    """Print the relevance figures of each set."""
    print(f"machine: {platform.platform()} cpus={os.cpu_count()}")
    classifier = build_beats()
    sets = {"CrisisLexT6 (not AI)": crisis_tweets(), **reddit_sets()}
    for name, texts in sets.items():
        scores = np.array([r.ai_relevance for r in classifier.classify(texts)])
        high = int((scores >= 0.5).sum())
        q50, q90, q99 = np.quantile(scores, [0.5, 0.9, 0.99])
        print(
            f"{name:30s} n={len(texts):6d}  >=0.5: {high:5d} ({high / len(texts):6.1%})"
            f"  mean={scores.mean():.3f}  p50={q50:.3f} p90={q90:.3f} p99={q99:.3f}"
        )


if __name__ == "__main__":
    main()
