"""Tombstones: who and what was forgotten (`beatwire forget`), kept in the stage_state table.

A tombstone keeps a forgotten author or record from coming back with the next
page of its platform. It stores only a hash of the handle or of the record's
key, so the list of forgotten people does not itself name them. The deletes
themselves are in the modules of their tables.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, select

from beatwire.model import Record, now_utc
from beatwire.store.schema import stage_state
from beatwire.store.sql import chunks, dialect_insert


def author_key(handle: str) -> str:
    """Return the tombstone key of an author handle (case and a leading @ do not matter)."""
    digest = hashlib.sha256(handle.strip().lstrip("@").lower().encode()).hexdigest()[:40]
    return f"forgotten:author:{digest}"


def record_key(provider: str, native_id: str) -> str:
    """Return the tombstone key of one record."""
    digest = hashlib.sha256(f"{provider}\0{native_id}".encode()).hexdigest()[:40]
    return f"forgotten:record:{digest}"


def add_tombstones(conn: Connection, keys: Iterable[str]) -> None:
    """Remember forgotten authors and records so ingest drops them from now on."""
    rows = [{"key": key, "value": {}, "updated_at": now_utc()} for key in sorted(set(keys))]
    if rows:
        statement = dialect_insert(conn, stage_state).on_conflict_do_nothing(index_elements=["key"])
        conn.execute(statement, rows)


def forgotten_authors(conn: Connection, handles: Iterable[str]) -> set[str]:
    """Return those of `handles` whose author has been forgotten."""
    by_key = {author_key(handle): handle for handle in handles if handle}
    found: set[str] = set()
    for chunk in chunks(sorted(by_key)):
        query = select(stage_state.c.key).where(stage_state.c.key.in_(chunk))
        found.update(by_key[str(row[0])] for row in conn.execute(query))
    return found


def drop_forgotten(conn: Connection, batch: Sequence[Record]) -> list[Record]:
    """Return the records of `batch` whose author or key has not been forgotten."""
    if not batch:
        return []
    keys = {record_key(r.provider, r.native_id) for r in batch}
    keys |= {author_key(r.author) for r in batch if r.author}
    found: set[str] = set()
    for chunk in chunks(sorted(keys)):
        found.update(
            conn.execute(select(stage_state.c.key).where(stage_state.c.key.in_(chunk))).scalars()
        )
    if not found:
        return list(batch)
    return [
        r
        for r in batch
        if record_key(r.provider, r.native_id) not in found
        and not (r.author and author_key(r.author) in found)
    ]
