"""The stages as Procrastinate tasks, for `beatwire worker` on PostgreSQL.

Every task carries a Procrastinate `lock` (jobs of one stage, or of one source,
run one after another whichever worker takes them) and a `queueing_lock` (at
most one waiting job each, so a slow stage never piles up copies). Inside, the
stage still runs through `run_stage`, so its store lease and its `stage_runs`
row are the same as under `beatwire run`. Periodic tasks defer each stage on
its interval; Procrastinate defers each tick once however many workers run.
A failed task is retried with exponential waits; the jobs of a worker that
died (no heartbeat for `jobs.stalled_s`) are retried by a periodic task.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from pathlib import Path
from typing import Any

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy.engine import make_url

from beatwire.config import Settings
from beatwire.errors import ConfigError, SourceError
from beatwire.jobs.cron import cron_every
from beatwire.jobs.runner import OWNER, run_stage
from beatwire.jobs.schedule import runnable_sources
from beatwire.jobs.stages import STAGES, Stage
from beatwire.model import StageReport
from beatwire.sources.ingest import ingest_file, ingest_live
from beatwire.sources.registry import get_source
from beatwire.store.engine import Store

log = logging.getLogger(__name__)

TASK_PREFIX = "beatwire."


def libpq_url(db_url: str) -> str:
    """Return the libpq form of a SQLAlchemy PostgreSQL URL, as Procrastinate takes it."""
    url = make_url(db_url)
    if url.get_backend_name() != "postgresql":
        raise ConfigError(
            "beatwire worker needs PostgreSQL",
            hint="use postgresql+psycopg://USER@HOST/DB, or `beatwire run` on SQLite",
        )
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _stream_for(seconds: float, work: Coroutine[Any, Any, StageReport]) -> StageReport:
    """Run a never-ending stream for `seconds`; every page it stored is committed already."""

    async def bounded() -> StageReport:
        task = asyncio.ensure_future(work)
        done, _ = await asyncio.wait({task}, timeout=seconds)
        if done:
            return task.result()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return StageReport("ingest", {"streamed_s": seconds})

    return asyncio.run(bounded())


def ingest_once(store: Store, settings: Settings, source: str) -> StageReport:
    """Fetch one source (a stream for `jobs.stream_slice_s`); raise SourceError when it failed."""
    module = get_source(source)
    work = ingest_live(store, settings, [source])
    if module.CADENCE:
        report = asyncio.run(work)
    else:
        report = _stream_for(settings.jobs.stream_slice_s, work)
    if report.figures.get("errors"):
        # Raising hands the job to Procrastinate's retry strategy; the cursor has not moved.
        raise SourceError(source, "; ".join(report.notes) or "fetch failed")
    return report


def import_one(store: Store, settings: Settings, source: str, path: str) -> StageReport:
    """Ingest a saved payload file and say which worker did it."""
    report = ingest_file(store, settings, get_source(source), Path(path))
    report.figures["worker"] = OWNER
    return report


class Tasks:
    """Builds the task functions of one app around a store and settings."""

    def __init__(self, app: procrastinate.App, store: Store, settings: Settings) -> None:
        self.app, self.store, self.settings = app, store, settings
        self.lease = timedelta(seconds=settings.jobs.lease_s)

    def _run(self, name: str, stage: Callable[[], StageReport], lock: str | None = None) -> Any:
        report = run_stage(self.store, name, stage, lease=self.lease, lock=lock)
        return None if report is None else report.as_dict()

    def stage(self, stage: Stage) -> Any:
        """Register the task of a stage of the table (analyze, detect, write, retention)."""

        def task(timestamp: int | None = None) -> Any:
            return self._run(stage.name, lambda: stage.run(self.store, self.settings))

        return self._register(task, stage.name, lock=stage.name)

    def ingest(self) -> Any:
        """Register the task that fetches one source (its lock is per source)."""

        def task(source: str, timestamp: int | None = None) -> Any:
            name = f"ingest:{source}"
            return self._run(name, lambda: ingest_once(self.store, self.settings, source))

        return self._register(task, "ingest", lock=None)

    def import_file(self) -> Any:
        """Register the task that ingests a saved payload (many run side by side)."""

        def task(source: str, path: str) -> Any:
            lock = "import:" + hashlib.sha256(path.encode()).hexdigest()[:24]
            stage = lambda: import_one(self.store, self.settings, source, path)  # noqa: E731
            return self._run("import", stage, lock=lock)

        return self._register(task, "import_file", lock=None)

    def retry_stalled(self) -> Any:
        """Register the task that hands the jobs of dead workers back to the queue."""
        manager = self.app.job_manager
        silence = float(self.settings.jobs.stalled_s)

        async def task(timestamp: int | None = None) -> int:
            stalled = list(await manager.get_stalled_jobs(seconds_since_heartbeat=silence))
            for job in stalled:
                log.warning("retrying job %s (%s) of a dead worker", job.id, job.task_name)
                await manager.retry_job(job)
            return len(stalled)

        return self._register(task, "retry_stalled", lock="retry_stalled")

    def _register(self, func: Callable[..., Any], name: str, *, lock: str | None) -> Any:
        retry = procrastinate.RetryStrategy(
            max_attempts=self.settings.jobs.retries,
            exponential_wait=self.settings.jobs.retry_wait_s,
        )
        return self.app.task(
            func,  # type: ignore[call-overload]
            name=TASK_PREFIX + name,
            retry=retry,
            lock=lock,
            queueing_lock=lock,
        )


def build_app(store: Store, settings: Settings, *, periodic: bool = True) -> procrastinate.App:
    """Return the Procrastinate app with every stage as a task (and, by default, its schedule)."""
    connector = procrastinate.PsycopgConnector(conninfo=libpq_url(settings.db))
    app = procrastinate.App(connector=connector)
    tasks = Tasks(app, store, settings)
    stages = {stage.name: tasks.stage(stage) for stage in STAGES}
    ingest, stalled = tasks.ingest(), tasks.retry_stalled()
    tasks.import_file()
    if periodic:
        for stage in STAGES:
            cron = cron_every(stage.every_s(settings))
            app.periodic(cron=cron, periodic_id=stage.name)(stages[stage.name])
        for source, seconds in source_intervals(settings).items():
            app.periodic(
                cron=cron_every(seconds),
                periodic_id=source,
                lock=f"ingest:{source}",
                queueing_lock=f"ingest:{source}",
                task_kwargs={"source": source},
            )(ingest)
        app.periodic(cron=cron_every(60))(stalled)
    return app


def source_intervals(settings: Settings) -> dict[str, float]:
    """Return each runnable source's fetch interval; a stream is handed on every slice."""
    return {
        module.NAME: module.CADENCE.total_seconds() or settings.jobs.stream_slice_s
        for module in runnable_sources(settings)
    }


def defer_import(app: procrastinate.App, source: str, path: Path) -> int | None:
    """Queue the ingest of a saved payload; return the job id (None when it is queued already)."""
    try:
        return int(
            app.configure_task(TASK_PREFIX + "import_file").defer(source=source, path=str(path))
        )
    except AlreadyEnqueued:
        return None


def defer_stage(app: procrastinate.App, name: str, **kwargs: Any) -> int | None:
    """Queue one run of a stage now; return the job id (None when one waits already)."""
    lock = f"ingest:{kwargs['source']}" if name == "ingest" else name
    try:
        job = app.configure_task(TASK_PREFIX + name, lock=lock, queueing_lock=lock)
        return int(job.defer(**kwargs))
    except AlreadyEnqueued:
        return None
