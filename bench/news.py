"""News, not numbers: the stories written from four months of real AI news, judged as a batch.

Replays ../shared/corpora/ai-news-2025 (converted with scripts/ai_news_payloads.py)
through ingest --replay and analyze into a SQLite base (--base, kept: built once, it
takes a few minutes on 2 cores), copies it, runs detect and write on the copy with the
code as it is now, and prints the figures of issue 18 with their targets
(src/beatwire/newsroom/batch_checks.py says how each is counted):

  stories published
  headlines naming a subject their cited records name       target >= 90 %
  duplicate-event pairs                                     target 0
  sentence openings recurring in more than three stories    target <= 15 %
  event recall: of the 20 HN stories with the most points   target >= 15 of 20
    that the analysis scores as about AI (ai_relevance >= 0.5), those a story covers
  stories verifying >= 90 (their stored fidelity score)     target 100 %

then each figure's misses and a sample of headlines with their first sentences for an
editor to read. Subjects are the analysis's entities plus capitalised runs of words.

    .venv/bin/python bench/news.py                  # real data (base: /tmp/newsbench.db)
    .venv/bin/python bench/news.py --rebuild        # the same, analysing the base again
    .venv/bin/python bench/news.py --demo           # the demo's stories instead
    .venv/bin/python bench/news.py --db URL         # this store: replay and analyze if it
                                                    # is empty, then detect, write, judge
    .venv/bin/python bench/news.py --db URL --judge-only   # judge its stories as they are
    .venv/bin/python bench/news.py --base B --snapshots 4  # a try-out on 4 snapshots a feed
Not a test.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from beatwire.analysis.entities import build_entities
from beatwire.config import Settings, load_settings
from beatwire.jobs.demo import run_demo
from beatwire.jobs.stages import stage
from beatwire.newsroom.batch_checks import (
    Batch,
    Figure,
    duplicate_event_pairs,
    event_recall,
    headline_subject_share,
    load_batch,
    recurring_openings,
    sentence_openings,
    subject_finder,
    top_ai_hn_stories,
    verified_share,
)
from beatwire.newsroom.markers import MARKER
from beatwire.sources.backfill import ingest_manifest
from beatwire.store.engine import Store, open_store
from beatwire.store.records import count_records

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import ai_news_payloads  # noqa: E402  (scripts/ is not a package)

BASE = Path("/tmp/newsbench.db")
T = TypeVar("T")


def progress(items: Iterable[T], *, label: str, total: int | None = None) -> Iterator[T]:
    """Yield `items`, printing how far along a long step is about every tenth of the way."""
    step = max(1, (total or 0) // 10)
    for number, item in enumerate(items, start=1):
        if total and (number % step == 0 or number == total):
            print(f"  {label}: {number}/{total}", file=sys.stderr, flush=True)
        yield item


def timed(name: str, settings: Settings, store: Store) -> None:
    """Run one pipeline stage on the store and print what it did and how long it took."""
    print(f"{name}...", file=sys.stderr, flush=True)
    began = time.perf_counter()
    report = stage(name).run(store, settings, progress=progress)
    figures = ", ".join(f"{k}={v}" for k, v in report.figures.items() if not isinstance(v, dict))
    print(f"{name} ({time.perf_counter() - began:.0f} s): {figures}", flush=True)


def replay_and_analyze(settings: Settings, store: Store, snapshots: int | None) -> None:
    """Convert the corpus (the first `snapshots` of each feed), replay it and analyse it."""
    with tempfile.TemporaryDirectory() as scratch:
        print("converting the corpus...", file=sys.stderr, flush=True)
        written = ai_news_payloads.convert(ai_news_payloads.CORPUS, Path(scratch), snapshots)
        print(f"replaying {len(written)} payloads...", file=sys.stderr, flush=True)
        report = ingest_manifest(store, Path(scratch) / "manifest.tsv", progress=progress)
        print(f"replay: {report.figures}", flush=True)
    timed("analyze", settings, store)


def prepared_copy(base: Path, scratch: Path, rebuild: bool, snapshots: int | None) -> str:
    """Return the URL of a copy of the replayed and analysed base, building it if missing."""
    if rebuild or not base.exists():
        building = base.with_suffix(f".building-{os.getpid()}")  # two builds never share it
        url = f"sqlite:///{building}"
        store = open_store(url)
        replay_and_analyze(load_settings(None, db=url), store, snapshots)
        store.close()
        building.replace(base)
        print(f"base kept at {base}: replayed and analysed, no signals or stories", flush=True)
    copy = scratch / "news.db"
    shutil.copyfile(base, copy)
    return f"sqlite:///{copy}"


def detect_and_write(url: str, snapshots: int | None) -> Store:
    """Replay and analyse into an empty store, then detect and write; return the store."""
    settings = load_settings(None, db=url)
    store = open_store(url)
    with store.read() as conn:
        empty = count_records(conn) == 0
    if empty:
        replay_and_analyze(settings, store, snapshots)
    for name in ("detect", "write"):
        timed(name, settings, store)
    return store


def demo_store(scratch: Path) -> Store:
    """Run the demo into a fresh store in `scratch` and return it."""
    print("running the demo...", file=sys.stderr, flush=True)
    settings = load_settings(None, db=f"sqlite:///{scratch / 'demo.db'}")
    store = open_store(settings.db)
    report = run_demo(store, settings, scratch / "site", progress=progress)
    print(f"demo: {report.figures.get('pipeline.seconds')} s", flush=True)
    return store


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def share_line(label: str, figure: Figure, target: float, at_most: bool = False) -> str:
    """Return one figure's line: count of total, share, target and whether it is met."""
    share = figure.share
    if share is None:
        return f"{label}: none to count (target {'<=' if at_most else '>='} {target:.0%})"
    met = share <= target if at_most else share >= target
    sign = "<=" if at_most else ">="
    return (
        f"{label}: {figure.count} of {figure.total} ({share:.0%}; "
        f"target {sign} {target:.0%}: {verdict(met)})"
    )


def examples(title: str, lines: Sequence[str], limit: int) -> None:
    """Print up to `limit` lines under a title."""
    if lines:
        print(f"\n{title}:")
        for line in lines[:limit]:
            print(f"  - {line}")
        if len(lines) > limit:
            print(f"  ... and {len(lines) - limit} more")


def first_sentence(body: str) -> str:
    """Return the body's first prose line, without markers, cut short."""
    for line in body.splitlines():
        if line.strip() and not line.lstrip().startswith("#") and sentence_openings(line):
            text = MARKER.sub("", line).replace(" .", ".").strip()
            return text if len(text) <= 240 else text[:237] + "..."
    return ""


def judge(store: Store, sample: int) -> None:
    """Print the batch's figures against their targets, their misses and a sample to read."""
    subjects = subject_finder(build_entities().extract_one)
    with store.read() as conn:
        batch: Batch = load_batch(conn)
        events = top_ai_hn_stories(conn, limit=20)
    headlines = headline_subject_share(batch, subjects)
    pairs = duplicate_event_pairs(batch)
    openings = recurring_openings(batch)
    recall = event_recall(batch, events, subjects)
    verified = verified_share(batch)
    print(f"\nstories published: {len(batch.stories)}")
    print(share_line("headlines naming a subject of their cited records", headlines, 0.9))
    print(f"duplicate-event pairs: {len(pairs)} (target 0: {verdict(not pairs)})")
    print(share_line("sentence openings recurring in > 3 stories", openings, 0.15, at_most=True))
    print(
        f"event recall: {recall.count} of {recall.total} top AI HN stories covered "
        f"(target >= 15 of 20: {verdict(recall.count >= 15)})"
    )
    print(share_line("stories verifying >= 90", verified, 1.0))
    examples("headlines without a subject of their records", headlines.examples, 10)
    examples(
        "duplicate-event pairs",
        [f"{p.first.headline!r} / {p.second.headline!r}: {p.reason}" for p in pairs],
        10,
    )
    examples("recurring openings", openings.examples, 10)
    examples("top AI HN stories no story covers", recall.examples, 20)
    examples("stories verifying below 90", verified.examples, 10)
    examples(
        "sample",
        [f"{s.headline}\n      {first_sentence(s.body)}" for s in batch.stories],
        sample,
    )


def main() -> None:
    """Build or reuse the store, run the newsroom on it, and judge its stories."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="judge this store (replayed and analysed first if empty)")
    parser.add_argument("--base", type=Path, default=BASE, help="the replayed, analysed base")
    parser.add_argument("--rebuild", action="store_true", help="replay and analyse the base again")
    parser.add_argument("--demo", action="store_true", help="judge the demo's stories")
    parser.add_argument("--judge-only", action="store_true", help="with --db: no detect, write")
    parser.add_argument(
        "--snapshots", type=int, help="replay only the first N snapshots of each feed (a try-out)"
    )
    parser.add_argument("--sample", type=int, default=15, help="headlines to print")
    args = parser.parse_args()
    if args.judge_only and args.db is None:
        parser.error("--judge-only goes with --db")
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as scratch:
        if args.demo:
            store = demo_store(Path(scratch))
        elif args.judge_only:
            store = open_store(args.db)
        else:
            url = args.db or prepared_copy(args.base, Path(scratch), args.rebuild, args.snapshots)
            store = detect_and_write(url, args.snapshots)
        judge(store, args.sample)
        store.close()


if __name__ == "__main__":
    main()
