"""Site benchmark: story pages under load on loopback, and the static export of 1,000 stories.

    .venv/bin/python bench/site.py [--seconds 10] [--concurrency 16] [--stories 1000]

Builds its stores from the bundled synthetic corpus (tests/web/site_builders.py), serves the
site with uvicorn in a child process (so the load generator does not share its interpreter),
and prints requests/s and latency percentiles, with the page cache on (the default setting,
warmed by one request per page) and off, then the time `build_site` takes to export a store of
`--stories` stories.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "web"))  # the store builder the site's tests use

sys.path.insert(0, str(REPO / "bench"))
from loadgen import Figures, cpu_seconds, have_wrk, load_average, run_wrk  # noqa: E402
from site_builders import seed_site  # noqa: E402

from beatwire.config import load_settings  # noqa: E402
from beatwire.store.engine import open_store  # noqa: E402
from beatwire.web.export import build_site  # noqa: E402

SERVER = """
import sys, uvicorn
from beatwire.config import load_settings
from beatwire.store.engine import open_store
from beatwire.web.app import create_app
url, port, cache = sys.argv[1], int(sys.argv[2]), sys.argv[3]
settings = load_settings(None, db=url)
if cache != "default":
    settings.web.page_cache_s = float(cache)
uvicorn.run(create_app(settings, open_store(url)), host="127.0.0.1", port=port,
            log_level="warning", access_log=False)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _ready(base: str) -> None:
    async with httpx2.AsyncClient() as client:
        for _ in range(300):
            try:
                if (await client.get(f"{base}/about/")).status_code == 200:
                    return
            except httpx2.TransportError:
                await asyncio.sleep(0.1)
    raise RuntimeError("the server did not start")


async def _load(base: str, paths: list[str], seconds: float, concurrency: int) -> list[float]:
    """Load with an async httpx2 client in this process (when wrk is not installed)."""
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx2.AsyncClient(base_url=base, limits=limits) as client:

        async def worker(offset: int) -> None:
            n = offset
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                response = await client.get(paths[n % len(paths)])
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise RuntimeError(f"{response.status_code} for {paths[n % len(paths)]}")
                n += 1

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return latencies


async def _each_once(base: str, paths: list[str]) -> None:
    async with httpx2.AsyncClient(base_url=base) as client:
        for path in paths:
            (await client.get(path)).raise_for_status()


def serve_and_load(url: str, paths: list[str], cache: str, args: argparse.Namespace) -> None:
    """Serve the store in a child process, load it, print the figures."""
    port = _free_port()
    child = subprocess.Popen([sys.executable, "-c", SERVER, url, str(port), str(cache)])
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(_ready(base))
        asyncio.run(_each_once(base, paths))  # warm-up: every page rendered once
        if have_wrk():
            load = dict(connections=args.concurrency, server_pid=child.pid)
            run_wrk(base, paths, seconds=2, **load)  # type: ignore[arg-type]  # warm-up
            figures = run_wrk(base, paths, seconds=args.seconds, **load)  # type: ignore[arg-type]
        else:
            asyncio.run(_load(base, paths, 2.0, args.concurrency))  # warm-up
            cpu = cpu_seconds(child.pid)
            latencies = sorted(asyncio.run(_load(base, paths, args.seconds, args.concurrency)))
            cpu = cpu_seconds(child.pid) - cpu
            p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
            figures = Figures(len(latencies), args.seconds, p(0.5), p(0.99), 0, cpu)
    finally:
        child.terminate()
        child.wait()
    client = "wrk" if have_wrk() else "httpx2"
    print(
        f"story pages, page cache {cache} s ({args.concurrency} concurrent, {len(paths)} "
        f"stories, client {client}): {figures.line()}"
    )


def main() -> None:
    """Run both benchmarks and print their figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--stories", type=int, default=1000)
    args = parser.parse_args()
    machine = f"{platform.platform()}, {os.cpu_count()} cores"
    print(f"machine: {machine}, Python {platform.python_version()}")
    print(f"load average at start: {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        store = open_store(url)
        seeded = seed_site(store, stories=args.stories, hostile=False)
        paths = [f"/stories/{slug}/" for slug in seeded["slugs"][:200]]
        for cache in ("default", "0"):
            serve_and_load(url, paths, cache, args)
        started, cpu = time.perf_counter(), time.process_time()
        report = build_site(store, load_settings(None, db=url), Path(tmp) / "site")
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"static export: {report.figures['pages']} files ({len(seeded['slugs'])} stories) "
            f"in {took:.1f} s wall, {cpu:.1f} s CPU"
        )
        store.close()
    print(f"load average at end: {load_average()}")


if __name__ == "__main__":
    main()
