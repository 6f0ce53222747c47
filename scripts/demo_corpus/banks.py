"""The hand-written text banks: words and prose kept as data in banks/*.toml, read once.

TOML because Python reads it without a dependency (tomllib), it takes comments, the
project's own data is TOML already (data/beats.toml), and one quoted string a line
needs almost no escaping.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent / "banks"


def load(name: str) -> dict[str, Any]:
    """Return the bank in banks/`name`.toml, its tables and arrays in file order."""
    with (FOLDER / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


BEATS: dict[str, dict[str, list[str]]] = load("beats")  # beat -> keywords, topics, moods...
COMMON = load("common")  # people, outlets, framing by mood, replies
EVENTS: dict[str, dict[str, list[str]]] = load("events")  # planted event id -> its text
FOREIGN = load("foreign")  # non-English posts and openers by language
HOSTILE: list[dict[str, str]] = load("hostile")["records"]  # escaping and injection probes
SCHOLARLY = load("scholarly")  # paper abstracts, model cards, links
