"""Replay speed: the whole ai-news-2025 corpus, converted and backfilled into a fresh store.

Converts ../shared/corpora/ai-news-2025 with scripts/ai_news_payloads.py into a
temporary folder, then runs `beatwire ingest --replay` of its manifest in this
process into a fresh SQLite store (or --db URL), and prints payloads/s, records/s
and the times of each step, with the machine. Target: the four months in under
two minutes. Not a test.

Run: .venv/bin/python bench/replay.py [--db URL] [--keep DIR]
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from beatwire.model import StageReport
from beatwire.sources.backfill import ingest_manifest
from beatwire.store.engine import open_store
from beatwire.store.schema import engagement_snapshots, records

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import ai_news_payloads  # noqa: E402  (scripts/ is not a package)


def stored(url: str) -> tuple[int, dict[str, tuple[int, int, int]]]:
    """Return the records in the store and, per provider, (snapshots, items, fetch times)."""
    store = open_store(url)
    table = engagement_snapshots.c
    query = select(
        table.provider,
        func.count(),
        func.count(table.native_id.distinct()),
        func.count(table.snapshot_at.distinct()),
    ).group_by(table.provider)
    with store.read() as conn:
        snapshots = {row[0]: (row[1], row[2], row[3]) for row in conn.execute(query)}
        count = int(conn.execute(select(func.count()).select_from(records)).scalar_one())
    store.close()
    return count, snapshots


@dataclass(frozen=True, slots=True)
class Replayed:
    """What a replay of the corpus did, and how long each step took."""

    payloads: list[ai_news_payloads.Payload]
    report: StageReport
    converted_s: float
    replayed_s: float


def replay_corpus(url: str, out: Path) -> Replayed:
    """Convert the corpus into `out` and replay its manifest into the store at `url`."""
    start = time.perf_counter()
    written = ai_news_payloads.convert(ai_news_payloads.CORPUS, out)
    converted = time.perf_counter() - start
    store = open_store(url)
    start = time.perf_counter()
    report = ingest_manifest(store, out / "manifest.tsv")
    replayed = time.perf_counter() - start
    store.close()
    return Replayed(written, report, converted, replayed)


def main() -> None:
    """Convert, replay and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store URL (default: a fresh SQLite file)")
    parser.add_argument("--keep", type=Path, help="write the payloads here and keep them")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, {os.cpu_count()} cpus"
    )
    with tempfile.TemporaryDirectory() as scratch:
        out = args.keep or Path(scratch) / "payloads"
        url = args.db or f"sqlite:///{Path(scratch) / 'replay.db'}"
        done = replay_corpus(url, out)
        written, converted, replayed = done.payloads, done.converted_s, done.replayed_s
        figures = done.report.figures
        rows = figures["inserted"] + figures["updated"]
        size = sum(len(payload.body) for payload in written) / 1e6
        print(f"convert: {len(written)} payloads, {size:.1f} MB in {converted:.1f} s")
        print(
            f"replay: {figures['ingested']} payloads ingested, {figures['skipped']} skipped, "
            f"{figures['failed']} failed; {figures['records']} records parsed, "
            f"{rows} rows written (deltas included) in {replayed:.1f} s"
        )
        payload_rate, record_rate = figures["ingested"] / replayed, figures["records"] / replayed
        print(f"replay: {payload_rate:.1f} payloads/s, {record_rate:,.0f} records/s")
        print(f"total: {converted + replayed:.1f} s (target: under 120 s)")
        count, snapshots = stored(url)
        print(f"store: {count} records")
        for provider, (snaps, items, times) in sorted(snapshots.items()):
            print(f"snapshots {provider}: {snaps} of {items} items at {times} fetch times")


if __name__ == "__main__":
    main()
