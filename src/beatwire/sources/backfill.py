"""Backfill: saved platform responses ingested as fetched at their own time.

A manifest is a tab-separated file, one payload a line: `source<TAB>path<TAB>as_of`
(the path relative to the manifest, the fetch time in ISO 8601; blank lines and
lines starting with `#` are skipped). The payloads are ingested in time order,
each stamped with its fetch time, so repeated fetches of the same item become
its engagement history. A payload whose exact bytes are already stored is
skipped, so an interrupted replay resumes where it stopped; a bad line or
payload is reported with its line number and the rest goes on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from beatwire.errors import ConfigError, SourceError
from beatwire.model import Progress, StageReport, no_progress
from beatwire.sources.ingest import MAX_TEXT_CHARS, ingest_payload, is_ingested, read_payload
from beatwire.sources.registry import get_source
from beatwire.sources.timestamps import parse_time
from beatwire.store.engine import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Entry:
    """One manifest line: which source's payload, where, fetched when."""

    line: int
    source: str
    path: Path
    as_of: datetime


def fetch_time(text: str) -> datetime:
    """Return the UTC time an ISO 8601 `--as-of` value names (no offset: UTC)."""
    try:
        return parse_time(text)
    except ValueError:
        raise ConfigError(f"--as-of: not an ISO 8601 time: {text!r}") from None


def read_manifest(manifest: Path) -> tuple[list[Entry], list[str]]:
    """Return the manifest's entries in time order and one problem per unusable line."""
    try:
        text = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the manifest {manifest}: {exc}") from exc
    entries: list[Entry] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            problems.append(f"line {number}: expected source<TAB>path<TAB>as_of")
            continue
        source, path, as_of = (field.strip() for field in fields)
        try:
            where = manifest.resolve().parent / path
            entries.append(Entry(number, source, where, fetch_time(as_of)))
        except ConfigError as exc:
            problems.append(f"line {number}: {exc.one_line()}")
    # Snapshots and deltas compare each fetch with the one before: replay in time order.
    return sorted(entries, key=lambda entry: (entry.as_of, entry.line)), problems


def ingest_manifest(
    store: Store,
    manifest: Path,
    *,
    progress: Progress = no_progress,
    max_chars: int = MAX_TEXT_CHARS,
) -> StageReport:
    """Ingest every payload a manifest lists; `failed` counts the lines that could not be."""
    entries, problems = read_manifest(manifest)
    report = StageReport(
        "ingest",
        {"payloads": len(entries) + len(problems), "ingested": 0, "skipped": 0, "failed": 0},
    )
    report.figures |= {"records": 0, "inserted": 0, "updated": 0}
    for problem in problems:
        _failed(report, problem)
    for entry in progress(entries, label="payloads", total=len(entries)):
        try:
            _ingest_entry(store, entry, report, max_chars)
        except SourceError as exc:
            _failed(report, f"line {entry.line}: {exc.one_line()}")
    return report


def _ingest_entry(store: Store, entry: Entry, report: StageReport, max_chars: int) -> None:
    module = get_source(entry.source)
    payload = read_payload(module, entry.path)
    if is_ingested(store, module.NAME, payload):
        report.add("skipped")
        return
    stored = ingest_payload(
        store, module, payload, url=entry.path.as_uri(), at=entry.as_of, max_chars=max_chars
    )
    report.add("ingested")
    for name in ("records", "inserted", "updated"):
        report.add(name, stored.figures[name])


def _failed(report: StageReport, problem: str) -> None:
    log.error("%s", problem)
    report.add("failed")
    report.notes.append(problem)
