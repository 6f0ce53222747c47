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
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PATH = "/v1/stories?limit=20"


def seed(url: str, stories: int) -> str:
    """Store `stories` published stories citing a few records; return a key's token."""
    from beatwire.model import Citation, Draft, Record
    from beatwire.store.engine import open_store
    from beatwire.store.keys import create_key
    from beatwire.store.records import upsert_records
    from beatwire.store.story_writes import save_story_version

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


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def load_with_wrk(url: str, token: str, seconds: int, connections: int) -> dict[str, float]:
    """Run wrk and return its requests/s, p50 and p99 in ms."""
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
        "-H", f"Authorization: Bearer {token}", url,
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50_ms": _ms(re.search(r"50%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
        "p99_ms": _ms(re.search(r"99%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
        "non_2xx": float(errors.group(1)) if errors else 0.0,
    }


async def _client(url: str, token: str, seconds: int, connections: int) -> dict[str, float]:
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

        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests_per_s": len(latencies) / elapsed,
        "p50_ms": cuts[49],
        "p99_ms": cuts[98],
        "non_2xx": float(bad),
    }


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
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        token = seed(url, args.stories)
        port = free_port()
        server = subprocess.Popen([sys.executable, __file__, "--serve", url, str(port)])
        try:
            wait_for(port)
            target = f"http://127.0.0.1:{port}{PATH}"
            client = args.client
            if client == "auto":
                client = "wrk" if shutil.which("wrk") else "httpx2"
            if client == "wrk":
                load_with_wrk(target, token, 2, args.connections)  # warm-up
                figures = load_with_wrk(target, token, args.seconds, args.connections)
            else:
                figures = asyncio.run(_client(target, token, args.seconds, args.connections))
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cpus, Python {platform.python_version()}"
    )
    print(f"GET {PATH}: {args.stories} stories in SQLite, {args.connections} connections, "
          f"{args.seconds} s, client {client}")  # fmt: skip
    print(
        f"requests/s {figures['requests_per_s']:.0f}  p50 {figures['p50_ms']:.1f} ms  "
        f"p99 {figures['p99_ms']:.1f} ms  non-2xx {figures['non_2xx']:.0f}"
    )


if __name__ == "__main__":
    main()
