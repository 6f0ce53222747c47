"""What the HTTP benches share: wrk as the load generator, and the server's CPU and the load.

The machine is shared, so wall-clock requests/s alone says little: each bench also
reads the server process's CPU time over the measured window (from /proc) and prints
requests per CPU-second, with the load average before and after.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True, slots=True)
class Figures:
    """One load run: throughput and latency seen by the client, CPU spent by the server."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    server_cpu_s: float

    @property
    def per_second(self) -> float:
        """Requests per wall-clock second."""
        return self.requests / self.seconds

    @property
    def per_cpu_second(self) -> float:
        """Requests per CPU-second of the server process."""
        return self.requests / self.server_cpu_s if self.server_cpu_s else float("nan")

    def line(self) -> str:
        """The figures on one line."""
        return (
            f"{self.per_second:.0f} requests/s, "
            f"p50 {self.p50_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, "
            f"server CPU {self.server_cpu_s:.1f} s = {self.per_cpu_second:.0f} requests/CPU-s, "
            f"{self.requests} requests, non-2xx {self.non_2xx}"
        )


def have_wrk() -> bool:
    """Whether wrk is installed."""
    return shutil.which("wrk") is not None


def cpu_seconds(pid: int) -> float:
    """Return the user + system CPU seconds process `pid` has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    """Return the 1, 5 and 15 minute load averages as text."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _ms(text: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if found is None:
        raise ValueError(f"unreadable wrk latency {text!r}")
    return float(found.group(1)) * _UNITS[found.group(2)]


def _script(paths: list[str], headers: dict[str, str]) -> str:
    quoted = ", ".join(f'"{path}"' for path in paths)
    sets = "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in headers.items())
    return (
        f"{sets}paths = {{{quoted}}}\nn = 0\n"
        "request = function()\n  n = n + 1\n"
        "  return wrk.format('GET', paths[(n % #paths) + 1])\nend\n"
    )


def run_wrk(
    base: str,
    paths: list[str],
    *,
    seconds: float,
    connections: int,
    server_pid: int,
    headers: dict[str, str] | None = None,
) -> Figures:
    """Load `base` with wrk (one thread) cycling through `paths`; return the figures."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(_script(paths, headers or {}))
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{int(seconds)}s", "--latency",
        "-s", lua.name, base + paths[0],
    ]  # fmt: skip
    try:
        cpu = cpu_seconds(server_pid)
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        cpu = cpu_seconds(server_pid) - cpu
    finally:
        os.unlink(lua.name)
    try:
        done = re.search(r"(\d+) requests in (\S+),", out)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        return Figures(
            requests=int(done.group(1)),  # type: ignore[union-attr]
            seconds=_ms(done.group(2)) / 1000,  # type: ignore[union-attr]
            p50_ms=_ms(re.search(r"50%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
            p99_ms=_ms(re.search(r"99%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
            non_2xx=int(errors.group(1)) if errors else 0,
            server_cpu_s=cpu,
        )
    except (AttributeError, ValueError) as exc:
        raise SystemExit(f"could not read wrk's output:\n{out}") from exc
