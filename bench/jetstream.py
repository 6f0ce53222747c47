"""Jetstream consumer throughput: a synthetic capture replayed over a loopback websocket.

Generates N events in Jetstream's message format (post creates, post deletes
and identity messages, as `wantedCollections=app.bsky.feed.post` returns),
serves them with `websockets` on 127.0.0.1 from a second process, and runs the
real consumer (websocket client, JSON decoding, keyword filter, de-duplication,
batching into pages) until every event is read. Prints events/s (wall clock and
per CPU-second, since the machine may be shared) and the consumer's peak RSS.

    .venv/bin/python bench/jetstream.py [--events 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import random
import resource
import time

from websockets.asyncio.server import ServerConnection, serve

from beatwire.config import Settings
from beatwire.sources import bluesky
from beatwire.sources.bluesky.jetstream import (
    JetstreamConsumer,
    JetstreamOptions,
    websocket_connect,
)

WORDS = [
    *("the", "a", "model", "team", "launch", "today", "data", "open", "week", "paper"),
    *("city", "music", "game", "coffee", "rain", "train", "vote", "court", "school"),
    *("build", "ship", "learn", "read", "write", "code", "test", "bug", "fix", "release"),
]
TOPICAL = ["LLM", "OpenAI", "machine learning", "AI", "Claude", "artificial intelligence"]
BASE_US = 1_767_225_600_000_000


def synthetic_events(count: int, seed: int = 7) -> list[str]:
    """Return `count` Jetstream messages: ~90% post creates, ~10% of which mention AI."""
    rng = random.Random(seed)
    events: list[str] = []
    for i in range(count):
        did = f"did:plc:bench{rng.randrange(50_000):019d}"
        time_us = BASE_US + i * 200
        roll = rng.random()
        if roll < 0.90:
            words = rng.choices(WORDS, k=rng.randint(8, 40))
            if rng.random() < 0.10:
                words.insert(rng.randrange(len(words)), rng.choice(TOPICAL))
            record = {
                "$type": "app.bsky.feed.post",
                "createdAt": "2026-01-01T00:00:00.000Z",
                "langs": [rng.choice(["en", "en", "en", "de", "ja", "pt"])],
                "text": " ".join(words),
            }
            commit = {
                "rev": f"3lbench{i:08d}",
                "operation": "create",
                "collection": "app.bsky.feed.post",
                "rkey": f"3lb{i:010d}",
                "record": record,
                "cid": f"bafyreibench{i:012d}",
            }
            event = {"did": did, "time_us": time_us, "kind": "commit", "commit": commit}
        elif roll < 0.97:
            commit = {
                "rev": f"3lbench{i:08d}",
                "operation": "delete",
                "collection": "app.bsky.feed.post",
                "rkey": f"3lb{i - 1:010d}",
            }
            event = {"did": did, "time_us": time_us, "kind": "commit", "commit": commit}
        else:
            identity = {"did": did, "handle": f"user{i}.example.com", "seq": i, "time": "x"}
            event = {"did": did, "time_us": time_us, "kind": "identity", "identity": identity}
        events.append(json.dumps(event, separators=(",", ":")))
    return events


def serve_forever(count: int, ports: multiprocessing.Queue[int]) -> None:
    """Serve the synthetic capture on loopback (in its own process, so it has its own CPU)."""
    events = synthetic_events(count)

    async def handler(socket: ServerConnection) -> None:
        for event in events:
            await socket.send(event)
        await socket.wait_closed()

    async def main() -> None:
        async with serve(handler, "127.0.0.1", 0) as server:
            ports.put(server.sockets[0].getsockname()[1])
            await server.serve_forever()

    asyncio.run(main())


async def consume(port: int, count: int) -> None:
    consumer = JetstreamConsumer(
        JetstreamOptions(hosts=(f"ws://127.0.0.1:{port}",), batch_events=500, batch_s=2.0),
        keep=bluesky.post_filter(Settings()),
        connect=websocket_connect(user_agent="beatwire-bench"),
    )
    last_cursor = str(BASE_US + (count - 1) * 200)
    pages = kept = 0
    wall, cpu = time.perf_counter(), time.process_time()
    stream = consumer.pages(None)
    async for page in stream:
        pages += 1
        kept += page.payload.count(b"\n") + 1
        if page.cursor == last_cursor:
            break
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    await stream.aclose()  # type: ignore[attr-defined]
    stats = consumer.stats
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[0]
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, load average {load:.1f}")
    print(f"events: {stats.frames:,}, kept by the keyword filter: {kept:,} in {pages} pages")
    print(f"duplicates: {stats.duplicates}, bad frames: {stats.bad_frames}")
    print(f"consumer: {count / wall:,.0f} events/s wall clock ({wall:.2f} s)")
    print(f"consumer: {count / cpu:,.0f} events per CPU-second ({cpu:.2f} s of CPU)")
    print(f"consumer peak RSS: {peak_mb:.0f} MB")


def main() -> None:
    """Parse the arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    count = parser.parse_args().events
    ports: multiprocessing.Queue[int] = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve_forever, args=(count, ports), daemon=True)
    server.start()
    try:
        asyncio.run(consume(ports.get(timeout=120), count))
    finally:
        server.terminate()
        server.join()


if __name__ == "__main__":
    main()
