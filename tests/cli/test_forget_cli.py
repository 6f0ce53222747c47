"""`beatwire forget` that names nobody: one line, the right exit status, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from beatwire.store.engine import open_store
from beatwire.store.schema import stage_state

BEATWIRE = [sys.executable, "-c", "from beatwire.cli import main; main()"]


def beatwire(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BEATWIRE, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def _tombstones(db: Path) -> int:
    store = open_store(f"sqlite:///{db}")
    try:
        with store.read() as conn:
            return int(conn.execute(select(func.count()).select_from(stage_state)).scalar_one())
    finally:
        store.close()


def test_forgetting_an_unknown_author_fails_and_writes_no_tombstone(tmp_path: Path) -> None:
    db = tmp_path / "beatwire.db"
    assert beatwire("--db", f"sqlite:///{db}", "init", cwd=tmp_path).returncode == 0
    result = beatwire("--db", f"sqlite:///{db}", "forget", "--author", "nobody", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: no record of author 'nobody' is stored: nothing forgotten"
    )
    assert _tombstones(db) == 0


def test_an_empty_handle_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "beatwire.db"
    result = beatwire("--db", f"sqlite:///{db}", "forget", "--author", "  ", cwd=tmp_path)
    assert result.returncode == 2
    assert "an author handle cannot be empty" in result.stderr
