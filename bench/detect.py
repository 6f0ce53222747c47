"""Speed of the detect stage on a large synthetic store (SQLite), full and incremental.

Rows are generated straight into the tables (records, analyses, record_entities,
embeddings): N records over D days, 12 beats, 5 platforms, 20,000 authors, one or
two entity mentions each, and unit vectors around a few topics per beat, with a
volume spike, a sentiment swing and an entity surge planted. Then it times

  1. a full pass (every window is new),
  2. an incremental pass after one more day of records arrives,
  3. a pass with nothing new.

    .venv/bin/python bench/detect.py [--records 1000000] [--days 120] [--dim 384] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from beatwire.config import load_settings
from beatwire.signals import stage
from beatwire.store.engine import open_store

BEATS = [f"beat-{i:02d}" for i in range(12)]
PLATFORMS = ["bluesky", "reddit", "hackernews", "news", "mastodon"]
START = datetime(2026, 1, 1, tzinfo=UTC)


def stamp(seconds: np.ndarray) -> list[str]:
    """Return SQLite timestamps (naive UTC text, the store's format) of epoch seconds."""
    base = np.datetime64("1970-01-01T00:00:00")
    values = base + seconds.astype("timedelta64[s]")
    return [str(v).replace("T", " ") + ".000000" for v in values]


def generate(rng: np.random.Generator, first_id: int, count: int, day0: int, days: int,
             dim: int, analysed: str) -> dict[str, list[tuple]]:  # fmt: skip
    """Return the rows of `count` records spread over `days` days from day `day0`."""
    ids = np.arange(first_id, first_id + count)
    day = rng.integers(day0, day0 + days, count)
    beat = rng.integers(0, len(BEATS), count)
    spike = rng.random(count) < 0.02  # planted: beat 3 on the last day of the range
    day[spike], beat[spike] = day0 + days - 1, 3
    seconds = START.timestamp() + day * 86400 + rng.integers(0, 86400, count)
    plat = rng.integers(0, len(PLATFORMS), count)
    author = rng.integers(0, 20000, count)
    sentiment = np.clip(rng.normal(0.05, 0.4, count), -1, 1)
    swing = (beat == 5) & (day == day0 + days - 1)
    sentiment[swing] = np.clip(sentiment[swing] - 0.5, -1, 1)
    published = stamp(seconds)
    records = [
        (int(i), PLATFORMS[p], f"n{i}", "post", f"post {i}", t, t, "{}", "[]", "{}", f"h{i}",
         f"user{a}")
        for i, p, t, a in zip(ids, plat, published, author, strict=True)
    ]  # fmt: skip
    analyses = [
        (int(i), float(s), "{}", "[]", "[]", "[]", BEATS[b], 0.9, "{}", analysed)
        for i, s, b in zip(ids, sentiment, beat, strict=True)
    ]
    entity = rng.integers(0, 5000, count)
    surge = (day == day0 + days - 1) & (rng.random(count) < 0.01)
    entity[surge] = 4999
    entities = [
        (int(i), f"ent-{e}", f"Entity {e}", "organization", 1)
        for i, e in zip(ids, entity, strict=True)
    ]
    # the same topics in every batch: a seed of their own
    topics = np.random.default_rng(99).standard_normal((len(BEATS) * 8, max(dim, 1)))
    topics = topics.astype(np.float32)
    topic = beat * 8 + rng.integers(0, 8, count)
    vectors = topics[topic] + 0.9 * rng.standard_normal((count, max(dim, 1))).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    embeddings = [(int(i), "bench", dim, v.tobytes()) for i, v in zip(ids, vectors, strict=True)]
    if dim == 0:
        embeddings = []
    return {
        "records": records,
        "analyses": analyses,
        "entities": entities,
        "embeddings": embeddings,
    }


def insert(path: Path, rows: dict[str, list[tuple]]) -> None:
    """Insert generated rows with plain sqlite3 (the fastest way in)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    conn.executemany(
        "INSERT INTO records (id, provider, native_id, kind, text, published_at, collected_at,"
        " engagement, sources, extra, content_hash, author) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows["records"],
    )
    conn.executemany(
        "INSERT INTO analyses (record_id, sentiment_score, emotion_scores, entities, key_phrases,"
        " beats, primary_beat, ai_relevance, versions, analyzed_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        rows["analyses"],
    )
    conn.executemany(
        "INSERT INTO record_entities (record_id, slug, name, type, count) VALUES (?,?,?,?,?)",
        rows["entities"],
    )
    if rows["embeddings"]:
        conn.executemany(
            "INSERT INTO embeddings (record_id, model, dim, vector) VALUES (?,?,?,?)",
            rows["embeddings"],
        )
    conn.commit()
    conn.close()


def timed(label: str, url: str, settings: object) -> dict:
    """Run one detect pass, print its time and figures, and return the figures."""
    store = open_store(url)
    began, cpu = time.perf_counter(), time.process_time()
    report = stage.run(store, settings)  # type: ignore[arg-type]
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    store.close()
    keys = ("records", "windows", "narratives", "signals", "promoted", "outside_share")
    figures = json.dumps({k: report.figures.get(k) for k in keys})
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"{label}: {seconds:.1f} s wall, {cpu:.1f} s cpu, peak memory so far {peak:,.0f} MB, "
        f"load {os.getloadavg()[0]:.1f}  {figures}"
    )
    return report.figures


def main() -> None:
    """Generate the store, then time the three passes."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--no-vectors", action="store_true", help="no embeddings: no narratives")
    args = parser.parse_args()
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}, python {platform.python_version()}"
    )
    folder = Path(tempfile.mkdtemp(prefix="bw-detect-"))
    path = args.db or folder / "bench.db"
    url = f"sqlite:///{path}"
    open_store(url).close()
    rng = np.random.default_rng(1)
    dim = 0 if args.no_vectors else args.dim
    began = time.perf_counter()
    chunk = 100_000
    for start in range(0, args.records, chunk):
        count = min(chunk, args.records - start)
        insert(
            path,
            generate(rng, start + 1, count, 0, args.days, dim, "2026-06-01 00:00:00.000000"),
        )
    print(
        f"generated {args.records:,} records over {args.days} days "
        f"in {time.perf_counter() - began:.0f} s"
    )
    settings = load_settings(None, db=url)
    timed("full pass", url, settings)
    per_day = args.records // args.days
    insert(path, generate(rng, args.records + 1, per_day, args.days, 1, dim,
                          "2026-06-02 00:00:00.000000"))  # fmt: skip
    timed(f"incremental pass (+{per_day:,} records, 1 new day)", url, settings)
    timed("pass with nothing new", url, settings)


if __name__ == "__main__":
    main()
