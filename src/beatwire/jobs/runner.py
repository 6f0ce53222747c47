"""Running one stage: a lease so no two copies run at once, and a stage_runs row for status."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from datetime import timedelta

from beatwire.config import Settings
from beatwire.errors import BeatwireError, StoreError
from beatwire.model import StageReport
from beatwire.store.engine import Store
from beatwire.store.state import acquire_lease, finish_run, release_lease, start_run

log = logging.getLogger(__name__)

OWNER = f"{socket.gethostname()}:{os.getpid()}"


def run_stage(
    store: Store,
    name: str,
    stage: Callable[[], StageReport],
    *,
    lease: timedelta,
    lock: str | None = None,
) -> StageReport | None:
    """Run `stage` under the lease `lock` (default `name`); None when another copy runs."""
    lock = lock or name
    with store.begin() as conn:
        if not acquire_lease(conn, lock, OWNER, lease):
            log.info("%s is running elsewhere; skipped", lock)
            return None
        run_id = start_run(conn, name)
    report: StageReport | None = None
    error: str | None = None
    try:
        report = stage()
        return report
    except BeatwireError as exc:
        error = exc.one_line()
        raise
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        with store.begin() as conn:
            finish_run(conn, run_id, report=report.as_dict() if report else {}, error=error)
            release_lease(conn, lock, OWNER)


def run_by_hand(
    store: Store, settings: Settings, name: str, stage: Callable[[], StageReport]
) -> StageReport:
    """Run a stage started by hand (a CLI command, the demo) as the scheduler would.

    It takes the stage's lease, so it never runs beside a scheduled copy, and leaves a
    stage_runs row, so `beatwire status` shows it however it was started.
    """
    lease = timedelta(seconds=settings.jobs.lease_s)
    report = run_stage(store, name, stage, lease=lease)
    if report is None:
        raise StoreError(f"{name} is running elsewhere", hint="`beatwire status` shows it")
    return report
