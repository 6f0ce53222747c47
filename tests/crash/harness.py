"""The SIGKILL harness: fork a child that runs a stage, kill it at a random moment, repeat.

Forking after the imports makes each child start in a millisecond, so a test
can afford dozens of kills. The parent holds no open database connection
across a fork (the engine is disposed first); each child opens its own store.
"""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import os
import random
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

from websockets.asyncio.server import ServerConnection, serve

BASE_US = 1_780_000_000_000_000
STEP_US = 1000
TOPICS = ("AI", "LLM", "machine learning", "OpenAI", "Claude")
WORDS = ("river", "ledger", "quiet", "signal", "morning", "copper", "harbour", "paper", "lamp")


@dataclass(slots=True)
class Tally:
    """How many children were killed and how many ran to the end."""

    kills: int = 0
    finished: int = 0
    delays: list[float] = field(default_factory=list)


def _child(work: Callable[[], None]) -> None:
    try:
        work()
        code = 0
    except BaseException:
        traceback.print_exc()
        code = 1
    os._exit(code)


def fork_and_kill(work: Callable[[], None], delay_s: float, tally: Tally) -> int | None:
    """Run `work` in a forked child, SIGKILL it after `delay_s`; return its exit code or None."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        _child(work)
    deadline = time.monotonic() + delay_s
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            tally.finished += 1
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.002)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    tally.kills += 1
    tally.delays.append(delay_s)
    return None


def run_to_end(work: Callable[[], None], limit_s: float = 120.0) -> int:
    """Run `work` in a forked child until it ends; return its exit code."""
    tally = Tally()
    code = fork_and_kill(work, limit_s, tally)
    assert code is not None, f"the child did not finish within {limit_s} s"
    return code


def run_until(work: Callable[[], None], done: Callable[[], bool], limit_s: float = 120.0) -> None:
    """Run a never-ending `work` (a stream) in a child until `done()`, then kill it."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover
        _child(work)
    deadline = time.monotonic() + limit_s
    try:
        while not done():
            ended, _ = os.waitpid(pid, os.WNOHANG)
            assert not ended, "the stream stopped before it caught up"
            assert time.monotonic() < deadline, f"the stream did not catch up in {limit_s} s"
            time.sleep(0.02)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def random_delays(seed: int, count: int, low: float, high: float) -> list[float]:
    """Return `count` kill delays drawn uniformly from [low, high] (seeded: failures replay)."""
    rng = random.Random(seed)
    return [rng.uniform(low, high) for _ in range(count)]


def jetstream_events(count: int) -> list[str]:
    """Return `count` Jetstream post-create messages, each mentioning an AI keyword."""
    rng = random.Random(11)
    events = []
    for i in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
        words.insert(rng.randrange(len(words)), rng.choice(TOPICS))
        record = {
            "$type": "app.bsky.feed.post",
            "createdAt": "2026-06-01T12:00:00.000Z",
            "langs": ["en"],
            "text": " ".join(words),
        }
        commit = {"rev": f"r{i:08d}", "operation": "create", "collection": "app.bsky.feed.post",
                  "rkey": f"k{i:010d}", "record": record, "cid": f"bafycrash{i:012d}"}  # fmt: skip
        did = f"did:plc:crash{i % 97:06d}"
        events.append(json.dumps({"did": did, "time_us": BASE_US + i * STEP_US, "kind": "commit",
                                  "commit": commit}))  # fmt: skip
    return events


def _serve(count: int, ports: multiprocessing.Queue[int]) -> None:
    # A client killed mid-send is the point of the test, not news.
    logging.getLogger("websockets").setLevel(logging.CRITICAL)
    events = jetstream_events(count)

    async def handler(socket: ServerConnection) -> None:
        query = parse_qs(urlparse(socket.request.path if socket.request else "").query)
        cursor = int(query.get("cursor", ["0"])[0])
        # Like Jetstream: replay from the cursor on, then stay open for live events.
        for event in events[max(0, (cursor - BASE_US) // STEP_US) :]:
            await socket.send(event)
        await socket.wait_closed()

    async def main() -> None:
        async with serve(handler, "127.0.0.1", 0) as server:
            ports.put(server.sockets[0].getsockname()[1])
            await server.serve_forever()

    asyncio.run(main())


def start_jetstream(count: int) -> tuple[multiprocessing.Process, int]:
    """Start a loopback Jetstream serving `count` events; return the process and its port."""
    context = multiprocessing.get_context("spawn")
    ports: multiprocessing.Queue[int] = context.Queue()
    process = context.Process(target=_serve, args=(count, ports), daemon=True)
    process.start()
    return process, ports.get(timeout=120)


def last_cursor(count: int) -> str:
    """Return the cursor after the last of `count` events."""
    return str(BASE_US + (count - 1) * STEP_US)
