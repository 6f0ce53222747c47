"""`beatwire forget`: remove an author's or a record's data and re-check every story citing it.

Steps, each safe to repeat after a crash:
1. one transaction removes the records (their analyses, embeddings and
   narrative memberships cascade), their engagement snapshots and their ids
   from signal evidence, scrubs their names and words out of the raw pages that
   hold them (a page holds other people's items too, so it stays), and stores
   tombstones so ingest never takes them back;
2. every story that cited them is written again from its signal's remaining
   evidence and goes through the gate and the fidelity verifier: it gets a new
   published version, or it is held;
3. versions that cited a forgotten record are withdrawn (unpublished) and their
   quotes blanked, and every version of every story, with its fidelity report,
   is scrubbed of the forgotten names and quotes, so nothing shows them any more.

A forget that matches no record writes nothing and says so.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from sqlalchemy import Connection

from beatwire.config import Settings
from beatwire.errors import ConfigError
from beatwire.model import Signal, StageReport
from beatwire.newsroom.stage import write_all
from beatwire.newsroom.writers.base import Writer
from beatwire.newsroom.writers.factory import make_writer
from beatwire.store.engine import Store
from beatwire.store.forgotten import add_tombstones, author_key, record_key
from beatwire.store.raw_pages import scrub_raw_pages_holding
from beatwire.store.records import delete_records, ids_of_authors, ids_of_references, records_by_id
from beatwire.store.redact import Scrubber, scrubber_for
from beatwire.store.signals import prune_signal_evidence, signals_by_id
from beatwire.store.snapshots import delete_snapshots_of
from beatwire.store.stories import (
    citing_stories,
    current_signal_ids,
    quotes_of,
    scrub_versions,
    withdraw_versions,
)

log = logging.getLogger(__name__)


def remove_records(
    conn: Connection,
    ids: Sequence[int],
    *,
    tombstones: Sequence[str] = (),
    authors: Sequence[str] = (),
) -> tuple[dict[str, int], Scrubber]:
    """Delete records and every copy of their content (and `authors`' names); return the counts."""
    gone = [stored.record for stored in records_by_id(conn, ids).values()]
    scrubber = scrubber_for(gone, quotes_of(conn, ids), authors=authors)
    add_tombstones(conn, [*tombstones, *(record_key(r.provider, r.native_id) for r in gone)])
    needles = {r.native_id for r in gone} | scrubber.handles
    figures = {
        "raw_pages": scrub_raw_pages_holding(conn, needles, scrubber),
        "snapshots": delete_snapshots_of(conn, [(r.provider, r.native_id) for r in gone]),
        "signals": prune_signal_evidence(conn, ids),
        "records": delete_records(conn, ids),
    }
    return figures, scrubber


def _signals_of(conn: Connection, story_ids: Sequence[str]) -> list[Signal]:
    """Return the promoted signals the current versions of these stories were written from."""
    found = signals_by_id(conn, current_signal_ids(conn, story_ids))
    return [signal for signal in found if signal.promoted_as]


def withdraw(conn: Connection, cited: dict[str, set[int]], ids: Sequence[int]) -> int:
    """Unpublish versions citing forgotten records; hold stories left with no clean current one."""
    return sum(withdraw_versions(conn, story, versions, ids) for story, versions in cited.items())


def forget_ids(
    store: Store,
    settings: Settings,
    ids: Sequence[int],
    *,
    tombstones: Sequence[str] = (),
    authors: Sequence[str] = (),
    writer: Writer | None = None,
) -> StageReport:
    """Remove these records (and `authors`' names) and re-verify the stories citing them."""
    report = StageReport("forget", {"records": 0, "stories": 0, "rewritten": 0, "held": 0})
    with store.begin() as conn:
        cited = citing_stories(conn, ids)
        figures, scrubber = remove_records(conn, ids, tombstones=tombstones, authors=authors)
        report.figures |= figures
    report.figures["stories"] = len(cited)
    if cited:
        with store.read() as conn:
            affected = _signals_of(conn, sorted(cited))
        writer = writer or make_writer(settings)
        written = asyncio.run(write_all(store, settings, writer, affected))
        report.figures["rewritten"] = written.figures.get("written", 0)
    with store.begin() as conn:
        # Versions written just now rest on the remaining evidence: only older ones cite the gone.
        report.figures["held"] = withdraw(conn, cited, ids)
        report.figures["versions_scrubbed"] = scrub_versions(conn, scrubber)
    log.warning("forgot %s records; %s stories re-checked", report.figures["records"], len(cited))
    return report


def forget(
    store: Store,
    settings: Settings,
    *,
    authors: Sequence[str] = (),
    references: Sequence[str] = (),
    writer: Writer | None = None,
) -> StageReport:
    """Forget every record of `authors` and the records `references` name (store or native ids)."""
    if not authors and not references:
        raise ConfigError("nothing to forget", hint="give --author HANDLE or --record ID")
    with store.read() as conn:
        ids = sorted(set(ids_of_authors(conn, authors)) | set(ids_of_references(conn, references)))
    if not ids:
        named = [f"author {a!r}" for a in authors] + [f"record {r!r}" for r in references]
        raise ConfigError(f"no record of {' or '.join(named)} is stored: nothing forgotten")
    tombstones = [author_key(handle) for handle in authors]
    report = forget_ids(store, settings, ids, tombstones=tombstones, authors=authors, writer=writer)
    report.figures["authors"] = len(authors)
    return report
