"""Webhooks: who is told, at which URL, about which stories.

A hook's secret signs its payloads, so it is stored as given (unlike an API key's,
which is only compared): it is shown once, when the hook is made, and no read here
returns it (only `deliveries.claim_due`, which the sender needs, does).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import Connection, RowMapping, delete, select

from beatwire.errors import ConfigError
from beatwire.model import now_utc
from beatwire.store.schema import hooks
from beatwire.taxonomy import load_taxonomy

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
    """Delete the hook with this id (its deliveries and their log go with it); return it."""
    hook, _ = find_hook(conn, ident)
    conn.execute(delete(hooks).where(hooks.c.id == hook.id))
    return hook


def find_hook(conn: Connection, ident: str) -> tuple[Hook, str]:
    """Return the hook with this id and its secret; ConfigError if there is none."""
    row = None
    if ident.isdigit():
        row = conn.execute(select(hooks).where(hooks.c.id == int(ident))).mappings().first()
    if row is None:
        raise ConfigError(f"no hook {ident!r}", hint="`beatwire hooks list` shows them")
    return _hook(row), str(row["secret"])
