"""The checks the verifier runs on one claim; each returns `Check`s, never raises."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from beatwire.model import PLATFORM_NAMES
from beatwire.newsroom.fidelity.grounding import Ground, Source, numbers_in
from beatwire.newsroom.fidelity.names import known_in, unknown_names
from beatwire.newsroom.fidelity.numbers import check_numbers
from beatwire.newsroom.fidelity.quotes import is_verbatim

QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_MARKER = re.compile(r"\s*\[\d+\]")
_GROUP = re.compile(
    r"\b(many|most|several|numerous|critics|researchers|users|developers|commenters|posters|"
    r"people|experts|skeptics|sceptics|supporters|fans|artists|workers|teachers|observers|"
    r"academics|engineers|readers|voices|others)\b",
    re.IGNORECASE,
)
_NEGATIVE = (
    r"skeptical|sceptical|critical|worried|warned|complained|feared|doubted|questioned|objected|"
    r"critici[sz]ed|slammed|angry|concerned|alarmed|dismissed|mocked|pushed back|unhappy|furious"
)
_POSITIVE = (
    r"praised|welcomed|celebrated|cheered|applauded|hailed|enthusiastic|excited|optimistic|"
    r"embraced|impressed|delighted"
)
_NEUTRAL = r"argued|said|noted|asked|wondered|agreed|expressed|called|described|insisted"
_STANCE = {
    "negative": re.compile(rf"\b({_NEGATIVE})\b", re.IGNORECASE),
    "positive": re.compile(rf"\b({_POSITIVE})\b", re.IGNORECASE),
    "any": re.compile(rf"\b({_NEUTRAL})\b", re.IGNORECASE),
}
_PLATFORM = {name: key for key, name in PLATFORM_NAMES.items() if key != "news"}


@dataclass(slots=True)
class Check:
    """One check of one claim."""

    kind: str  # marker, quote, attribution, platform, number, name, group
    ok: bool
    detail: str


def quotes_of(text: str) -> list[str]:
    """Return the quotations in `text`."""
    return [m.group(1) or m.group(2) for m in QUOTED.finditer(text)]


def outside_quotes(text: str) -> str:
    """Return `text` with quotations and citation markers blanked out."""
    return _MARKER.sub("", QUOTED.sub(" … ", text))


def verdict(ok: bool, cited: Sequence[Source], passed: str, failed: str, uncited: str) -> str:
    """Return the detail of a check against the cited records: passed, failed, or none cited."""
    if ok:
        return passed
    return failed if cited else uncited


def marker_checks(cited: list[int], ground: Ground) -> list[Check]:
    """Return whether each `[N]` resolves to a record of the evidence."""
    return [
        Check(
            "marker",
            n in ground.sources,
            f"[{n}] " + ("resolves" if n in ground.sources else "cites nothing in the evidence"),
        )
        for n in cited
    ]


def quote_checks(text: str, where: list[Source]) -> list[Check]:
    """Return whether each quotation is verbatim in one of `where` (the records a claim cites)."""
    checks = []
    for quote in quotes_of(text):
        ok = any(is_verbatim(quote, s.text) for s in where)
        detail = verdict(
            ok,
            where,
            "verbatim in a cited record",
            "not found in any record this sentence cites",
            "quoted without a citation",
        )
        checks.append(Check("quote", ok, f"“{quote[:60]}”: {detail}"))
    return checks


def attribution_checks(text: str, cited: list[Source], all_sources: list[Source]) -> list[Check]:
    """Return whether the people a quotation is attributed to wrote a cited record holding it."""
    quotes = quotes_of(text)
    if not quotes:
        return []
    bylines = {a for s in all_sources for a in s.authors if len(a) >= 3}
    named = known_in(outside_quotes(text), bylines)
    checks = []
    for name in named:
        holders = [s for s in cited if any(is_verbatim(q, s.text) for q in quotes)]
        ok = any(name.lower() in (a.lower() for a in s.authors) for s in holders)
        checks.append(
            Check(
                "attribution",
                ok,
                f"quote attributed to {name}: "
                + ("matches the record's author" if ok else "not the author of the quoted record"),
            )
        )
    return checks


def platform_checks(text: str, cited: list[Source]) -> list[Check]:
    """Return whether each platform a quoting claim names is where a cited record comes from.

    Only claims with a quotation: elsewhere a platform is context ("reached Reddit"), not
    the place a cited record is attributed to.
    """
    if not cited or not quotes_of(text):
        return []
    bare = outside_quotes(text)
    checks = []
    for name, key in _PLATFORM.items():
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", bare):
            ok = any(s.provider == key for s in cited)
            checks.append(
                Check(
                    "platform",
                    ok,
                    f"{name}: "
                    + ("a cited record is from there" if ok else "no cited record is from there"),
                )
            )
    return checks


def number_checks(text: str, cited: list[Source], ground: Ground) -> list[Check]:
    """Return whether each number is in the evidence's figures or a cited record."""
    extra = {n for s in cited for n in numbers_in(s.text)}
    return [
        Check(
            "number",
            c.ok,
            f"{c.text}: "
            + ("traceable to the evidence" if c.ok else "not in the evidence within tolerance"),
        )
        for c in check_numbers(outside_quotes(text), ground, extra)
    ]


def name_checks(text: str, where: list[Source], ground: Ground) -> list[Check]:
    """Return whether each name is mentioned by one of `where` (the records a claim cites)."""
    bare = outside_quotes(text)
    checks = []
    for name in known_in(bare, ground.names):
        ok = any(s.mentions(name) for s in where)
        checks.append(
            Check(
                "name",
                ok,
                f"{name}: "
                + (
                    "mentioned by a cited record"
                    if ok
                    else "named without citing a record that mentions it"
                ),
            )
        )
    for name in unknown_names(bare, ground.names, ground.vocabulary):
        ok = any(name.lower() in s.text.lower() for s in where)
        checks.append(
            Check(
                "name",
                ok,
                f"{name}: "
                + ("mentioned by a cited record" if ok else "a name no cited record mentions"),
            )
        )
    return checks


def group_checks(text: str, ground: Ground) -> list[Check]:
    """Return whether an uncited claim about a group has three independent authors behind it."""
    bare = outside_quotes(text)
    if not _GROUP.search(bare):
        return []
    stance = next((kind for kind, pattern in _STANCE.items() if pattern.search(bare)), None)
    if stance is None:
        return []
    authors = {
        s.authors[0] if s.authors else f"#{s.number}"
        for s in ground.sources.values()
        if _agrees(stance, s.sentiment)
    }
    ok = len(authors) >= 3
    return [
        Check(
            "group",
            ok,
            f"group claim ({stance}): {len(authors)} independent authors in the evidence agree",
        )
    ]


def stated_side(text: str) -> int | None:
    """Return the side a claim says a group took: -1 critical, 1 welcoming, None neither."""
    bare = outside_quotes(text)
    if not _GROUP.search(bare):
        return None
    if _STANCE["negative"].search(bare):
        return -1
    return 1 if _STANCE["positive"].search(bare) else None


def _agrees(stance: str, sentiment: float | None) -> bool:
    if stance == "any":
        return True
    if sentiment is None:
        return False
    return sentiment <= -0.05 if stance == "negative" else sentiment >= 0.05
