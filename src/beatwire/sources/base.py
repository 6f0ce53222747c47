"""The Source contract every platform adapter follows.

A source module `sources/<platform>.py` exposes:

- `NAME: str` — the provider name records carry;
- `CADENCE: timedelta` — how often `beatwire run` fetches it by default;
- `parse(payload: bytes, *, collected_at: datetime) -> list[Record]` — pure,
  total on the platform's exact bytes: no clock, no I/O; a malformed payload
  raises `ParseError`, a malformed single item is skipped and logged;
- `async fetch(client, cursor, settings) -> AsyncIterator[Page]` — yields raw
  pages with the cursor that follows each one; it never writes to the store;
- `enabled(settings) -> str | None` — None when the source can run, otherwise
  the one-line reason it is disabled (missing credentials...).

Optionally, for counts that change over time (the upsert keeps only the latest):

- `SNAPSHOT_KINDS: tuple[str, ...]` — the kinds of record whose engagement the
  ingest stage keeps as snapshots (`engagement_snapshots`), one per record and
  fetch, keyed like the record and stamped with its `collected_at` (the fetch
  time, or `--as-of` for a saved payload);
- `enrich(records, previous) -> list[Record]` — pure; `previous` maps a native
  id to its latest `Snapshot` from an earlier UTC day (ids without one are
  absent); returns the records to store, e.g. the page's own plus derived
  delta records. Ingest calls it after `parse`, in the page's transaction.

The ingest stage is the only writer: for every page it upserts the records,
keeps the raw page and moves the cursor in one transaction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from beatwire.model import Record, Snapshot


@dataclass(frozen=True, slots=True)
class Page:
    """One raw response of a platform and the cursor that follows it."""

    payload: bytes
    cursor: str | None  # the cursor to store once this page's records are stored
    url: str = ""


class SourceModule(Protocol):
    """What the ingest stage needs of a platform adapter module."""

    NAME: str
    CADENCE: timedelta

    def parse(self, payload: bytes, *, collected_at: datetime) -> list[Record]: ...

    def fetch(self, client: Any, cursor: str | None, settings: Any) -> AsyncIterator[Page]: ...

    def enabled(self, settings: Any) -> str | None: ...


Parser = Callable[..., list[Record]]
Enrich = Callable[[list[Record], Mapping[str, Snapshot]], list[Record]]
