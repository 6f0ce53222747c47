"""`beatwire worker`: one Procrastinate worker process; run as many as you like, anywhere.

The queue lives in the corpus database itself (Procrastinate's tables beside
Beatwire's), so there is no broker to run. The first worker to start creates
those tables, under a PostgreSQL advisory lock so workers started together do
not race. SIGTERM or Ctrl-C lets the running job finish, then the worker exits.
"""

from __future__ import annotations

import logging
import os
import socket

import psycopg
from procrastinate.schema import SchemaManager

from beatwire.config import Settings
from beatwire.errors import StoreError
from beatwire.jobs.tasks import build_app, libpq_url
from beatwire.model import StageReport
from beatwire.store.engine import Store

log = logging.getLogger(__name__)

_SCHEMA_LOCK = 0x6277_0001  # any constant shared by every worker ("bw" 1)


def ensure_queue_schema(db_url: str) -> bool:
    """Create Procrastinate's tables unless they exist; return whether they were created."""
    try:
        with psycopg.connect(libpq_url(db_url), autocommit=True) as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (_SCHEMA_LOCK,))
            try:
                found = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
                if found is not None and found[0] is not None:
                    return False
                conn.execute(SchemaManager.get_schema())
                log.warning("created the job queue's tables")
                return True
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (_SCHEMA_LOCK,))
    except psycopg.Error as exc:
        raise StoreError(f"cannot prepare the job queue: {exc}") from exc


def run_worker(
    store: Store,
    settings: Settings,
    *,
    concurrency: int = 1,
    burst: bool = False,
    periodic: bool = True,
    name: str | None = None,
) -> StageReport:
    """Run a worker until stopped (or, with `burst`, until the queue is empty)."""
    ensure_queue_schema(settings.db)
    app = build_app(store, settings, periodic=periodic)
    name = name or f"{socket.gethostname()}:{os.getpid()}"
    log.warning("beatwire worker %s: started (%d at a time)", name, concurrency)
    app.run_worker(
        name=name,
        concurrency=concurrency,
        wait=not burst,
        delete_jobs="successful",  # stage_runs keeps the history; the queue stays small
        stalled_worker_timeout=settings.jobs.stalled_s,
        update_heartbeat_interval=max(1.0, settings.jobs.stalled_s / 4),
    )
    log.warning("beatwire worker %s: stopped cleanly", name)
    return StageReport("worker", {"name": name, "periodic": periodic, "burst": burst})
