"""`beatwire ingest --replay` and `--as-of` through the real command line."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from tests.cli.test_errors import beatwire

HN_FILE = (
    Path(__file__).resolve().parents[2].parent
    / "shared/corpora/api-fixtures/hackernews/communal_algolia_sampleNewsOutput.json"
)


def snapshot_times(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "beatwire.db") as conn:
        rows = conn.execute("SELECT DISTINCT snapshot_at FROM engagement_snapshots ORDER BY 1")
        return [row[0] for row in rows]


def test_replay_exit_status_says_whether_a_line_failed(tmp_path: Path) -> None:
    shutil.copy(HN_FILE, tmp_path / "hn.json")
    good = "hackernews\thn.json\t2025-10-01T06:30:00-05:00\n"
    (tmp_path / "ok.tsv").write_text(good)
    (tmp_path / "bad.tsv").write_text(good + "hackernews\tnone.json\t2025-10-02T06:30:00Z\n")
    ok = beatwire("--db", "sqlite:///beatwire.db", "ingest", "--replay", "ok.tsv", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "ingested=1" in ok.stdout and "failed=0" in ok.stdout
    bad = beatwire(
        "--db", "sqlite:///beatwire.db", "ingest", "--replay", "bad.tsv", "--json", cwd=tmp_path
    )
    assert bad.returncode == 1
    report = json.loads(bad.stdout)
    assert (report["skipped"], report["failed"]) == (1, 1)
    assert report["notes"][0].startswith("line 2: hackernews: cannot read ")
    assert snapshot_times(tmp_path) == ["2025-10-01 11:30:00.000000"]


def test_as_of_stamps_a_saved_payload(tmp_path: Path) -> None:
    shutil.copy(HN_FILE, tmp_path / "hn.json")
    args = ["--source", "hackernews", "--from-file", "hn.json", "--as-of", "2025-10-01T06:30Z"]
    result = beatwire("--db", "sqlite:///beatwire.db", "ingest", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert snapshot_times(tmp_path) == ["2025-10-01 06:30:00.000000"]


def test_a_bad_as_of_is_one_line(tmp_path: Path) -> None:
    args = ["--source", "hackernews", "--from-file", "hn.json", "--as-of", "noonish"]
    result = beatwire("ingest", *args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: --as-of: not an ISO 8601 time: 'noonish'"
    assert not (tmp_path / "beatwire.db").exists()


def test_as_of_needs_a_file(tmp_path: Path) -> None:
    result = beatwire("ingest", "--as-of", "2025-10-01", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: --as-of goes with --from-file (a manifest gives each payload's time)"
    )
