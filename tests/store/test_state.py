"""Cursors, stage state, stage runs and leases on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from beatwire.model import now_utc
from beatwire.store.engine import Store
from beatwire.store.schema import stage_runs
from beatwire.store.state import (
    acquire_lease,
    all_cursors,
    delete_runs_before,
    finish_run,
    get_cursor,
    get_state,
    last_runs,
    release_lease,
    set_cursor,
    set_state,
    start_run,
)

MINUTE = timedelta(minutes=1)


def test_a_source_has_no_cursor_before_its_first_page(store: Store) -> None:
    with store.read() as conn:
        assert get_cursor(conn, "hackernews") is None


def test_a_cursor_reads_back_its_newest_value(store: Store) -> None:
    with store.begin() as conn:
        set_cursor(conn, "hackernews", "100")
        set_cursor(conn, "hackernews", "200")
        set_cursor(conn, "reddit", None)
    with store.read() as conn:
        assert get_cursor(conn, "hackernews") == "200"
        assert get_cursor(conn, "reddit") is None


def test_all_cursors_list_each_source_once_by_name(store: Store) -> None:
    with store.begin() as conn:
        for source, cursor in (("reddit", "r"), ("bluesky", "b"), ("reddit", "r2")):
            set_cursor(conn, source, cursor)
    with store.read() as conn:
        rows = all_cursors(conn)
    assert [(row["source"], row["cursor"]) for row in rows] == [("bluesky", "b"), ("reddit", "r2")]
    assert all(row["updated_at"].tzinfo is not None for row in rows)


def test_stage_state_round_trips_json(store: Store) -> None:
    with store.begin() as conn:
        set_state(conn, "detect.watermark", {"at": "2026-11-03", "n": 1})
        set_state(conn, "detect.watermark", {"at": "2026-11-04", "n": 2})
    with store.read() as conn:
        assert get_state(conn, "detect.watermark") == {"at": "2026-11-04", "n": 2}
        assert get_state(conn, "missing") is None


def test_a_started_run_is_running_until_finished(store: Store) -> None:
    with store.begin() as conn:
        run_id = start_run(conn, "analyze")
    with store.read() as conn:
        assert last_runs(conn)["analyze"]["status"] == "running"
    with store.begin() as conn:
        finish_run(conn, run_id, report={"analyzed": 3})
    with store.read() as conn:
        run = last_runs(conn)["analyze"]
    assert (run["status"], run["report"], run["error"]) == ("ok", {"analyzed": 3}, None)
    assert run["finished_at"] >= run["started_at"]


def test_a_run_that_failed_keeps_its_error(store: Store) -> None:
    with store.begin() as conn:
        finish_run(conn, start_run(conn, "ingest"), report={}, error="FetchError: 503")
    with store.read() as conn:
        run = last_runs(conn)["ingest"]
    assert (run["status"], run["error"]) == ("error", "FetchError: 503")


def test_last_runs_give_the_newest_run_of_each_stage(store: Store) -> None:
    with store.begin() as conn:
        first = start_run(conn, "detect")
        finish_run(conn, first, report={"pass": 1})
        second = start_run(conn, "detect")
        start_run(conn, "write")
    with store.read() as conn:
        runs = last_runs(conn)
    assert set(runs) == {"detect", "write"} and runs["detect"]["id"] == second


def test_finished_runs_started_before_a_cutoff_are_deleted(store: Store) -> None:
    with store.begin() as conn:
        finish_run(conn, start_run(conn, "detect"), report={})
        start_run(conn, "analyze")  # still running: kept
        conn.execute(update(stage_runs).values(started_at=now_utc() - MINUTE))
        finish_run(conn, start_run(conn, "write"), report={})
        assert delete_runs_before(conn, now_utc() - MINUTE / 2) == 1
    with store.read() as conn:
        assert sorted(last_runs(conn)) == ["analyze", "write"]


def test_a_second_owner_cannot_take_a_held_lease(store: Store) -> None:
    with store.begin() as conn:
        assert acquire_lease(conn, "analyze", "a", MINUTE)
    with store.begin() as conn:
        assert not acquire_lease(conn, "analyze", "b", MINUTE)


def test_the_holder_can_renew(store: Store) -> None:
    with store.begin() as conn:
        assert acquire_lease(conn, "analyze", "a", MINUTE)
    with store.begin() as conn:
        assert acquire_lease(conn, "analyze", "a", MINUTE)


def test_an_expired_lease_can_be_taken(store: Store) -> None:
    with store.begin() as conn:
        assert acquire_lease(conn, "analyze", "a", -MINUTE)
    with store.begin() as conn:
        assert acquire_lease(conn, "analyze", "b", MINUTE)


def test_release_frees_the_lease_for_others(store: Store) -> None:
    with store.begin() as conn:
        acquire_lease(conn, "analyze", "a", MINUTE)
        release_lease(conn, "analyze", "b")  # not the holder: nothing happens
    with store.begin() as conn:
        assert not acquire_lease(conn, "analyze", "b", MINUTE)
        release_lease(conn, "analyze", "a")
    with store.begin() as conn:
        assert acquire_lease(conn, "analyze", "b", MINUTE)
