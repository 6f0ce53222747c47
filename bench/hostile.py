"""Hostile records through parse, ingest and analyze: seconds each, and normal throughput.

    .venv/bin/python bench/hostile.py [--normal 1000] [--embedder minilm]

Each pathological text (one huge word, megabytes of one line, zero-width and
right-to-left floods, an emoji flood, many lines) is put into a real Reddit
listing (../shared/corpora/api-fixtures) as one post's selftext, then
- parsed by the Reddit adapter,
- ingested (records cut at `sources.max_text_chars`, the payload kept once),
- analysed alone by the default analyzer (every role, caps at `analysis.max_chars`).
Deep JSON nesting is parsed only (it is refused with a ParseError). The goal is
no record over 1 s in any step.

Then `--normal` real Reddit posts and comments (reddit-ai-coding-2025) are
analysed with the cap and with it lifted, to show that real records do not pay
for it. Wall time on a shared 2-core machine; not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from beatwire.analysis.pipeline import Item, build_analyzer
from beatwire.analysis.text_caps import capped_text
from beatwire.config import AnalysisSettings, load_settings
from beatwire.errors import BeatwireError
from beatwire.sources import reddit
from beatwire.sources.ingest import ingest_file
from beatwire.store.engine import open_store

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
LISTING = CORPORA / "api-fixtures" / "reddit" / "r_all_new_2016-12-22.json"
NORMAL = CORPORA / "reddit-ai-coding-2025" / "reddit_data.jsonl"
AT = datetime(2026, 10, 12, tzinfo=UTC)

HOSTILE: dict[str, Callable[[], str]] = {
    "one 300,000-letter word": lambda: "a" * 300_000,
    "10 MB on one line": lambda: ("the new model beats every benchmark " * 300_000)[:10_000_000],
    "zero-width flood (1M)": lambda: "ok\u200b\u200d" * 250_000,
    "right-to-left flood (1M)": lambda: "\u202eAI \u200f" * 200_000,
    "emoji flood (200k)": lambda: "🤖🔥😂❤️" * 50_000,
    "100,000 lines": lambda: "a line about AI\n" * 100_000,
}


def _timed(step: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    began = time.perf_counter()
    result = step(*args, **kwargs)
    return time.perf_counter() - began, result


def _listing_with(text: str, folder: Path) -> Path:
    listing = json.loads(LISTING.read_bytes())
    listing["data"]["children"][0]["data"]["selftext"] = text
    path = folder / "hostile.json"
    path.write_text(json.dumps(listing, ensure_ascii=False), encoding="utf-8")
    return path


def hostile(embedder: str) -> None:
    """Print parse, ingest and analysis seconds for each hostile record."""
    analyzer = build_analyzer(AnalysisSettings(embedder=embedder))
    analyzer.analyze([Item(0, "warm up the models")])
    print(f"{'record':28} {'parse s':>8} {'ingest s':>9} {'analyze s':>10} {'read chars':>11}")
    for name, make in HOSTILE.items():
        text = make()
        with tempfile.TemporaryDirectory() as folder:
            path = _listing_with(text, Path(folder))
            parse_s, found = _timed(reddit.parse, path.read_bytes(), collected_at=AT)
            settings = load_settings(None, db=f"sqlite:///{folder}/bench.db")
            store = open_store(settings.db)
            ingest_s, _ = _timed(ingest_file, store, settings, reddit, path, as_of=AT)
            store.close()
        record = next(r for r in found if len(r.text) >= len(text) // 2)
        analyze_s, _ = _timed(analyzer.analyze, [Item(1, record.text)])
        read = len(capped_text(record.text, analyzer.max_chars))
        print(f"{name:28} {parse_s:8.2f} {ingest_s:9.2f} {analyze_s:10.2f} {read:11,}")
    for depth in (1_000, 100_000):
        nested = ("[" * depth + "]" * depth).encode()
        began = time.perf_counter()
        try:
            reddit.parse(nested, collected_at=AT)
            outcome = "parsed"
        except BeatwireError as exc:
            outcome = exc.one_line()
        seconds = time.perf_counter() - began
        print(f"{f'JSON nested {depth:,} deep':28} {seconds:8.2f}  {outcome}")


def _normal_texts(count: int) -> list[str]:
    texts: list[str] = []
    for line in NORMAL.read_text(encoding="utf-8").splitlines():
        post = json.loads(line)
        texts.append(f"{post.get('title') or ''}\n\n{post.get('selftext') or ''}".strip())
        texts += [str(c.get("text") or "") for c in post.get("comments") or []]
    random.Random(7).shuffle(texts)
    return [t for t in texts if t.strip()][:count]


def throughput(count: int, embedder: str) -> None:
    """Print records/s on real posts with the cap and with it lifted."""
    texts = _normal_texts(count)
    items = [Item(i, text) for i, text in enumerate(texts)]
    longest = max(len(t) for t in texts)
    print(f"\n{len(items)} real Reddit posts and comments (longest {longest:,} characters)")
    analyzers = {
        label: build_analyzer(AnalysisSettings(embedder=embedder, max_chars=cap))
        for label, cap in (("capped (10,000)", 10_000), ("uncapped", 10**12))
    }
    best = dict.fromkeys(analyzers, 0.0)
    for _ in range(2):  # alternated, best of two: the machine is shared
        for label, analyzer in analyzers.items():
            seconds = sum(
                _timed(analyzer.analyze, part)[0]
                for part in (items[i : i + 500] for i in range(0, len(items), 500))
            )
            best[label] = max(best[label], len(items) / seconds)
    for label, rate in best.items():
        print(f"  {label:16} {rate:8.1f} records/s")


def main() -> None:
    """Run both parts and print the machine they ran on."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--normal", type=int, default=1000, help="real records for throughput")
    parser.add_argument("--embedder", default="minilm", help="minilm (default), static or none")
    args = parser.parse_args()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f}, embedder {args.embedder}")  # fmt: skip
    hostile(args.embedder)
    throughput(args.normal, args.embedder)


if __name__ == "__main__":
    main()
