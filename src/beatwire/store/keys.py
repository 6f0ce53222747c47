"""API keys: created with a secret shown once, stored hashed, scoped, revocable.

A key reads `bw_<prefix>_<secret>`. The prefix is a public id (unique, indexed)
used to find the row; the secret has 256 bits of entropy, so one round of
SHA-256 is enough to store it (slow hashes guard low-entropy passwords, and
would cost every API request milliseconds).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, RowMapping, select, update

from beatwire.errors import ConfigError
from beatwire.model import now_utc
from beatwire.store.schema import api_keys

SCOPES = ("records", "stories", "stream")
_TOKEN_START = "bw_"


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A stored key, without its secret."""

    id: int
    name: str
    prefix: str
    scopes: tuple[str, ...]
    rpm: int
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        """Return whether the key has not been revoked."""
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class NewKey:
    """A key just created: the only moment its full token is known."""

    key: ApiKey
    token: str


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _key_from_row(row: RowMapping) -> ApiKey:
    return ApiKey(
        id=row["id"],
        name=row["name"],
        prefix=row["prefix"],
        scopes=tuple(row["scopes"]),
        rpm=row["rpm"],
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
    )


def parse_scopes(text: str) -> tuple[str, ...]:
    """Return the scopes of a comma-separated list, or raise ConfigError on an unknown one."""
    wanted = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [scope for scope in wanted if scope not in SCOPES]
    if unknown or not wanted:
        raise ConfigError(f"bad scopes {text!r}", hint=f"choose one or more of {', '.join(SCOPES)}")
    return wanted


def create_key(conn: Connection, *, name: str, scopes: tuple[str, ...], rpm: int) -> NewKey:
    """Store a new key; return it with its token (not stored: it cannot be shown again)."""
    if not name.strip():
        raise ConfigError("a key needs a name")
    if rpm < 1:
        raise ConfigError(f"bad --rpm {rpm}: a key needs at least 1 request a minute")
    parse_scopes(",".join(scopes))
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    values = {
        "name": name.strip(),
        "prefix": prefix,
        "secret_hash": _hash(secret),
        "scopes": list(scopes),
        "rpm": rpm,
        "created_at": now_utc(),
    }
    inserted = conn.execute(api_keys.insert().values(**values)).inserted_primary_key
    key_id = inserted[0] if inserted is not None else None
    row = conn.execute(select(api_keys).where(api_keys.c.id == key_id)).mappings().one()
    return NewKey(key=_key_from_row(row), token=f"{_TOKEN_START}{prefix}_{secret}")


def authenticate(conn: Connection, token: str) -> ApiKey | None:
    """Return the active key `token` names, or None when it is malformed, unknown or revoked."""
    if not token.startswith(_TOKEN_START):
        return None
    prefix, _, secret = token[len(_TOKEN_START) :].partition("_")
    if not prefix or not secret or len(prefix) > 16:
        return None
    row = conn.execute(select(api_keys).where(api_keys.c.prefix == prefix)).mappings().first()
    # Compare digests in constant time, so timing does not reveal how much of a guess matched.
    if row is None or not hmac.compare_digest(row["secret_hash"], _hash(secret)):
        return None
    key = _key_from_row(row)
    return key if key.active else None


def list_keys(conn: Connection) -> list[ApiKey]:
    """Return every key, oldest first, without secrets."""
    rows = conn.execute(select(api_keys).order_by(api_keys.c.id)).mappings()
    return [_key_from_row(row) for row in rows]


def revoke_key(conn: Connection, ident: str) -> ApiKey:
    """Revoke the key with this numeric id or prefix and return it; ConfigError if there is none."""
    match = api_keys.c.prefix == ident
    if ident.isdigit() and int(ident) < 2**63:
        match = match | (api_keys.c.id == int(ident))
    row = conn.execute(select(api_keys).where(match)).mappings().first()
    if row is None:
        raise ConfigError(f"no API key {ident!r}", hint="`beatwire keys list` shows them")
    if row["revoked_at"] is None:
        conn.execute(
            update(api_keys).where(api_keys.c.id == row["id"]).values(revoked_at=now_utc())
        )
    return _key_from_row(
        conn.execute(select(api_keys).where(api_keys.c.id == row["id"])).mappings().one()
    )
