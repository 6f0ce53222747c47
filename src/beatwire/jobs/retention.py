"""Retention: remove what is older than the configured periods (`[retention]` in the config).

Records past `records_days` are forgotten exactly as `beatwire forget` does it
(stories citing them are re-verified), in batches so no transaction grows
without bound. Raw payloads go after `raw_days`, engagement snapshots after
`snapshots_days`, stage-run history after `runs_days`, finished webhook
deliveries after `deliveries_days`. A period of 0 keeps that data for ever.
"""

from __future__ import annotations

from datetime import timedelta

from beatwire.config import Settings
from beatwire.jobs.forget import forget_ids
from beatwire.model import StageReport, now_utc
from beatwire.newsroom.writers.base import Writer
from beatwire.store.deliveries import delete_finished_before
from beatwire.store.engine import Store
from beatwire.store.raw_pages import delete_raw_pages_before
from beatwire.store.records import clear_raw_payloads_before, ids_published_before
from beatwire.store.snapshots import expire_snapshots
from beatwire.store.state import delete_runs_before

BATCH = 500
FIGURES = ("records", "raw_pages", "snapshots", "runs", "deliveries")


def expire_records(
    store: Store, settings: Settings, days: int, writer: Writer | None = None
) -> dict[str, int]:
    """Forget records published more than `days` ago; return the counts."""
    cutoff = now_utc() - timedelta(days=days)
    totals = {"records": 0, "stories": 0, "held": 0}
    while True:
        with store.read() as conn:
            ids = ids_published_before(conn, cutoff, limit=BATCH)
        if not ids:
            return totals
        found = forget_ids(store, settings, ids, writer=writer).figures
        for key in totals:
            totals[key] += int(found.get(key, 0))


def expire_raw(store: Store, days: int) -> dict[str, int]:
    """Drop raw pages and records' raw payloads collected more than `days` ago."""
    cutoff = now_utc() - timedelta(days=days)
    with store.begin() as conn:
        pages = delete_raw_pages_before(conn, cutoff)
        payloads = clear_raw_payloads_before(conn, cutoff)
    return {"raw_pages": pages, "raw_payloads": payloads}


def expire_history(store: Store, days: int) -> int:
    """Delete engagement snapshots taken more than `days` ago; return how many."""
    with store.begin() as conn:
        return expire_snapshots(conn, now_utc() - timedelta(days=days))


def expire_runs(store: Store, days: int) -> int:
    """Delete finished stage runs that started more than `days` ago; return how many."""
    cutoff = now_utc() - timedelta(days=days)
    with store.begin() as conn:
        return delete_runs_before(conn, cutoff)


def expire_deliveries(store: Store, days: int) -> int:
    """Delete webhook deliveries finished more than `days` ago; return how many."""
    with store.begin() as conn:
        return delete_finished_before(conn, now_utc() - timedelta(days=days))


def run(store: Store, settings: Settings, *, writer: Writer | None = None) -> StageReport:
    """Apply every retention period; running it twice changes nothing the second time."""
    keep = settings.retention
    report = StageReport("retention", dict.fromkeys(FIGURES, 0))
    if keep.records_days > 0:
        report.figures |= expire_records(store, settings, keep.records_days, writer)
    if keep.raw_days > 0:
        report.figures |= expire_raw(store, keep.raw_days)
    if keep.snapshots_days > 0:
        report.figures["snapshots"] = expire_history(store, keep.snapshots_days)
    if keep.runs_days > 0:
        report.figures["runs"] = expire_runs(store, keep.runs_days)
    if keep.deliveries_days > 0:
        report.figures["deliveries"] = expire_deliveries(store, keep.deliveries_days)
    return report
