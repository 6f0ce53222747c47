"""Settings precedence, one test a neighbouring pair: defaults < toml < environment < flags."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from beatwire.config import DEFAULT_DB, load_settings

TOML = """db = "sqlite:///toml.db"

[web]
host = "0.0.0.0"
port = 9001
"""


@pytest.fixture(autouse=True)
def no_beatwire_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Start each test with no BEATWIRE_* variable and no ./beatwire.toml."""
    for name in list(os.environ):
        if name.startswith("BEATWIRE_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_the_toml_file_overrides_the_defaults(tmp_path: Path) -> None:
    defaults = load_settings()
    (tmp_path / "beatwire.toml").write_text(TOML)
    from_file = load_settings()
    assert (defaults.db, defaults.web.host, defaults.web.port) == (DEFAULT_DB, "127.0.0.1", 8000)
    assert (from_file.db, from_file.web.host, from_file.web.port) == (
        "sqlite:///toml.db",
        "0.0.0.0",
        9001,
    )


def test_the_environment_overrides_the_toml_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "beatwire.toml").write_text(TOML)
    monkeypatch.setenv("BEATWIRE_DB", "sqlite:///env.db")
    monkeypatch.setenv("BEATWIRE_WEB__PORT", "9002")
    current = load_settings()
    # The environment replaces the keys it names; the file's other keys stay.
    assert (current.db, current.web.host, current.web.port) == ("sqlite:///env.db", "0.0.0.0", 9002)


def test_a_command_line_flag_overrides_the_environment(tmp_path: Path) -> None:
    (tmp_path / "beatwire.toml").write_text(TOML)
    environment = {**os.environ, "BEATWIRE_DB": "sqlite:///env.db"}
    done = subprocess.run(
        [sys.executable, "-c", "from beatwire.cli import main; main()",
         "--db", "sqlite:///flag.db", "status", "--json"],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in tmp_path.glob("*.db")) == ["flag.db"]
