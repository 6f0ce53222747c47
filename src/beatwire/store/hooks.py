"""Webhooks: the hooks, the outbox of deliveries owed to them and the log of every attempt.

A hook's secret signs its payloads, so it is stored as given (unlike an API key's,
which is only compared): it is shown once, when the hook is made, and no read here
returns it except `claim_due`, which the sender needs.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, RowMapping, delete, func, select, update

from beatwire.errors import ConfigError
from beatwire.model import now_utc
from beatwire.store.schema import hook_attempts, hook_deliveries, hooks, stories, story_versions
from beatwire.store.sql import dialect_insert
from beatwire.taxonomy import load_taxonomy

PENDING, DELIVERED, FAILED, WITHDRAWN = "pending", "delivered", "failed", "withdrawn"
_SECRET_START = "whsec_"


@dataclass(frozen=True, slots=True)
class Hook:
    """A stored hook, without its secret. An empty filter accepts anything."""

    id: int
    url: str
    beats: tuple[str, ...]
    entities: tuple[str, ...]
    narratives: tuple[str, ...]
    min_score: float | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class NewHook:
    """A hook just made: the only moment its secret is shown."""

    hook: Hook
    secret: str


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


def check_url(url: str) -> str:
    """Return `url` when it is an absolute http(s) URL with a host; ConfigError otherwise."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 -- raises ValueError on a port that is not a number
    except ValueError as exc:
        raise ConfigError(f"not a usable hook URL {url!r}: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"not a usable hook URL {url!r}", hint="give an absolute http:// or https:// URL"
        )
    return url.strip()


def check_beats(beats: Sequence[str]) -> list[str]:
    """Return the beat slugs sorted and deduplicated; ConfigError names any unknown one."""
    known = {beat.slug for beat in load_taxonomy()}
    unknown = sorted(set(beats) - known)
    if unknown:
        raise ConfigError(
            f"no beat {unknown[0]!r}", hint=f"the beats are {', '.join(sorted(known))}"
        )
    return sorted(set(beats))


def _hook(row: RowMapping) -> Hook:
    return Hook(
        id=row["id"],
        url=row["url"],
        beats=tuple(row["beats"]),
        entities=tuple(row["entities"]),
        narratives=tuple(row["narratives"]),
        min_score=row["min_score"],
        created_at=row["created_at"],
    )


_PUBLIC = tuple(c for c in hooks.c if c.name != "secret")


def create_hook(
    conn: Connection,
    *,
    url: str,
    beats: Sequence[str] = (),
    entities: Sequence[str] = (),
    narratives: Sequence[str] = (),
    min_score: float | None = None,
) -> NewHook:
    """Store a hook for `url` with a new secret; return it and the secret."""
    secret = _SECRET_START + secrets.token_urlsafe(32)
    result = conn.execute(
        hooks.insert().values(
            url=check_url(url),
            secret=secret,
            beats=check_beats(beats),
            entities=sorted(set(entities)),
            narratives=sorted(set(narratives)),
            min_score=min_score,
            created_at=now_utc(),
        )
    )
    (hook_id,) = result.inserted_primary_key or (0,)
    row = conn.execute(select(*_PUBLIC).where(hooks.c.id == hook_id)).mappings().one()
    return NewHook(_hook(row), secret)


def list_hooks(conn: Connection) -> list[Hook]:
    """Return every hook, oldest first (never a secret)."""
    return [_hook(row) for row in conn.execute(select(*_PUBLIC).order_by(hooks.c.id)).mappings()]


def remove_hook(conn: Connection, ident: str) -> Hook:
    """Delete the hook with this id, its pending deliveries and log; return it."""
    row = None
    if ident.isdigit():
        row = conn.execute(select(*_PUBLIC).where(hooks.c.id == int(ident))).mappings().first()
    if row is None:
        raise ConfigError(f"no hook {ident!r}", hint="`beatwire hooks list` shows them")
    owed = select(hook_deliveries.c.id).where(hook_deliveries.c.hook_id == row["id"])
    conn.execute(delete(hook_attempts).where(hook_attempts.c.delivery_id.in_(owed)))
    conn.execute(delete(hook_deliveries).where(hook_deliveries.c.hook_id == row["id"]))
    conn.execute(delete(hooks).where(hooks.c.id == row["id"]))
    return _hook(row)


def published_since(conn: Connection, since: datetime) -> list[dict[str, Any]]:
    """Return the published story versions written after `since`, oldest first."""
    v = story_versions.c
    query = (
        select(v.story_id, v.version, v.created_at)
        .where(v.published.is_(True), v.created_at > since)
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


def delivery_counts(conn: Connection) -> dict[str, int]:
    """Return how many deliveries are in each status."""
    d = hook_deliveries.c
    query = select(d.status, func.count()).group_by(d.status)
    return {str(row[0]): int(row[1]) for row in conn.execute(query)}
