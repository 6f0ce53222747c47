"""`beatwire run`: every stage on its schedule in one process, until SIGTERM or Ctrl-C.

Stages run one at a time (a single SQLite writer), each under its store lease,
so a second `beatwire run` on the same store skips what the first is doing.
A stop request lets the running stage finish, then the loop exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from beatwire.config import Settings
from beatwire.jobs.runner import run_stage
from beatwire.jobs.stages import STAGES
from beatwire.model import StageReport
from beatwire.sources.base import SourceModule
from beatwire.sources.ingest import ingest_live
from beatwire.sources.registry import get_source
from beatwire.store.engine import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Job:
    """A stage and how often it runs."""

    name: str
    every_s: float
    action: Callable[[], Awaitable[StageReport | None]]


def _job(
    store: Store, name: str, every_s: float, stage: Callable[[], StageReport], lease: timedelta
) -> Job:
    """Return a job that runs a sync stage in a worker thread under its lease."""
    return Job(name, every_s, lambda: asyncio.to_thread(run_stage, store, name, stage, lease=lease))


def _ingest(store: Store, settings: Settings, name: str) -> Callable[[], StageReport]:
    return lambda: asyncio.run(ingest_live(store, settings, [name]))


def runnable_sources(settings: Settings) -> list[SourceModule]:
    """Return the enabled sources that can run, logging why the others cannot."""
    found = []
    for name in settings.sources.enabled:
        module = get_source(name)
        reason = module.enabled(settings)
        if reason is None:
            found.append(module)
        else:
            log.warning("source %s is disabled: %s", name, reason)
    return found


def jobs_for(store: Store, settings: Settings, sources: list[SourceModule]) -> list[Job]:
    """Return the schedule: each polled source at its cadence, then the stages of the table."""
    lease = timedelta(seconds=settings.jobs.lease_s)
    found: list[Job] = []
    for module in sources:
        if not module.CADENCE:
            continue  # a streaming source runs as its own task
        name, cadence = module.NAME, module.CADENCE.total_seconds()
        found.append(_job(store, f"ingest:{name}", cadence, _ingest(store, settings, name), lease))
    for stage in STAGES:
        run = partial(stage.run, store, settings)
        found.append(_job(store, stage.name, stage.every_s(settings), run, lease))
    return found


async def run_forever(
    jobs: list[Job],
    stop: asyncio.Event,
    *,
    tick_s: float,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Run due jobs one at a time until `stop` is set; return how many runs were made."""
    due = {job.name: clock() for job in jobs}
    runs = 0
    while not stop.is_set():
        for job in jobs:
            if stop.is_set() or clock() < due[job.name]:
                continue
            try:
                report = await job.action()
                if report is not None:
                    log.info("%s: %s", job.name, report.as_dict())
            except Exception:
                log.exception("%s failed; it runs again at its next slot", job.name)
            due[job.name] = clock() + job.every_s
            runs += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=tick_s)
    return runs


def run(store: Store, settings: Settings) -> StageReport:
    """Run every stage on its schedule until SIGTERM or SIGINT; return how many runs were made."""

    async def main() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        sources = runnable_sources(settings)
        # Streams (cadence 0) run beside the schedule; each page commits on its own, so
        # cancelling them at a stop loses nothing.
        streams = [
            asyncio.create_task(ingest_live(store, settings, [m.NAME]))
            for m in sources
            if not m.CADENCE
        ]
        log.warning("beatwire run: started; SIGTERM or Ctrl-C stops after the running stage")
        try:
            return await run_forever(
                jobs_for(store, settings, sources), stop, tick_s=settings.jobs.tick_s
            )
        finally:
            for task in streams:
                task.cancel()
            await asyncio.gather(*streams, return_exceptions=True)

    runs = asyncio.run(main())
    log.warning("beatwire run: stopped cleanly after %d runs", runs)
    return StageReport("run", {"runs": runs})
