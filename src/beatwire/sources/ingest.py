"""The ingest stage: the only writer of records.

For every page a source yields, one transaction upserts its records, keeps the
raw page and moves the source's cursor. The raw page is the one copy of the
payload: records are stored without their `raw` item (parsing the page gives it
back) and with text and title cut at `sources.max_text_chars`. A crash before the commit replays the
page on the next run; the unique `(provider, native_id)` key makes that
harmless.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import httpx2
from sqlalchemy import Connection

from beatwire.config import Settings, SourceSettings
from beatwire.errors import SourceError
from beatwire.http_client import make_client
from beatwire.model import Progress, Record, StageReport, no_progress, now_utc
from beatwire.sources.base import Enrich, Page, SourceModule
from beatwire.sources.registry import SOURCES, get_source
from beatwire.store.engine import Store
from beatwire.store.forgotten import drop_forgotten, forgotten_authors
from beatwire.store.raw_pages import has_raw_page, keep_raw_page
from beatwire.store.records import upsert_records
from beatwire.store.redact import Scrubber, scrubber_for
from beatwire.store.snapshots import keep_snapshots, previous_snapshots
from beatwire.store.state import get_cursor, set_cursor

log = logging.getLogger(__name__)


def is_ingested(store: Store, provider: str, payload: bytes) -> bool:
    """Return True when these exact bytes are already stored as a raw page of `provider`."""
    with store.read() as conn:
        return has_raw_page(conn, provider, payload)


def _with_snapshots(conn: Connection, source: str, found: list[Record]) -> list[Record]:
    """Keep the snapshots of a source that asks for them; return its enriched records."""
    module = SOURCES.get(source)
    kinds = getattr(module, "SNAPSHOT_KINDS", ())
    observed = [record for record in found if record.kind in kinds]
    if not observed:
        return found
    enrich: Enrich | None = getattr(module, "enrich", None)
    previous = previous_snapshots(conn, observed) if enrich is not None else {}
    keep_snapshots(conn, observed)
    # A record enrich adds (a model's delta) may itself have been forgotten.
    return drop_forgotten(conn, enrich(found, previous)) if enrich is not None else found


MAX_TEXT_CHARS = SourceSettings().max_text_chars


def as_stored(record: Record, max_chars: int) -> Record:
    """Return the record as the store keeps it: text and title cut, no copy of the raw item."""
    title = record.title[:max_chars] if record.title else record.title
    return replace(record, text=record.text[:max_chars], title=title, raw=None)


def _scrubber(conn: Connection, dropped: list[Record]) -> Scrubber | None:
    """Return what takes forgotten records (and forgotten authors' names) out of a raw page."""
    if not dropped:
        return None
    authors = forgotten_authors(conn, [record.author for record in dropped if record.author])
    return scrubber_for(dropped, authors=authors)


def store_page(
    store: Store,
    source: str,
    page: Page,
    found: list[Record],
    *,
    at: datetime | None = None,
    move_cursor: bool = True,
    max_chars: int = MAX_TEXT_CHARS,
) -> tuple[int, int]:
    """Store one page's records, its raw bytes (fetched `at`, default now) and the next cursor."""
    with store.begin() as conn:
        # Forgotten authors and records (`beatwire forget`) are not taken back, nor snapshotted.
        allowed = drop_forgotten(conn, found)
        kept = _with_snapshots(conn, source, allowed)
        result = upsert_records(conn, [as_stored(record, max_chars) for record in kept])
        allowed_ids = {id(record) for record in allowed}
        dropped = [record for record in found if id(record) not in allowed_ids]
        keep_raw_page(
            conn,
            source,
            url=page.url,
            cursor=page.cursor,
            payload=page.payload,
            collected_at=at or now_utc(),
            scrubber=_scrubber(conn, dropped),
        )
        if move_cursor:
            set_cursor(conn, source, page.cursor)
    return result.inserted, result.updated


def read_payload(module: SourceModule, path: Path) -> bytes:
    """Return the bytes of a saved payload, or raise SourceError saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(module.NAME, f"cannot read {path}: {exc.strerror}") from exc


def ingest_payload(
    store: Store,
    module: SourceModule,
    payload: bytes,
    *,
    url: str,
    at: datetime,
    max_chars: int = MAX_TEXT_CHARS,
) -> StageReport:
    """Store a saved payload as fetched `at`: records, snapshots and raw page carry that time.

    A saved payload never moves the source's cursor: that marks how far live fetching got.
    """
    found = module.parse(payload, collected_at=at)
    page = Page(payload=payload, cursor=None, url=url)
    inserted, updated = store_page(
        store, module.NAME, page, found, at=at, move_cursor=False, max_chars=max_chars
    )
    return StageReport("ingest", {"records": len(found), "inserted": inserted, "updated": updated})


def ingest_file(
    store: Store,
    settings: Settings,
    module: SourceModule,
    path: Path,
    *,
    as_of: datetime | None = None,
) -> StageReport:
    """Ingest a saved raw payload of `module`'s platform, fetched at `as_of` (default now)."""
    payload = read_payload(module, path)
    url = path.resolve().as_uri()
    at = as_of or now_utc()
    max_chars = settings.sources.max_text_chars
    report = ingest_payload(store, module, payload, url=url, at=at, max_chars=max_chars)
    figures = report.figures
    log.info(
        "ingested %s from %s: %s new, %s updated",
        module.NAME, path, figures["inserted"], figures["updated"],
    )  # fmt: skip
    return report


async def _ingest_source(
    store: Store,
    settings: Settings,
    module: SourceModule,
    report: StageReport,
    transport: httpx2.AsyncBaseTransport | None,
) -> None:
    with store.read() as conn:
        cursor = get_cursor(conn, module.NAME)
    async with make_client(settings, transport=transport) as client:
        async for page in module.fetch(client, cursor, settings):
            # A page that does not parse stops the source here: its cursor stays put.
            found = module.parse(page.payload, collected_at=now_utc())
            # The write runs off the event loop, so a stream's keepalives go on meanwhile.
            inserted, updated = await asyncio.to_thread(
                store_page,
                store,
                module.NAME,
                page,
                found,
                max_chars=settings.sources.max_text_chars,
            )
            report.add("pages")
            report.add("inserted", inserted)
            report.add("updated", updated)
            report.add(f"inserted.{module.NAME}", inserted)


async def ingest_live(
    store: Store,
    settings: Settings,
    names: list[str],
    *,
    transport: httpx2.AsyncBaseTransport | None = None,
    progress: Progress = no_progress,
) -> StageReport:
    """Fetch every named (or every enabled) source once; one failing source stops only itself."""
    modules = [get_source(name) for name in names or settings.sources.enabled]
    report = StageReport("ingest", {"pages": 0, "inserted": 0, "updated": 0, "errors": 0})
    for module in progress(modules, label="sources", total=len(modules)):
        reason = module.enabled(settings)
        if reason is not None:
            report.notes.append(f"{module.NAME}: disabled: {reason}")
            continue
        try:
            await _ingest_source(store, settings, module, report, transport)
        except SourceError as exc:
            log.error("%s", exc.one_line())
            report.add("errors")
            report.notes.append(exc.one_line())
    return report
