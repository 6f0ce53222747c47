"""Agreement of the keyword beat classifier with the intended beats of the demo corpus.

Run: .venv/bin/python bench/beats_demo.py
The demo corpus (src/beatwire/data/demo/corpus.jsonl) is synthetic; each record's intended
beat is extra.demo_beat. Prints top-1 agreement, agreement with any assigned beat, and the
most frequent confusions. A development check, not a measure of real-world accuracy.
"""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

from beatwire.analysis.beats import build_beats


def main() -> None:
    """Print the agreement figures."""
    path = resources.files("beatwire").joinpath("data", "demo", "corpus.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    rows = [r for r in rows if r.get("extra", {}).get("demo_beat")]
    texts = [f"{r.get('title') or ''}\n{r['text']}".strip() for r in rows]
    gold = [r["extra"]["demo_beat"] for r in rows]
    results = build_beats().classify(texts)
    top = [r.beats[0].slug if r.beats else None for r in results]
    top1 = sum(t == g for t, g in zip(top, gold, strict=True)) / len(rows)
    anywhere = sum(
        any(b.slug == g for b in r.beats) for r, g in zip(results, gold, strict=True)
    ) / len(rows)
    print(f"records: {len(rows)}  top-1 agreement: {top1:.3f}  in assigned beats: {anywhere:.3f}")
    confusions = Counter((g, t) for g, t in zip(gold, top, strict=True) if g != t)
    for (want, got), n in confusions.most_common(8):
        print(f"{n:5d}  {want} -> {got}")


if __name__ == "__main__":
    main()
