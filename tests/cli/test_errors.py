"""The CLI turns bad input into one line on stderr and a non-zero exit."""

from __future__ import annotations

import json
import os
import socket
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


def test_an_environment_table_that_is_not_json_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [*BEATWIRE, "--db", f"sqlite:///{tmp_path}/b.db", "init"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "BEATWIRE_SOURCES__SECRETS": "{bad"},
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith('Error: bad setting: error parsing value for field "sources"')
    assert len(result.stderr.strip().splitlines()) <= 2  # the line and its hint


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\xd8\xff binary", "is not UTF-8 text"),
        (b'{"body": "x [1]", "citations": ["x", 3]}', "citation 1 must be a JSON object"),
        (b'{"body": "x [1]", "citations": [{"number": "one", "text": "t"}]}', "not a story file"),
    ],
)
def test_a_bad_story_file_is_one_line(tmp_path: Path, content: bytes, expected: str) -> None:
    (tmp_path / "story.json").write_bytes(content)
    result = beatwire("verify", "--file", "story.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_record_id_beyond_64_bits_is_a_native_id_not_a_crash(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/b.db"
    assert beatwire("--db", db, "init", cwd=tmp_path).returncode == 0
    result = beatwire("--db", db, "forget", "--record", "9" * 23, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)


def test_a_port_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    result = beatwire("serve", "--port", "99999", cwd=tmp_path)
    assert result.returncode == 2
    assert "--port" in result.stderr and "65535" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_busy_port_is_one_line_and_nothing_claims_to_serve(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = beatwire("serve", "--port", str(port), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    assert "Serving on" not in result.stdout


def test_a_mistyped_db_warns_before_creating_a_new_database(tmp_path: Path) -> None:
    result = beatwire("--db", f"sqlite:///{tmp_path}/typo.db", "status", cwd=tmp_path)
    assert result.stderr.startswith(f"Warning: {tmp_path}/typo.db does not exist: creating")
    made = beatwire("--db", f"sqlite:///{tmp_path}/new.db", "init", cwd=tmp_path)
    assert made.returncode == 0 and "Warning" not in made.stderr
    again = beatwire("--db", f"sqlite:///{tmp_path}/new.db", "status", cwd=tmp_path)
    assert again.returncode == 0 and "Warning" not in again.stderr


def test_status_shows_a_stage_run_by_hand(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/b.db"
    assert beatwire("--db", db, "init", cwd=tmp_path).returncode == 0
    assert beatwire("--db", db, "detect", cwd=tmp_path).returncode == 0
    result = beatwire("--db", db, "status", "--json", cwd=tmp_path)
    stages = json.loads(result.stdout)["stages"]
    assert stages["detect"]["status"] == "ok" and stages["detect"]["error"] is None


@pytest.mark.parametrize(
    "args", [["keys", "create", "--name", "x", "--rpm", "0"], ["signals", "--limit", "-1"]]
)
def test_a_count_below_one_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    result = beatwire(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Invalid value" in result.stderr and "Traceback" not in result.stderr
