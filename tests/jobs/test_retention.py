"""Retention: data older than the configured periods goes; 0 keeps it for ever."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from beatwire.config import Settings
from beatwire.hooks.outbox import queue_new_versions
from beatwire.jobs import retention
from beatwire.model import now_utc
from beatwire.store.deliveries import delivery_log
from beatwire.store.engine import Store
from beatwire.store.hooks import create_hook
from beatwire.store.schema import (
    engagement_snapshots,
    hook_deliveries,
    raw_pages,
    records,
    stage_runs,
    stories,
)
from beatwire.store.state import finish_run, start_run
from tests.jobs.story_store import build


def _count(store: Store, table: object) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_nothing_goes_by_default(store: Store, settings: Settings) -> None:
    build(store, settings)
    report = retention.run(store, settings)
    assert (report.figures["records"], report.figures["runs"]) == (0, 0)
    assert _count(store, records) == 6


def test_old_records_are_forgotten_and_their_story_rechecked(
    store: Store, settings: Settings
) -> None:
    build(store, settings)  # the records were published in 2026-10
    settings.retention.records_days = 1
    report = retention.run(store, settings)
    assert report.figures["records"] == 6 and report.figures["stories"] == 1
    with store.read() as conn:
        assert conn.execute(select(stories.c.status)).scalar_one() == "held"
    assert retention.run(store, settings).figures["records"] == 0


def test_old_raw_payloads_and_runs_go_first(store: Store, settings: Settings) -> None:
    build(store, settings)
    old = now_utc() - timedelta(days=40)
    with store.begin() as conn:
        conn.execute(raw_pages.insert().values(
            provider="x", url="u", collected_at=old, sha256="0" * 64, payload=b"old"
        ))  # fmt: skip
        run_id = start_run(conn, "detect")
        finish_run(conn, run_id, report={})
        conn.execute(update(stage_runs).values(started_at=old))
        # Ingest no longer copies the payload into records; rows stored before it did.
        conn.execute(update(records).values(raw={"legacy": "copy"}))
    settings.retention.raw_days = 30
    settings.retention.runs_days = 30
    report = retention.run(store, settings)
    assert report.figures["raw_pages"] == 1 and report.figures["runs"] == 1
    assert report.figures["raw_payloads"] == 6  # the records were collected in 2026-10
    assert _count(store, records) == 6
    assert retention.run(store, settings).figures["raw_payloads"] == 0


def test_snapshots_are_kept_until_their_period_is_set(store: Store, settings: Settings) -> None:
    now = now_utc()
    with store.begin() as conn:
        conn.execute(
            engagement_snapshots.insert(),
            [
                {"provider": "hackernews", "native_id": "1", "snapshot_at": at, "engagement": {}}
                for at in (now - timedelta(days=400), now - timedelta(days=10))
            ],
        )
    assert retention.run(store, settings).figures["snapshots"] == 0
    settings.retention.snapshots_days = 30
    assert retention.run(store, settings).figures["snapshots"] == 1
    assert _count(store, engagement_snapshots) == 1


def test_finished_webhook_deliveries_go_after_their_period(
    store: Store, settings: Settings
) -> None:
    with store.begin() as conn:
        for url in ("http://127.0.0.1:9/done", "http://127.0.0.1:9/owed"):
            create_hook(conn, url=url)
    build(store, settings)  # one published story, owed to both hooks
    with store.begin() as conn:
        assert queue_new_versions(conn, settings, now_utc()) == 2
        old = now_utc() - timedelta(days=settings.retention.deliveries_days + 1)
        conn.execute(
            update(hook_deliveries)
            .where(hook_deliveries.c.hook_id == 1)
            .values(status="delivered", finished_at=old)
        )
    assert retention.run(store, settings).figures["deliveries"] == 1
    with store.read() as conn:
        assert [row["hook_id"] for row in delivery_log(conn, hook_id=None, limit=9)] == [2]
