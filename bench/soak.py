"""Soak: a Jetstream capture replayed at a fixed rate through the bluesky consumer into the store.

A second process serves synthetic Jetstream post events over a loopback
websocket at `--rate` events/s for `--minutes`; this process runs the real
ingest stage (`ingest_live` for bluesky: consumer, keyword filter, pages,
one transaction per page) into a store. Every few seconds it prints its
resident memory; at the end, the peak (target: under 1 GB), events sent,
posts stored, and the machine.

    .venv/bin/python bench/soak.py [--minutes 10] [--rate 2000] [--topical 0.1] [--db URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import multiprocessing
import os
import platform
import random
import resource
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from websockets.asyncio.server import ServerConnection, serve

from beatwire.config import load_settings
from beatwire.sources.ingest import ingest_live
from beatwire.store.engine import open_store
from beatwire.store.records import count_records

BASE_US = 1_790_000_000_000_000
STEP_US = 500
WORDS = ("the", "model", "city", "coffee", "rain", "train", "paper", "build", "ship", "release",
         "music", "game", "court", "school", "vote", "team", "week", "data", "open")  # fmt: skip
TOPICAL = ("LLM", "OpenAI", "machine learning", "AI", "Claude", "artificial intelligence")


def _event(i: int, topical: float) -> str:
    rng = random.Random(i)  # event i is the same whenever it is (re)sent
    words = rng.choices(WORDS, k=rng.randint(8, 40))
    if rng.random() < topical:
        words.insert(rng.randrange(len(words)), rng.choice(TOPICAL))
    record = {"$type": "app.bsky.feed.post", "createdAt": "2026-09-01T00:00:00.000Z",
              "langs": [rng.choice(["en", "en", "de", "ja"])], "text": " ".join(words)}  # fmt: skip
    commit = {"rev": f"s{i:09d}", "operation": "create", "collection": "app.bsky.feed.post",
              "rkey": f"s{i:012d}", "record": record, "cid": f"bafysoak{i:012d}"}  # fmt: skip
    did = f"did:plc:soak{rng.randrange(200_000):08d}"
    return json.dumps({"did": did, "time_us": BASE_US + i * STEP_US, "kind": "commit",
                       "commit": commit})  # fmt: skip


def serve_at_rate(rate: int, seconds: float, topical: float, ports: multiprocessing.Queue) -> None:
    """Serve events at `rate` per second for `seconds` (in its own process).

    Like Jetstream, event i is published at a fixed time and a (re)connection with
    a cursor gets every event from the cursor on, then the live tail.
    """
    started = time.monotonic()
    total = int(rate * seconds)

    async def handler(socket: ServerConnection) -> None:
        query = parse_qs(urlparse(socket.request.path if socket.request else "").query)
        cursor = int(query.get("cursor", [str(BASE_US)])[0])
        sent = max(0, (cursor - BASE_US) // STEP_US)
        while sent < total:
            due = min(total, int((time.monotonic() - started) * rate))
            while sent < due:
                await socket.send(_event(sent, topical))
                sent += 1
            await asyncio.sleep(0.01)
        await socket.wait_closed()

    async def main() -> None:
        async with serve(handler, "127.0.0.1", 0, max_queue=None) as server:
            ports.put(server.sockets[0].getsockname()[1])
            await server.serve_forever()

    asyncio.run(main())


def rss_mb() -> float:
    """Return this process's resident memory now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def soak(db: str, port: int, seconds: float) -> None:
    """Ingest from the loopback stream for `seconds` plus a drain, printing memory."""
    settings = load_settings(None, db=db)
    settings.sources.options["bluesky"] = {"hosts": [f"ws://127.0.0.1:{port}"], "silence_s": 60}
    store = open_store(db)
    task = asyncio.create_task(ingest_live(store, settings, ["bluesky"]))
    started = time.monotonic()
    while time.monotonic() - started < seconds + 5:
        await asyncio.sleep(10)
        with store.read() as conn:
            stored = count_records(conn)
        elapsed = time.monotonic() - started
        print(f"{elapsed:6.0f} s  rss {rss_mb():6.0f} MB  stored {stored:,}", flush=True)
        if task.done():
            print(f"the ingest stopped: {task.result().as_dict()}", flush=True)
            return
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


def main() -> None:
    """Parse the arguments, start the stream, soak, print the figures."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=int, default=2000)
    parser.add_argument("--topical", type=float, default=0.1, help="share of posts about AI")
    parser.add_argument("--db", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()
    seconds = args.minutes * 60
    db = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'soak.db'}"
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = context.Queue()
    server = context.Process(
        target=serve_at_rate, args=(args.rate, seconds, args.topical, queue), daemon=True
    )
    server.start()
    try:
        asyncio.run(soak(db, queue.get(timeout=120), seconds))
    finally:
        server.terminate()
    sent = int(args.rate * seconds)
    store = open_store(db)
    with store.read() as conn:
        stored = count_records(conn)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"sent {sent:,} events in {seconds:.0f} s ({sent / seconds:,.0f}/s), "
          f"{args.topical:.0%} about AI; stored {stored:,} posts")  # fmt: skip
    print(f"peak RSS: {peak:,.0f} MB (target < 1024 MB)")


if __name__ == "__main__":
    main()
