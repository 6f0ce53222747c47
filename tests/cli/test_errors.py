"""The CLI turns bad input into one line on stderr and a non-zero exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BEATWIRE = [sys.executable, "-c", "from beatwire.cli import main; main()"]


def beatwire(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BEATWIRE, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_unknown_source_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{}")
    result = beatwire("ingest", "--source", "myspace", "--from-file", "x.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: myspace: unknown source (known: ")
    assert "replay" in result.stderr


def test_unreadable_file_is_one_line(tmp_path: Path) -> None:
    result = beatwire("ingest", "--source", "replay", "--from-file", "nope.jsonl", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: replay: cannot read nope.jsonl: No such file or directory"
    )


def test_bad_database_url_is_one_line(tmp_path: Path) -> None:
    result = beatwire("--db", "oracle://x", "detect", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: unsupported database URL 'oracle://x' "
        "(use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB)"
    )


def test_malformed_payload_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text('{"provider": "reddit"\n')
    result = beatwire("ingest", "--source", "replay", "--from-file", "bad.jsonl", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: replay: cannot parse: line 1: not JSON")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["ingest", "--source", "replay"], ["ingest", "--from-file", "x"]])
def test_source_and_from_file_go_together(tmp_path: Path, args: list[str]) -> None:
    result = beatwire(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: --source and --from-file go together"
