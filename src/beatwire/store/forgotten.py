"""Forgetting records: who and what was forgotten (tombstones), and the deletes themselves.

A tombstone keeps a forgotten author or record from coming back with the next
page of its platform. It stores only a hash of the handle or of the record's
key, so the list of forgotten people does not itself name them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from beatwire.model import Record, now_utc
from beatwire.store.schema import analyses, citations, raw_pages, records, signals, stage_state

_CHUNK = 400


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
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    rows = [{"key": key, "value": {}, "updated_at": now_utc()} for key in sorted(set(keys))]
    if rows:
        conn.execute(insert(stage_state).on_conflict_do_nothing(index_elements=["key"]), rows)


def drop_forgotten(conn: Connection, batch: Sequence[Record]) -> list[Record]:
    """Return the records of `batch` whose author or key has not been forgotten."""
    if not batch:
        return []
    keys = {record_key(r.provider, r.native_id) for r in batch}
    keys |= {author_key(r.author) for r in batch if r.author}
    found: set[str] = set()
    ordered = sorted(keys)
    for start in range(0, len(ordered), _CHUNK):
        query = select(stage_state.c.key).where(
            stage_state.c.key.in_(ordered[start : start + _CHUNK])
        )
        found.update(conn.execute(query).scalars())
    if not found:
        return list(batch)
    return [
        r
        for r in batch
        if record_key(r.provider, r.native_id) not in found
        and not (r.author and author_key(r.author) in found)
    ]


def ids_of_authors(conn: Connection, handles: Iterable[str]) -> list[int]:
    """Return the ids of every record written by these handles (case-insensitive, @ optional)."""
    wanted = sorted({h.strip().lstrip("@").lower() for h in handles if h.strip()})
    if not wanted:
        return []
    query = select(records.c.id).where(func.lower(records.c.author).in_(wanted))
    return sorted(conn.execute(query).scalars())


def ids_of_references(conn: Connection, references: Iterable[str]) -> list[int]:
    """Return the ids of records named by store id (digits) or by their native id."""
    numbers = [int(ref) for ref in references if ref.isdigit()]
    natives = [ref for ref in references if not ref.isdigit()]
    found: set[int] = set()
    if numbers:
        found.update(conn.execute(select(records.c.id).where(records.c.id.in_(numbers))).scalars())
    if natives:
        query = select(records.c.id).where(records.c.native_id.in_(natives))
        found.update(conn.execute(query).scalars())
    return sorted(found)


def record_keys(conn: Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Return provider, native id and author of the records with these ids."""
    rows: list[dict[str, Any]] = []
    for start in range(0, len(ids), _CHUNK):
        query = select(records.c.id, records.c.provider, records.c.native_id, records.c.author)
        query = query.where(records.c.id.in_(ids[start : start + _CHUNK]))
        rows += [dict(row) for row in conn.execute(query).mappings()]
    return rows


def citing_stories(conn: Connection, ids: Sequence[int]) -> dict[str, set[int]]:
    """Return, by story id, the versions that cite any of these records."""
    found: dict[str, set[int]] = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(citations.c.story_id, citations.c.version).where(
            citations.c.record_id.in_(ids[start : start + _CHUNK])
        )
        for row in conn.execute(query).mappings():
            found.setdefault(str(row["story_id"]), set()).add(int(row["version"]))
    return found


def delete_records(conn: Connection, ids: Sequence[int]) -> int:
    """Delete records (their analyses, embeddings and memberships go with them); return how many."""
    deleted = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        # A copy that pointed at a forgotten original is no longer a copy of anything.
        conn.execute(
            update(analyses).where(analyses.c.duplicate_of.in_(chunk)).values(duplicate_of=None)
        )
        deleted += conn.execute(delete(records).where(records.c.id.in_(chunk))).rowcount
    return deleted


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
    for start in range(0, len(doomed), _CHUNK):
        conn.execute(delete(raw_pages).where(raw_pages.c.id.in_(doomed[start : start + _CHUNK])))
    return len(doomed)


def prune_signal_evidence(conn: Connection, ids: Iterable[int]) -> int:
    """Remove forgotten record ids from the evidence lists of signals; return signals changed."""
    gone = set(ids)
    changed = 0
    for row in conn.execute(select(signals.c.id, signals.c.evidence)).mappings():
        evidence: list[int] = list(row["evidence"] or [])
        kept = [i for i in evidence if i not in gone]
        if len(kept) != len(evidence):
            conn.execute(update(signals).where(signals.c.id == row["id"]).values(evidence=kept))
            changed += 1
    return changed
