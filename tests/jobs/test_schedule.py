"""The one-process scheduler: due jobs run one at a time until stopped."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import subprocess
import sys
from pathlib import Path

from beatwire.jobs.schedule import Job, run_forever
from beatwire.model import StageReport


class FakeClock:
    """Time that moves one second each time it is read, so idle loops move on too."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_jobs_run_at_their_intervals_until_stopped() -> None:
    clock, calls = FakeClock(), []
    stop = asyncio.Event()

    def job(name: str, every: float) -> Job:
        async def action() -> StageReport:
            calls.append((name, clock.now))
            if len(calls) == 6:
                stop.set()
            return StageReport(name)

        return Job(name, every, action)

    runs = asyncio.run(
        run_forever([job("fast", 15), job("slow", 100)], stop, tick_s=0, clock=clock)
    )
    assert runs == 6
    assert [name for name, _ in calls] == ["fast", "slow", "fast", "fast", "fast", "fast"]
    fast = [moment for name, moment in calls if name == "fast"]
    assert all(15 <= later - earlier <= 20 for earlier, later in itertools.pairwise(fast))


def test_a_failing_job_does_not_stop_the_others() -> None:
    stop, seen = asyncio.Event(), []

    async def broken() -> StageReport:
        raise RuntimeError("source exploded")

    async def healthy() -> StageReport:
        seen.append("ok")
        stop.set()
        return StageReport("healthy")

    asyncio.run(
        run_forever([Job("broken", 60, broken), Job("healthy", 60, healthy)], stop, tick_s=0)
    )
    assert seen == ["ok"]


def test_beatwire_run_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "BEATWIRE_SOURCES__ENABLED": "[]",  # no network: only the derived stages run
        "BEATWIRE_JOBS__TICK_S": "0.05",
    }
    command = [sys.executable, "-c", "from beatwire.cli import main; main()"]
    db = f"sqlite:///{tmp_path / 'b.db'}"
    subprocess.run([*command, "--db", db, "init"], cwd=tmp_path, env=env, check=True)
    process = subprocess.Popen(
        [*command, "--db", db, "run"],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    started = process.stderr.readline()  # the first log line says it is running
    assert "beatwire run: started" in started
    process.send_signal(signal.SIGTERM)
    _, rest = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "stopped cleanly" in rest
