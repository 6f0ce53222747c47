"""The raw_pages table: the exact bytes each source returned, kept for reprocessing.

`sha256` is the digest of the bytes as fetched, and stays so when `forget` scrubs
a person out of a page: the same payload replayed is still recognised and skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, delete, select, update

from beatwire.store.redact import Scrubber, scrub_payload
from beatwire.store.schema import raw_pages
from beatwire.store.sql import dialect_insert


def keep_raw_page(
    conn: Connection,
    provider: str,
    *,
    url: str,
    cursor: str | None,
    payload: bytes,
    collected_at: datetime,
    scrubber: Scrubber | None = None,
) -> None:
    """Store one page's bytes, forgotten people scrubbed; the same bytes twice are kept once."""
    statement = dialect_insert(conn, raw_pages).values(
        provider=provider,
        url=url,
        cursor=cursor,
        collected_at=collected_at,
        sha256=hashlib.sha256(payload).hexdigest(),
        payload=payload if scrubber is None else scrub_payload(payload, scrubber),
    )
    conn.execute(statement.on_conflict_do_nothing(index_elements=["provider", "sha256"]))


def has_raw_page(conn: Connection, provider: str, payload: bytes) -> bool:
    """Return True when these exact bytes are already kept as a page of `provider`."""
    digest = hashlib.sha256(payload).hexdigest()
    query = select(raw_pages.c.id).where(
        raw_pages.c.provider == provider, raw_pages.c.sha256 == digest
    )
    return conn.execute(query.limit(1)).first() is not None


def scrub_raw_pages_holding(conn: Connection, needles: Iterable[str], scrubber: Scrubber) -> int:
    """Scrub forgotten people out of the pages that mention any of `needles`; return how many.

    The page stays: it holds everyone else's items too.
    """
    terms = [n.lower().encode() for n in sorted({n for n in needles if n})]
    if not terms:
        return 0
    # Scanned in Python, streamed: a byte-substring test is written differently in every
    # SQL dialect, and forgetting is rare.
    query = select(raw_pages.c.id, raw_pages.c.payload).execution_options(yield_per=200)
    changed = {
        int(row["id"]): scrubbed
        for row in conn.execute(query).mappings()
        if any(term in bytes(row["payload"]).lower() for term in terms)
        and (scrubbed := scrub_payload(bytes(row["payload"]), scrubber)) != bytes(row["payload"])
    }
    for page_id, payload in changed.items():
        conn.execute(update(raw_pages).where(raw_pages.c.id == page_id).values(payload=payload))
    return len(changed)


def delete_raw_pages_before(conn: Connection, cutoff: datetime) -> int:
    """Delete the pages collected before `cutoff`; return how many."""
    return int(conn.execute(delete(raw_pages).where(raw_pages.c.collected_at < cutoff)).rowcount)
