"""Load on loopback: requests/s and p99 of `GET /v1/stories?limit=20`.

    .venv/bin/python bench/api.py [--stories 200] [--seconds 10] [--connections 32]

Seeds a SQLite store with stories (through the store functions), makes a key
with a very high rpm, serves the whole app with uvicorn in a subprocess on
127.0.0.1, and loads it with `wrk` when installed (apt-get install wrk), or
else with an async httpx2 client in another process. Target on 2 cores:
>= 1,000 requests/s at p99 <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import Figures, cpu_seconds, have_wrk, load_average, run_wrk

PATH = "/v1/stories?limit=20"


def seed(url: str, stories: int) -> str:
    """Store `stories` published stories citing a few records; return a key's token."""
    from beatwire.model import Citation, Draft, Record
    from beatwire.store.engine import open_store
    from beatwire.store.keys import create_key
    from beatwire.store.records import upsert_records
    from beatwire.store.stories import save_story_version

    store = open_store(url)
    now = datetime.now(UTC)
    with store.begin() as conn:
        batch = [
            Record("bench", f"r{n}", "post", f"bench record {n}", now - timedelta(minutes=n), now)
            for n in range(50)
        ]
        upsert_records(conn, batch)
        for n in range(stories):
            draft = Draft(
                headline=f"Bench story number {n} about model releases",
                dek="A dek of ordinary length that says what the story is about, in one line.",
                body="Body with a citation [1].",
                takeaways=["one", "two"],
                seo_description="bench",
                story_type="story",
                beats=["models-releases"],
                citations=[Citation(1, 1, None)],
                signal_ids=[],
                writer="offline",
            )
            save_story_version(
                conn,
                status="developing",
                story_id=f"b{n}",
                slug=f"bench-{n}",
                topic_key=f"t{n}",
                draft=draft,
                fidelity={"score": 90.0},
                published=True,
            )
        token = create_key(conn, name="bench", scopes=("stories",), rpm=10**9).token
    store.close()
    return token


def serve(url: str, port: int) -> None:
    """Serve the app on 127.0.0.1:`port` until killed (the server process)."""
    import uvicorn

    from beatwire.config import load_settings
    from beatwire.store.engine import open_store
    from beatwire.web.app import create_app

    settings = load_settings(None, db=url)
    app = create_app(settings, open_store(url))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit("the server did not start")


async def _client(url: str, token: str, seconds: int, connections: int, pid: int) -> Figures:
    import httpx2

    latencies: list[float] = []
    bad = 0
    deadline = time.monotonic() + seconds
    limits = httpx2.Limits(max_connections=connections)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx2.AsyncClient(limits=limits, headers=headers) as http:

        async def worker() -> None:
            nonlocal bad
            while time.monotonic() < deadline:
                began = time.perf_counter()
                response = await http.get(url)
                latencies.append((time.perf_counter() - began) * 1000)
                bad += response.status_code != 200

        started, cpu = time.monotonic(), cpu_seconds(pid)
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed, cpu = time.monotonic() - started, cpu_seconds(pid) - cpu
    cuts = statistics.quantiles(latencies, n=100)
    return Figures(len(latencies), elapsed, cuts[49], cuts[98], bad, cpu)


def main() -> None:
    """Seed, serve, load, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--client", choices=["auto", "wrk", "httpx2"], default="auto")
    parser.add_argument("--serve", nargs=2, metavar=("DB_URL", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cpus, Python {platform.python_version()}"
    )
    print(f"load average at start: {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        token = seed(url, args.stories)
        port = free_port()
        server = subprocess.Popen([sys.executable, __file__, "--serve", url, str(port)])
        try:
            wait_for(port)
            base = f"http://127.0.0.1:{port}"
            client = args.client
            if client == "auto":
                client = "wrk" if have_wrk() else "httpx2"
            if client == "wrk":
                auth = {"Authorization": f"Bearer {token}"}
                load = dict(connections=args.connections, server_pid=server.pid, headers=auth)
                run_wrk(base, [PATH], seconds=2, **load)  # type: ignore[arg-type]  # warm-up
                figures = run_wrk(base, [PATH], seconds=args.seconds, **load)  # type: ignore[arg-type]
            else:
                run = _client(base + PATH, token, args.seconds, args.connections, server.pid)
                figures = asyncio.run(run)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"GET {PATH}: {args.stories} stories in SQLite, {args.connections} connections, "
          f"{args.seconds} s, client {client}")  # fmt: skip
    print(figures.line())
    print(f"load average at end: {load_average()}")


if __name__ == "__main__":
    main()
