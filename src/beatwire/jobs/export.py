"""`beatwire export`: records, analyses, signals and stories as Parquet, CSV or JSON lines.

One file per table in the target folder, written in batches so memory stays
flat however large the store is. Maps and lists are JSON text in Parquet and
CSV (their keys vary from row to row); times are UTC. Raw platform payloads
and vectors are left out. `hash_authors` replaces every person's handle and
names, in every column, with a stable pseudonym (jobs/pseudonyms.py), for
sharing a corpus without naming people.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import JSON, Boolean, Column, Float, Integer, LargeBinary, Select, Table, select

from beatwire.errors import ConfigError
from beatwire.jobs.pseudonyms import Pseudonyms
from beatwire.model import StageReport
from beatwire.store.engine import Store
from beatwire.store.records import authors
from beatwire.store.schema import (
    UtcDateTime,
    analyses,
    citations,
    records,
    signals,
    stories,
    story_versions,
)

FORMATS = ("parquet", "csv", "jsonl")
BATCH = 2000


def _columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if c.name != "raw" and not isinstance(c.type, LargeBinary)]


def _story_query() -> Select[Any]:
    """Published story versions with the story's id, slug, topic and status."""
    story = [stories.c.slug, stories.c.topic_key, stories.c.status]
    return (
        select(*story, *_columns(story_versions))
        .join(stories, stories.c.id == story_versions.c.story_id)
        .where(story_versions.c.published.is_(True))
        .order_by(story_versions.c.story_id, story_versions.c.version)
    )


def queries() -> dict[str, Select[Any]]:
    """Return the query of every exported table, by file name."""
    published = select(story_versions.c.story_id, story_versions.c.version).where(
        story_versions.c.published.is_(True)
    )
    return {
        "records": select(*_columns(records)).order_by(records.c.id),
        "analyses": select(*_columns(analyses)).order_by(analyses.c.record_id),
        "signals": select(*_columns(signals)).order_by(signals.c.id),
        "stories": _story_query(),
        "citations": select(*_columns(citations))
        .where(citations.c.story_id.in_(published.with_only_columns(story_versions.c.story_id)))
        .order_by(citations.c.story_id, citations.c.version, citations.c.number),
    }


def _arrow_type(column: Any) -> pa.DataType:
    kind = column.type
    if isinstance(kind, Boolean):
        return pa.bool_()
    if isinstance(kind, Integer):
        return pa.int64()
    if isinstance(kind, Float):
        return pa.float64()
    if isinstance(kind, UtcDateTime):
        return pa.timestamp("us", tz="UTC")
    return pa.string()  # text, and JSON as JSON text


class _Writer(Protocol):
    def write(self, rows: list[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...


class _Parquet:
    def __init__(self, path: Path, columns: list[Any]) -> None:
        self.schema = pa.schema([(c.name, _arrow_type(c)) for c in columns])
        self.out = pq.ParquetWriter(path, self.schema, compression="zstd")

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.out.write_table(pa.Table.from_pylist(rows, schema=self.schema))

    def close(self) -> None:
        self.out.close()


class _Csv:
    def __init__(self, path: Path, columns: list[Any]) -> None:
        self.file = path.open("w", encoding="utf-8", newline="")
        self.out = csv.DictWriter(self.file, fieldnames=[c.name for c in columns])
        self.out.writeheader()

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.out.writerows(
            {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}
            for row in rows
        )

    def close(self) -> None:
        self.file.close()


class _Jsonl:
    def __init__(self, path: Path, columns: list[Any]) -> None:
        self.file = path.open("w", encoding="utf-8")

    def write(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self.file.write(json.dumps(row, ensure_ascii=False, default=_iso) + "\n")

    def close(self) -> None:
        self.file.close()


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else str(value)


_WRITERS: dict[str, type[_Parquet] | type[_Csv] | type[_Jsonl]] = {
    "parquet": _Parquet,
    "csv": _Csv,
    "jsonl": _Jsonl,
}


def _batches(store: Store, query: Select[Any]) -> Iterator[list[dict[str, Any]]]:
    with store.read() as conn:
        result = conn.execution_options(yield_per=BATCH).execute(query).mappings()
        for part in result.partitions():
            yield [dict(row) for row in part]


def _row(
    row: dict[str, Any], columns: list[Any], fmt: str, people: Pseudonyms | None
) -> dict[str, Any]:
    out = {}
    for column in columns:
        value = row[column.name]
        if people is not None:
            value = people.value(column.name, value, row)
        if fmt != "jsonl" and isinstance(column.type, JSON) and value is not None:
            # JSON lines keep maps and lists as they are; columnar formats get JSON text.
            value = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        out[column.name] = value
    return out


def export_table(
    store: Store, query: Select[Any], path: Path, fmt: str, *, people: Pseudonyms | None = None
) -> int:
    """Write the rows of `query` to `path` in format `fmt` (`people` renamed); return how many."""
    columns = list(query.selected_columns)
    writer: _Writer = _WRITERS[fmt](path, columns)
    count = 0
    try:
        for batch in _batches(store, query):
            writer.write([_row(row, columns, fmt, people) for row in batch])
            count += len(batch)
    finally:
        writer.close()
    return count


def export(store: Store, target: Path, fmt: str, *, hash_authors: bool = False) -> StageReport:
    """Export every table to `target/<table>.<fmt>`; return the row counts."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create {target}: {exc.strerror}") from exc
    report = StageReport("export", {"format": fmt, "folder": str(target)})
    people = None
    if hash_authors:
        with store.read() as conn:
            people = Pseudonyms(authors(conn))
    for name, query in queries().items():
        path = target / f"{name}.{fmt}"
        report.figures[name] = export_table(store, query, path, fmt, people=people)
    return report
