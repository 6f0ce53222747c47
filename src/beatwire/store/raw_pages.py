"""The raw_pages table: the exact bytes each source returned, kept for reprocessing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, delete, select

from beatwire.store.schema import raw_pages
from beatwire.store.sql import chunks, dialect_insert


def keep_raw_page(
    conn: Connection,
    provider: str,
    *,
    url: str,
    cursor: str | None,
    payload: bytes,
    collected_at: datetime,
) -> None:
    """Store one page's bytes; the same bytes twice (a replayed page) are kept once."""
    statement = dialect_insert(conn, raw_pages).values(
        provider=provider,
        url=url,
        cursor=cursor,
        collected_at=collected_at,
        sha256=hashlib.sha256(payload).hexdigest(),
        payload=payload,
    )
    conn.execute(statement.on_conflict_do_nothing(index_elements=["provider", "sha256"]))


def has_raw_page(conn: Connection, provider: str, payload: bytes) -> bool:
    """Return True when these exact bytes are already kept as a page of `provider`."""
    digest = hashlib.sha256(payload).hexdigest()
    query = select(raw_pages.c.id).where(
        raw_pages.c.provider == provider, raw_pages.c.sha256 == digest
    )
    return conn.execute(query.limit(1)).first() is not None


def delete_raw_pages_holding(conn: Connection, needles: Iterable[str]) -> int:
    """Delete kept raw pages whose bytes contain any of `needles`; return how many."""
    terms = [n.encode() for n in sorted({n for n in needles if n})]
    if not terms:
        return 0
    # Scanned in Python, streamed: a byte-substring test is written differently in every
    # SQL dialect, and forgetting is rare.
    query = select(raw_pages.c.id, raw_pages.c.payload).execution_options(yield_per=200)
    doomed = [
        int(row["id"])
        for row in conn.execute(query).mappings()
        if any(term in bytes(row["payload"]) for term in terms)
    ]
    for chunk in chunks(doomed):
        conn.execute(delete(raw_pages).where(raw_pages.c.id.in_(chunk)))
    return len(doomed)


def delete_raw_pages_before(conn: Connection, cutoff: datetime) -> int:
    """Delete the pages collected before `cutoff`; return how many."""
    return int(conn.execute(delete(raw_pages).where(raw_pages.c.collected_at < cutoff)).rowcount)
