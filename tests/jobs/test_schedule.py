"""The one-process scheduler: due jobs run one at a time until stopped."""

from __future__ import annotations

import asyncio
import itertools

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
