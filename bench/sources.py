"""Parse throughput of every registered source adapter on real and test payloads.

Each adapter reads its real captures in ../shared/corpora/api-fixtures and the
payloads the tests wrote for it (tests/sources/payloads: the only ones for
YouTube, Mastodon and X, and the Jetstream capture for Bluesky); `replay`
reads the bundled demo corpus. Malformed payloads are left out.

Run: .venv/bin/python bench/sources.py [--seconds 1.0]
Prints records/s and MB/s per adapter, and the machine. Not a test.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import time
from pathlib import Path

from beatwire.errors import ParseError
from beatwire.jobs.demo import demo_corpus
from beatwire.model import now_utc
from beatwire.sources.base import SourceModule
from beatwire.sources.registry import SOURCES

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO.parent / "shared/corpora/api-fixtures"
TEST_PAYLOADS = REPO / "tests/sources/payloads"
FOLDERS = {"news": ("rss",), "bluesky": ("bluesky", "jetstream")}  # folders with other names


def payload_files(name: str) -> list[Path]:
    """Return the payload files of an adapter: real captures first, then the tests' own."""
    if name == "replay":
        return [demo_corpus()]
    found: list[Path] = []
    for folder in FOLDERS.get(name, (name,)):
        for root in (FIXTURES, TEST_PAYLOADS):
            if (root / folder).is_dir():
                found += sorted(p for p in (root / folder).iterdir() if p.is_file())
    return [path for path in found if path.name != "SOURCE.md"]


def payloads(name: str, module: SourceModule) -> list[bytes]:
    """Return the payloads of an adapter that parse (malformed ones are left out)."""
    found = []
    for path in payload_files(name):
        body = path.read_bytes()
        try:
            module.parse(body, collected_at=now_utc())
        except ParseError:
            continue
        found.append(body)
    return found


def measure(module: SourceModule, bodies: list[bytes], seconds: float) -> tuple[float, float, int]:
    """Return (records/s, MB/s, rounds) over repeated passes on `bodies`."""
    collected = now_utc()
    records = size = rounds = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds or rounds == 0:
        for body in bodies:
            records += len(module.parse(body, collected_at=collected))
            size += len(body)
        rounds += 1
    elapsed = time.perf_counter() - start
    return records / elapsed, size / elapsed / 1e6, rounds


def main() -> None:
    """Print the parse throughput of each adapter."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=1.0, help="time per adapter")
    args = parser.parse_args()
    # Test payloads hold deliberately malformed items: their skip warnings would flood the output.
    logging.disable(logging.WARNING)
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, {os.cpu_count()} cpus"
    )
    print(f"{'adapter':<12} {'files':>5} {'records/pass':>12} {'records/s':>11} {'MB/s':>7}")
    for name, module in SOURCES.items():
        bodies = payloads(name, module)
        if not bodies:
            print(f"{name:<12} {0:>5} {'-':>12} {'no payloads':>11}")
            continue
        per_pass = sum(len(module.parse(b, collected_at=now_utc())) for b in bodies)
        rate, mbps, _ = measure(module, bodies, args.seconds)
        print(f"{name:<12} {len(bodies):>5} {per_pass:>12} {rate:>11,.0f} {mbps:>7.2f}")


if __name__ == "__main__":
    main()
