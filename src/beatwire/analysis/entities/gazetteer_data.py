"""The gazetteer of the AI world: loading and checking data/gazetteer/*.toml once."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from beatwire.errors import AnalysisError

ENTITY_TYPES = frozenset(
    {
        "person",
        "organization",
        "state",
        "government",
        "product",
        "technology",
        "legislation",
        "concept",
    }
)
CASE_MODES = frozenset({"auto", "any", "exact", "cap"})
_ISO = re.compile(r"^[A-Z]{2}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
_META_FILE = "_meta.toml"


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One named thing with the aliases it goes by."""

    slug: str
    name: str
    type: str
    aliases: tuple[str, ...]
    case: str = "auto"  # auto: short all-caps aliases exact, others any case
    context: bool = False  # single-word aliases need AI context in the text
    country: str | None = None  # ISO 3166-1 alpha-2 (EU for the Union)
    maker: str | None = None  # slug of the organisation that makes a product
    ticker: str | None = None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Every entry, the words that give AI context, and sequences that must not match."""

    entries: tuple[GazetteerEntry, ...]
    context_cues: frozenset[str]
    blocked: tuple[str, ...]

    def by_slug(self) -> dict[str, GazetteerEntry]:
        """Return the entries keyed by slug."""
        return {entry.slug: entry for entry in self.entries}


@cache
def load_meta() -> dict[str, Any]:
    """Return data/gazetteer/_meta.toml: context cues, blocked names, proper-name cues."""
    path = resources.files("beatwire").joinpath("data", "gazetteer", _META_FILE)
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def load_gazetteer() -> Gazetteer:
    """Return the packaged gazetteer, read and checked once per process."""
    folder = resources.files("beatwire").joinpath("data", "gazetteer")
    entries: list[GazetteerEntry] = []
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if not item.name.endswith(".toml") or item.name == _META_FILE:
            continue
        data = tomllib.loads(item.read_text(encoding="utf-8"))
        default_type = data.get("type")
        entries.extend(_entry(raw, default_type, item.name) for raw in data.get("entries", []))
    _check_unique(entries)
    meta = load_meta()
    cues = frozenset(cue.lower() for cue in meta.get("context", {}).get("cues", []))
    blocked = tuple(meta.get("block", {}).get("aliases", []))
    return Gazetteer(tuple(entries), cues, blocked)


def _entry(raw: dict[str, Any], default_type: str | None, source: str) -> GazetteerEntry:
    """Return one checked entry built from its TOML table."""
    try:
        entry = GazetteerEntry(
            slug=raw["slug"],
            name=raw["name"],
            type=str(raw.get("type", default_type)),
            aliases=tuple(raw.get("aliases", ())),
            case=raw.get("case", "auto"),
            context=bool(raw.get("context", False)),
            country=raw.get("country"),
            maker=raw.get("maker"),
            ticker=raw.get("ticker"),
        )
    except KeyError as exc:
        raise AnalysisError(f"gazetteer {source}: entry without {exc}: {raw!r}") from exc
    _check_entry(entry, source)
    return entry


def _check_entry(entry: GazetteerEntry, source: str) -> None:
    """Raise AnalysisError when an entry breaks the gazetteer's rules."""
    problems = []
    if entry.type not in ENTITY_TYPES:
        problems.append(f"unknown type {entry.type!r}")
    if entry.case not in CASE_MODES:
        problems.append(f"unknown case {entry.case!r}")
    if not _SLUG.match(entry.slug):
        problems.append("slug is not lowercase-hyphenated")
    if entry.type == "organization" and not (entry.country and _ISO.match(entry.country)):
        problems.append("organisation without an ISO country code")
    if entry.type == "product" and not entry.maker:
        problems.append("product without a maker")
    if problems:
        raise AnalysisError(f"gazetteer {source}: {entry.slug}: {'; '.join(problems)}")


def _check_unique(entries: list[GazetteerEntry]) -> None:
    """Raise AnalysisError on a repeated slug or a product whose maker is unknown."""
    counts = Counter(entry.slug for entry in entries)
    repeated = sorted(slug for slug, n in counts.items() if n > 1)
    if repeated:
        raise AnalysisError(f"gazetteer: repeated slugs {repeated}")
    known = set(counts)
    orphans = sorted(e.slug for e in entries if e.maker and e.maker not in known)
    if orphans:
        raise AnalysisError(f"gazetteer: products whose maker is not an entry: {orphans}")
