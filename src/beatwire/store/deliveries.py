"""The outbox of webhook deliveries: what each hook is owed, claiming it, and every attempt.

A delivery is one hook, story and version (never owed twice). It is `pending` until a
2xx answer makes it `delivered`, its last attempt fails it (`failed`), or its version
is unpublished before it is sent (`withdrawn`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from beatwire.store.schema import hook_attempts, hook_deliveries, hooks, stories, story_versions
from beatwire.store.sql import dialect_insert

PENDING, DELIVERED, FAILED, WITHDRAWN = "pending", "delivered", "failed", "withdrawn"


@dataclass(frozen=True, slots=True)
class Due:
    """A delivery to send now: where, signed with what, and its body."""

    id: int
    hook_id: int
    url: str
    secret: str
    story_id: str
    version: int
    attempts: int  # made so far
    payload: dict[str, Any]


def published_since(conn: Connection, since: datetime) -> list[dict[str, Any]]:
    """Return the published story versions written at or after `since`, oldest first."""
    v = story_versions.c
    query = (
        select(v.story_id, v.version, v.created_at)
        .where(v.published.is_(True), v.created_at >= since)
        .order_by(v.created_at, v.story_id, v.version)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def published_before(conn: Connection, story_id: str, version: int) -> bool:
    """Return whether a version of the story older than `version` was published."""
    v = story_versions.c
    query = select(v.version).where(
        v.story_id == story_id, v.version < version, v.published.is_(True)
    )
    return conn.execute(query.limit(1)).first() is not None


def queue_delivery(
    conn: Connection,
    *,
    hook_id: int,
    story_id: str,
    version: int,
    event: str,
    payload: dict[str, Any],
    at: datetime,
) -> bool:
    """Owe `hook_id` this story version, due at `at`; return False when it was owed already."""
    statement = dialect_insert(conn, hook_deliveries).values(
        hook_id=hook_id,
        story_id=story_id,
        version=version,
        event=event,
        payload=payload,
        status=PENDING,
        attempts=0,
        next_attempt_at=at,
        created_at=at,
    )
    # RETURNING, not rowcount: PostgreSQL's driver reports -1 for ON CONFLICT DO NOTHING.
    result = conn.execute(statement.on_conflict_do_nothing().returning(hook_deliveries.c.id))
    return result.first() is not None


_DUE_COLUMNS = (
    hook_deliveries.c.id,
    hook_deliveries.c.hook_id,
    hooks.c.url,
    hooks.c.secret,
    hook_deliveries.c.story_id,
    hook_deliveries.c.version,
    hook_deliveries.c.attempts,
    hook_deliveries.c.payload,
)


def claim_due(conn: Connection, now: datetime, until: datetime, limit: int) -> list[Due]:
    """Return up to `limit` pending deliveries due by `now`, the longest waiting first, claimed.

    A claimed delivery is not due again before `until`: a second sender running at the same
    time skips it, and one that crashed mid-send leaves it to be retried after `until`.
    The claim is a compare-and-set on the due time read, so two claimers cannot both win.
    """
    d = hook_deliveries.c
    query = (
        select(
            d.id,
            d.hook_id,
            hooks.c.url,
            hooks.c.secret,
            d.story_id,
            d.version,
            d.attempts,
            d.payload,
            d.next_attempt_at,
        )
        .join(hooks, hooks.c.id == d.hook_id)
        .where(d.status == PENDING, d.next_attempt_at <= now)
        .order_by(d.next_attempt_at, d.id)
        .limit(limit)
    )
    claimed = []
    for row in conn.execute(query).mappings().all():
        won = conn.execute(
            update(hook_deliveries)
            .where(d.id == row["id"], d.next_attempt_at == row["next_attempt_at"])
            .values(next_attempt_at=until)
        ).rowcount
        if won:
            claimed.append(Due(*(row[column.name] for column in _DUE_COLUMNS)))
    return claimed


def still_published(conn: Connection, pairs: Sequence[tuple[str, int]]) -> set[tuple[str, int]]:
    """Return which (story id, version) pairs are still published and public."""
    ids = sorted({story_id for story_id, _ in pairs})
    v = story_versions.c
    query = (
        select(v.story_id, v.version)
        .join(stories, stories.c.id == v.story_id)
        .where(v.story_id.in_(ids), v.published.is_(True), stories.c.status != "held")
    )
    return {(row[0], row[1]) for row in conn.execute(query)} & set(pairs)


def record_attempt(
    conn: Connection,
    due: Due,
    *,
    at: datetime,
    status_code: int | None,
    error: str | None,
    duration_ms: int,
    status: str,
    next_attempt_at: datetime,
) -> None:
    """Log one attempt of `due` and move the delivery on (to `status`, due again at a time)."""
    number = due.attempts + 1
    conn.execute(
        hook_attempts.insert().values(
            delivery_id=due.id,
            number=number,
            at=at,
            status_code=status_code,
            error=error,
            duration_ms=duration_ms,
        )
    )
    conn.execute(
        update(hook_deliveries)
        .where(hook_deliveries.c.id == due.id)
        .values(
            attempts=number,
            status=status,
            next_attempt_at=next_attempt_at,
            finished_at=None if status == PENDING else at,
        )
    )


def withdraw_delivery(conn: Connection, delivery_id: int, at: datetime) -> None:
    """Stop a delivery whose story version was unpublished before it was sent."""
    conn.execute(
        update(hook_deliveries)
        .where(hook_deliveries.c.id == delivery_id)
        .values(status=WITHDRAWN, finished_at=at)
    )


def delivery_log(conn: Connection, *, hook_id: int | None, limit: int) -> list[dict[str, Any]]:
    """Return the newest deliveries (of one hook, or all), each with its attempts, oldest first."""
    d = hook_deliveries.c
    query = select(
        d.id,
        d.hook_id,
        hooks.c.url,
        d.story_id,
        d.version,
        d.event,
        d.status,
        d.attempts,
        d.next_attempt_at,
        d.created_at,
        d.finished_at,
    ).join(hooks, hooks.c.id == d.hook_id)
    if hook_id is not None:
        query = query.where(d.hook_id == hook_id)
    rows = [dict(r) for r in conn.execute(query.order_by(d.id.desc()).limit(limit)).mappings()]
    attempts: dict[int, list[dict[str, Any]]] = {row["id"]: [] for row in rows}
    a = hook_attempts.c
    found = select(hook_attempts).where(a.delivery_id.in_(list(attempts))).order_by(a.number)
    for attempt in conn.execute(found).mappings():
        attempts[attempt["delivery_id"]].append(dict(attempt))
    return [{**row, "attempts_log": attempts[row["id"]]} for row in rows]


def delete_finished_before(conn: Connection, cutoff: datetime) -> int:
    """Delete deliveries that finished before `cutoff` (their attempts go too); return how many."""
    d = hook_deliveries.c
    query = delete(hook_deliveries).where(d.status != PENDING, d.finished_at < cutoff)
    return int(conn.execute(query).rowcount)
