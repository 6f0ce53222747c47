"""Makers: the organisation behind a Hugging Face repo and its country (data/makers.toml).

A repo id `org/name` (or a dataset's `datasets/org/name`) belongs to the maker listed
for `org`; orgs of one company (Qwen, Wan-AI and Alibaba-NLP are all Alibaba's) share
its `company`, under which standings add them up. An org that is not listed is
unknown: `maker_of` returns None and `country_of` says "unknown"; nothing guesses a
country from a name. A country's name and demonym ("Chinese") come from
data/countries.toml, which lists every makers' country.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

UNKNOWN = "unknown"  # the country (and count) of a repo whose maker is not listed


@dataclass(frozen=True, slots=True)
class Maker:
    """One organisation on the Hub: who it is, where it is based, and how we know."""

    org: str
    name: str
    country: str  # ISO 3166-1 alpha-2
    source: str  # what the country rests on (a Wikipedia article, the org's page, a university)
    entity: str | None = None  # the gazetteer slug of the maker
    maker: str | None = None  # the company, when the org's name is a team's ("Alibaba (Qwen)")

    @property
    def company(self) -> str:
        """Return whom standings count the org's models for: its company, else its name."""
        return self.maker or self.name


@dataclass(frozen=True, slots=True)
class Country:
    """A makers' country as stories name it."""

    code: str  # ISO 3166-1 alpha-2
    name: str  # "the United States"
    demonym: str  # "American"


@cache
def load_countries() -> dict[str, Country]:
    """Return the packaged countries of the makers by ISO code."""
    text = (resources.files("beatwire.data") / "countries.toml").read_text(encoding="utf-8")
    return {entry["code"]: Country(**entry) for entry in tomllib.loads(text)["countries"]}


def demonym(code: str) -> str:
    """Return the adjective of a country ("Chinese"); an unlisted code, unknown included, as is."""
    country = load_countries().get(code)
    return country.demonym if country is not None else code


def group_name(scope: str, key: str) -> str:
    """Return how a story names a group: "Chinese makers" for a country, a maker by its name."""
    if key == UNKNOWN:
        return "unknown makers"
    return f"{demonym(key)} makers" if scope == "country" else key


@cache
def load_makers() -> dict[str, Maker]:
    """Return the packaged makers by lowercased Hugging Face org."""
    text = (resources.files("beatwire.data") / "makers.toml").read_text(encoding="utf-8")
    entries = tomllib.loads(text)["makers"]
    return {entry["org"].lower(): Maker(**entry) for entry in entries}


def org_of(repo_id: str) -> str | None:
    """Return the org of a repo id (`org/name` or `datasets/org/name`), None without one."""
    parts = repo_id.split("/")
    if parts[0] == "datasets":
        parts = parts[1:]
    return parts[0] if len(parts) == 2 and parts[0] else None


def maker_of(repo_id: str) -> Maker | None:
    """Return the maker of a repo, or None when its org is not listed (or it has none)."""
    org = org_of(repo_id)
    return load_makers().get(org.lower()) if org is not None else None


def country_of(repo_id: str) -> str:
    """Return the maker's country of a repo, or "unknown"."""
    maker = maker_of(repo_id)
    return maker.country if maker is not None else UNKNOWN


def countries(repo_ids: Iterable[str]) -> Counter[str]:
    """Return how many repos each country made, the unlisted ones under "unknown"."""
    return Counter(country_of(repo_id) for repo_id in repo_ids)
