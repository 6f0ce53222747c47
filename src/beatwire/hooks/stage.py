"""The hooks stage: queue what the hooks follow, send what is due, schedule the retries.

A delivery is tried once per run. One that fails is due again after the one retry
policy's backoff (beatwire/retry.py: exponential, equal jitter, bounded by
`hooks.max_backoff_s`, longer when the receiver's Retry-After asks), so a receiver
that is down for an hour gets its deliveries when it comes back; after
`hooks.max_attempts` attempts a delivery is marked failed. Every attempt is logged.
Delivery is at least once: a receiver dedupes on the story id and version.
"""

from __future__ import annotations

import asyncio
import math
import random
from datetime import datetime, timedelta

from beatwire.config import HooksSettings, Settings
from beatwire.hooks.outbox import queue_new_versions
from beatwire.hooks.sender import Outcome, post_all
from beatwire.model import StageReport, now_utc
from beatwire.retry import Jitter, RetryPolicy, backoff_delay
from beatwire.store.deliveries import (
    DELIVERED,
    FAILED,
    PENDING,
    Due,
    claim_due,
    record_attempt,
    still_published,
    withdraw_delivery,
)
from beatwire.store.engine import Store

FIGURES = ("queued", "delivered", "retrying", "failed", "withdrawn")  # what a run reports


def retry_policy(hooks: HooksSettings) -> RetryPolicy:
    """Return the retry policy of deliveries."""
    return RetryPolicy(
        retries=hooks.max_attempts - 1,
        backoff_s=hooks.backoff_s,
        max_backoff_s=hooks.max_backoff_s,
        max_wait_s=hooks.max_backoff_s,
    )


def next_step(
    made: int, outcome: Outcome, hooks: HooksSettings, jitter: Jitter = random.random
) -> tuple[str, timedelta]:
    """Return a delivery's status after its attempt number `made`, and the wait before the next."""
    if outcome.ok:
        return DELIVERED, timedelta(0)
    if made >= hooks.max_attempts:
        return FAILED, timedelta(0)
    wait = backoff_delay(made - 1, retry_policy(hooks), jitter)
    if outcome.asked_wait_s is not None:
        wait = min(max(wait, outcome.asked_wait_s), hooks.max_backoff_s)
    return PENDING, timedelta(seconds=wait)


def _claim_span(hooks: HooksSettings) -> timedelta:
    """Return how long a run may take to send its batch: its claims last that long."""
    rounds = math.ceil(hooks.batch / max(1, hooks.concurrency)) + 1
    return timedelta(seconds=rounds * hooks.timeout_s)


def _claim(store: Store, settings: Settings, moment: datetime, report: StageReport) -> list[Due]:
    with store.begin() as conn:
        report.add("queued", queue_new_versions(conn, settings, moment))
        dues = claim_due(conn, moment, moment + _claim_span(settings.hooks), settings.hooks.batch)
        live = still_published(conn, [(due.story_id, due.version) for due in dues])
        for due in dues:
            if (due.story_id, due.version) not in live:
                withdraw_delivery(conn, due.id, moment)
                report.add("withdrawn")
    return [due for due in dues if (due.story_id, due.version) in live]


def run(
    store: Store, settings: Settings, *, now: datetime | None = None, jitter: Jitter = random.random
) -> StageReport:
    """Queue new deliveries, send the due ones once, log each attempt; return the counts."""
    moment = now or now_utc()
    report = StageReport("hooks", dict.fromkeys(FIGURES, 0))
    dues = _claim(store, settings, moment, report)
    outcomes = asyncio.run(post_all(dues, settings)) if dues else []
    with store.begin() as conn:
        for due, outcome in zip(dues, outcomes, strict=True):
            status, wait = next_step(due.attempts + 1, outcome, settings.hooks, jitter)
            record_attempt(
                conn,
                due,
                at=moment,
                status_code=outcome.status_code,
                error=outcome.error,
                duration_ms=outcome.duration_ms,
                status=status,
                next_attempt_at=moment + wait,
            )
            report.add("retrying" if status == PENDING else status)
    return report
