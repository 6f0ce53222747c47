"""Saved payloads ingested as fetched at their own time: --as-of and --replay manifests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from beatwire.config import Settings
from beatwire.errors import ConfigError
from beatwire.sources import hackernews
from beatwire.sources.backfill import fetch_time, ingest_manifest, read_manifest
from beatwire.sources.ingest import ingest_file
from beatwire.store.engine import Store
from beatwire.store.schema import engagement_snapshots, raw_pages, records

HN_FILE = (
    Path(__file__).resolve().parents[2].parent
    / "shared/corpora/api-fixtures/hackernews/communal_algolia_sampleNewsOutput.json"
)
HF = Path(__file__).parent / "payloads" / "huggingface"
MORNING = datetime(2025, 10, 1, 6, 30, tzinfo=UTC)
EVENING = datetime(2025, 10, 1, 18, 30, tzinfo=UTC)


def hn_payload(tmp_path: Path, name: str, extra_points: int) -> Path:
    """Write the real Algolia response with every story's points raised by `extra_points`."""
    document = json.loads(HN_FILE.read_bytes())
    for hit in document["hits"]:
        hit["points"] += extra_points
    path = tmp_path / name
    path.write_text(json.dumps(document))
    return path


def write_manifest(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "manifest.tsv"
    path.write_text("".join(f"{line}\n" for line in lines))
    return path


def hn_history(store: Store) -> dict[str, list[tuple[datetime, int]]]:
    table = engagement_snapshots.c
    query = select(table.native_id, table.snapshot_at, table.engagement).where(
        table.provider == "hackernews"
    )
    history: dict[str, list[tuple[datetime, int]]] = {}
    with store.read() as conn:
        for native, at, engagement in conn.execute(query.order_by(table.snapshot_at)):
            history.setdefault(native, []).append((at, engagement["score"]))
    return history


def test_as_of_stamps_records_snapshots_and_the_raw_page(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    path = hn_payload(tmp_path, "hn.json", 0)
    ingest_file(store, settings, hackernews, path, as_of=MORNING)  # type: ignore[arg-type]
    with store.read() as conn:
        collected = set(conn.execute(select(records.c.collected_at)).scalars())
        pages = list(conn.execute(select(raw_pages.c.collected_at)).scalars())
    assert collected == {MORNING} and pages == [MORNING]
    stories = json.loads(path.read_bytes())["hits"]
    assert hn_history(store) == {hit["objectID"]: [(MORNING, hit["points"])] for hit in stories}


def test_each_fetch_of_a_story_adds_to_its_points_history(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    for moment, name, gain in ((MORNING, "a.json", 0), (EVENING, "b.json", 25)):
        path = hn_payload(tmp_path, name, gain)
        ingest_file(store, settings, hackernews, path, as_of=moment)  # type: ignore[arg-type]
    stories = json.loads(HN_FILE.read_bytes())["hits"]
    assert hn_history(store) == {
        hit["objectID"]: [(MORNING, hit["points"]), (EVENING, hit["points"] + 25)]
        for hit in stories
    }


def test_a_manifest_is_replayed_in_time_order(store: Store, tmp_path: Path) -> None:
    # The later day comes first in the file: its deltas need the earlier snapshot stored.
    manifest = write_manifest(
        tmp_path,
        f"huggingface\t{HF / 'models_trending_2026-01-02.json'}\t2026-01-02T06:00:00Z",
        f"huggingface\t{HF / 'models_trending_2026-01-01.json'}\t2026-01-01T06:00:00+00:00",
    )
    report = ingest_manifest(store, manifest)
    assert report.figures["ingested"] == 2 and report.figures["failed"] == 0
    with store.read() as conn:
        query = select(records.c.native_id).where(records.c.kind == "model_delta")
        deltas = list(conn.execute(query).scalars())
    # Three models are on both days' lists.
    assert len(deltas) == 3 and all(native.endswith("@2026-01-02") for native in deltas)


def test_a_replay_run_twice_skips_what_it_already_stored(store: Store, tmp_path: Path) -> None:
    hn_payload(tmp_path, "a.json", 0)
    hn_payload(tmp_path, "b.json", 10)
    manifest = write_manifest(
        tmp_path,
        "hackernews\ta.json\t2025-10-01T06:30:00Z",
        "hackernews\tb.json\t2025-10-01T18:30:00Z",
    )
    first = ingest_manifest(store, manifest)
    second = ingest_manifest(store, manifest)
    assert (first.figures["ingested"], first.figures["skipped"]) == (2, 0)
    assert (second.figures["ingested"], second.figures["skipped"]) == (0, 2)
    assert all(len(points) == 2 for points in hn_history(store).values())


def test_bad_lines_and_payloads_are_reported_and_the_rest_goes_on(
    store: Store, tmp_path: Path
) -> None:
    hn_payload(tmp_path, "good.json", 0)
    (tmp_path / "broken.json").write_text('{"hits": [')
    manifest = write_manifest(
        tmp_path,
        "# source\tpath\tas_of",
        "hackernews\tgood.json",
        "hackernews\tgood.json\tlast tuesday",
        "myspace\tgood.json\t2025-10-01T06:30:00Z",
        "hackernews\tmissing.json\t2025-10-01T06:30:00Z",
        "hackernews\tbroken.json\t2025-10-01T06:30:00Z",
        "",
        "hackernews\tgood.json\t2025-10-01T06:30:00Z",
    )
    report = ingest_manifest(store, manifest)
    figures: dict[str, Any] = report.figures
    assert (figures["payloads"], figures["ingested"], figures["failed"]) == (6, 1, 5)
    assert [note.split(":")[0] for note in report.notes] == [
        "line 2",
        "line 3",
        "line 4",
        "line 5",
        "line 6",
    ]
    assert report.notes[0] == "line 2: expected source<TAB>path<TAB>as_of"
    assert report.notes[1] == "line 3: --as-of: not an ISO 8601 time: 'last tuesday'"
    assert report.notes[2].startswith("line 4: myspace: unknown source")
    assert report.notes[3].startswith("line 5: hackernews: cannot read ")
    assert report.notes[4].startswith("line 6: hackernews: cannot parse: truncated JSON")
    assert len(hn_history(store)) == len(json.loads(HN_FILE.read_bytes())["hits"])


def test_a_manifest_that_cannot_be_read_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the manifest"):
        read_manifest(tmp_path / "nowhere.tsv")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-09-21T16:02:01-05:00", datetime(2025, 9, 21, 21, 2, 1, tzinfo=UTC)),
        ("2025-09-21T21:02:01Z", datetime(2025, 9, 21, 21, 2, 1, tzinfo=UTC)),
        ("2025-09-21 21:02", datetime(2025, 9, 21, 21, 2, tzinfo=UTC)),
    ],
)
def test_fetch_times_are_read_as_utc(text: str, expected: datetime) -> None:
    assert fetch_time(text) == expected


def test_a_replay_cuts_texts_at_the_limit_it_is_given(store: Store, tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, f"hackernews\t{HN_FILE}\t2025-10-01T06:30:00Z")
    assert ingest_manifest(store, manifest, max_chars=12).figures["ingested"] == 1
    with store.read() as conn:
        longest = conn.execute(select(func.max(func.length(records.c.text)))).scalar_one()
    assert 0 < longest <= 12
