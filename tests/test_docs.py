"""Every command has help text and is documented in the README (as sqlite-utils does)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from beatwire.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    group = typer.main.get_group(app)
    names: list[str] = []
    for name, command in group.commands.items():
        sub = getattr(command, "commands", None)
        names += [f"{name} {child}" for child in sub] if sub else [name]
    return sorted(names)


@pytest.mark.parametrize("name", command_names())
def test_command_has_help(name: str) -> None:
    group = typer.main.get_group(app)
    parts = name.split()
    command = group.commands[parts[0]]
    if len(parts) > 1:
        command = command.commands[parts[1]]  # type: ignore[attr-defined]
    assert (command.help or "").strip(), f"{name} has no help text"


@pytest.mark.parametrize("name", command_names())
def test_command_is_in_the_readme(name: str) -> None:
    assert f"beatwire {name}" in README, f"README does not document `beatwire {name}`"


def test_readme_gives_the_two_commands() -> None:
    assert "make demo" in README
    assert "make test" in README
