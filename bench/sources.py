"""Parse throughput of every registered source adapter on its real fixture payloads.

Run: .venv/bin/python bench/sources.py [--seconds 1.0]
Prints records/s and MB/s per adapter, and the machine. Not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from beatwire.errors import ParseError
from beatwire.model import now_utc
from beatwire.sources.base import SourceModule
from beatwire.sources.registry import SOURCES

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared/corpora/api-fixtures"
FOLDERS = {"news": "rss"}  # adapters whose fixture folder has another name


def payloads(name: str, module: SourceModule) -> list[bytes]:
    """Return the fixture payloads of an adapter that parse (malformed ones are left out)."""
    folder = FIXTURES / FOLDERS.get(name, name)
    found = []
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if path.name == "SOURCE.md" or not path.is_file():
            continue
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
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, {os.cpu_count()} cpus"
    )
    print(f"{'adapter':<12} {'files':>5} {'records/pass':>12} {'records/s':>11} {'MB/s':>7}")
    for name, module in SOURCES.items():
        bodies = payloads(name, module)
        if not bodies:
            print(f"{name:<12} {0:>5} {'-':>12} {'no fixtures':>11}")
            continue
        per_pass = sum(len(module.parse(b, collected_at=now_utc())) for b in bodies)
        rate, mbps, _ = measure(module, bodies, args.seconds)
        print(f"{name:<12} {len(bodies):>5} {per_pass:>12} {rate:>11,.0f} {mbps:>7.2f}")


if __name__ == "__main__":
    main()
