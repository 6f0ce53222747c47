"""A mistyped command or option prints the usage and one line and exits 2; --help loads no stage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from beatwire.jobs.export import FORMATS

BEATWIRE = [sys.executable, "-c", "from beatwire.cli import main; main()"]


def beatwire(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BEATWIRE, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    ("args", "usage", "error"),
    [
        (
            ["nosuchcmd"],
            ["Usage: beatwire [OPTIONS] COMMAND [ARGS]...", "Try 'beatwire --help' for help."],
            "Error: No such command 'nosuchcmd'.",
        ),
        (
            ["ingest", "--nosuch"],
            [
                "Usage: beatwire ingest [OPTIONS] [sources]...",
                "Try 'beatwire ingest --help' for help.",
            ],
            "Error: No such option: --nosuch (Possible options: --source)",
        ),
        (
            ["export"],
            ["Usage: beatwire export [OPTIONS]", "Try 'beatwire export --help' for help."],
            "Error: Missing option '--format'.",
        ),
    ],
)
def test_a_usage_error_prints_the_usage_and_one_line(
    tmp_path: Path, args: list[str], usage: list[str], error: str
) -> None:
    result = beatwire(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [*usage, "", error]


def test_help_loads_no_stage_and_no_heavy_library(tmp_path: Path) -> None:
    # Commands import their stage when they run, so `beatwire --help` starts fast.
    heavy = ("alembic", "fastapi", "numpy", "pydantic_settings", "sqlalchemy")
    stages = [f"beatwire.{name}" for name in ("analysis", "config", "jobs", "newsroom", "signals",
                                              "sources", "store", "web")]  # fmt: skip
    script = (
        "import sys\nfrom beatwire.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--help"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    loaded = set(done.stderr.split())
    assert "Usage: beatwire [OPTIONS] COMMAND [ARGS]..." in done.stdout
    assert sorted(loaded & set(heavy)) == []
    inside = tuple(f"{stage}." for stage in stages)
    assert sorted(m for m in loaded if m in stages or m.startswith(inside)) == []


def test_export_help_names_every_format(tmp_path: Path) -> None:
    result = beatwire("export", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert all(name in result.stdout for name in FORMATS)
