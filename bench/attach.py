"""How the large-window attach threshold treats real events: CrisisLexT26's related tweets.

With every event's centroid live (the worst case: 13 disasters at once), it prints, per
threshold, the share of tweets that would attach to their own event, to a wrong one, and
that would join another event's centroid if their own event were new (so be lost to a
narrative being born). The detect stage uses `narrative_attach_similarity` only for
windows over `narrative_cluster_cap` records (signals/large_windows.py).

    .venv/bin/python bench/attach.py [--cache PATH.npy]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from clustering import embed, load


def main() -> None:
    """Embed (or read the cache), then print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    texts, truth, _times = load()
    vectors, _seconds = embed(texts, args.cache)
    events = np.unique(truth)
    centres = np.stack([vectors[truth == event].mean(axis=0) for event in events])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    sims = vectors @ centres.T
    own_column = np.searchsorted(events, truth)
    own = sims[np.arange(len(vectors)), own_column]
    sims[np.arange(len(vectors)), own_column] = -1.0
    other = sims.max(axis=1)
    print(f"tweets={len(vectors)} events={len(events)}")
    print("threshold  own  wrong  lost-if-new")
    for threshold in (0.5, 0.55, 0.6, 0.65, 0.7):
        attached_own = (own >= threshold) & (own >= other)
        wrong = (other >= threshold) & (other > own)
        print(f"{threshold:9.2f} {attached_own.mean():5.1%} {wrong.mean():6.1%} "
              f"{(other >= threshold).mean():12.1%}")  # fmt: skip


if __name__ == "__main__":
    main()
