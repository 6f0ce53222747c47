"""Running a stage records the run and keeps a second copy out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from beatwire.errors import AnalysisError
from beatwire.jobs.runner import run_stage
from beatwire.model import StageReport
from beatwire.store.engine import Store
from beatwire.store.state import acquire_lease, last_runs

LEASE = timedelta(minutes=5)


def test_a_run_is_recorded_with_its_report(store: Store) -> None:
    report = run_stage(store, "detect", lambda: StageReport("detect", {"signals": 3}), lease=LEASE)
    assert report is not None
    with store.read() as conn:
        run = last_runs(conn)["detect"]
    assert run["status"] == "ok"
    assert run["report"]["signals"] == 3
    assert run["finished_at"] is not None


def test_a_stage_held_elsewhere_is_skipped(store: Store) -> None:
    with store.begin() as conn:
        acquire_lease(conn, "detect", "another-host:1", LEASE)
    calls: list[int] = []
    outcome = run_stage(
        store, "detect", lambda: calls.append(1) or StageReport("detect"), lease=LEASE
    )
    assert outcome is None
    assert calls == []


def test_a_failing_stage_records_its_error_and_frees_the_lease(store: Store) -> None:
    def boom() -> StageReport:
        raise AnalysisError("model file missing")

    with pytest.raises(AnalysisError):
        run_stage(store, "analyze", boom, lease=LEASE)
    with store.read() as conn:
        run = last_runs(conn)["analyze"]
    assert (run["status"], run["error"]) == ("error", "model file missing")
    assert run_stage(store, "analyze", lambda: StageReport("analyze"), lease=LEASE) is not None
