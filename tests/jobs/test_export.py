"""`beatwire export`: every table in every format, row for row."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from beatwire.config import Settings
from beatwire.errors import ConfigError
from beatwire.jobs.export import export
from beatwire.store.engine import Store
from tests.jobs.story_store import POSTS, build

TABLES = ("records", "analyses", "signals", "stories", "citations")


def test_parquet_has_every_table_with_typed_columns(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    build(store, settings)
    report = export(store, tmp_path, "parquet")
    assert {name: report.figures[name] for name in TABLES} == {
        "records": len(POSTS), "analyses": len(POSTS), "signals": 1, "stories": 1,
        "citations": report.figures["citations"],
    }  # fmt: skip
    table = pq.read_table(tmp_path / "records.parquet")
    assert table.num_rows == len(POSTS)
    assert str(table.schema.field("published_at").type) == "timestamp[us, tz=UTC]"
    assert "raw" not in table.schema.names
    engagement = json.loads(table.column("engagement")[0].as_py())
    assert engagement == {"likes": 3}


def test_jsonl_keeps_maps_and_csv_has_a_header(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    build(store, settings)
    export(store, tmp_path / "j", "jsonl")
    export(store, tmp_path / "c", "csv")
    first = json.loads((tmp_path / "j" / "records.jsonl").read_text().splitlines()[0])
    assert first["engagement"] == {"likes": 3} and first["text"] == POSTS[0][2]
    with (tmp_path / "c" / "stories.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1 and rows[0]["published"] in ("True", "1")


def test_hashed_authors_are_stable_pseudonyms(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    build(store, settings)
    export(store, tmp_path, "jsonl", hash_authors=True)
    rows = [json.loads(line) for line in (tmp_path / "records.jsonl").read_text().splitlines()]
    authors = [row["author"] for row in rows]
    assert all(author.startswith("anon-") for author in authors)
    assert authors[1] == authors[4]  # the same handle gets the same pseudonym
    assert "lanternfish" not in (tmp_path / "records.jsonl").read_text()


def test_an_unknown_format_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown export format 'xlsx'"):
        export(store, tmp_path, "xlsx")
