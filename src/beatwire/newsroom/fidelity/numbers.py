"""Numbers in a claim, and whether each is traceable to the evidence.

Tolerances (shown in every report):
- rounding: a number written with d decimals matches a fact f when
  |x - f| <= 0.5 x 10^-d (so `3.4` covers 3.35-3.45, `42` covers 41.5-42.5);
- percentages and points: a fact f also appears as 100 f (`42%` for a share of
  0.42, `12 points` for a change of 0.12) and as |f| (`fell 12 points`);
- approximations: after "about", "roughly", "nearly", "almost", "around",
  "some", "more than", "over", "under", "at least", "close to" the tolerance is
  10 % of the number;
- multiples in words: "doubled"/"twice"/"double" match an effect or ratio in [1.75, 2.4],
  "tripled"/"triple" [2.6, 3.5], "quadrupled" [3.5, 4.6], "halved"/"half" [0.4, 0.6];
- dates ("November 3") must be a day of the evidence; four-digit years one of its years;
- bindings: a number right after a platform's name ("Reddit (13)", "on Reddit, with
  13 records", "Reddit averaged -0.12") must be a figure of that platform; after
  "median", "usual", "typical", "normal" or "baseline" a baseline figure; before
  "times its/the/their/as", "-fold" or "x" an effect or ratio. Unbound numbers may
  match any figure.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from beatwire.model import PLATFORM_NAMES
from beatwire.newsroom.fidelity.grounding import Ground

TOLERANCES = (
    "rounding to the written precision; 100x and |x| forms for percentages and points; "
    "10% after approximating words; doubled 1.75-2.4, tripled 2.6-3.5, quadrupled 3.5-4.6, "
    "halved 0.4-0.6; dates must be evidence days"
)
_MONTHS = [name.lower() for name in calendar.month_name[1:]]
_DATE = re.compile(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")\s+(\d{1,2})\b")
# Not inside a name ("Vireo-4", "AX-900", "GPT-4o"); a trailing "x" ("3.2x") is a multiple.
_NUMBER = re.compile(
    r"(?<![\w.\-])([-+−]?\d{1,3}(?:,\d{3})+|[-+−]?\d+(?:\.\d+)?)(?![A-Za-wyz0-9_]|x\w|-(?!fold)\w)"
)
_APPROX = re.compile(
    r"(?:about|roughly|nearly|almost|around|some|more than|over|under|at least|close to|"
    r"fewer than|less than|up to|approximately)\s*$",
    re.IGNORECASE,
)
_MULTIPLES = {
    r"\b(doubl\w*|twice)\b": (1.75, 2.4),
    r"\b(tripl\w*|threefold)\b": (2.6, 3.5),
    r"\b(quadrupl\w*|fourfold)\b": (3.5, 4.6),
    r"\b(halv\w*|by half)\b": (0.4, 0.6),
}
_SPELLED = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_COUNTED = re.compile(
    r"\b(" + "|".join(_SPELLED) + r")\s+(records|posts|platforms|authors|accounts|times|days|"
    r"sources|comments|stories|articles|papers|models|sites|outlets|users)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberCheck:
    """One number of a claim and whether the evidence holds it."""

    text: str
    ok: bool


def _matches(value: float, decimals: int, approx: bool, facts: set[float]) -> bool:
    slack = abs(value) * 0.1 if approx else 0.5 * 10**-decimals + 1e-9
    return any(abs(value - fact) <= slack for fact in facts)


def _year(text: str, value: float) -> bool:
    return text.isdigit() and len(text) == 4 and 1900 <= value <= 2100


_GAP_WORDS = frozenset(
    (
        "with", "averaged", "averaging", "at", "the", "was", "were", "sat",
        "stood", "those", "posts", "records", "on", "of", "in", "coolest",
        "warmest", "highest", "lowest", "where",
    )
)  # fmt: skip
_BASELINE = re.compile(r"(?:median|usual|typical|normal|baseline)\b[^\d.;!?]{0,30}$", re.I)
_RATIO_AFTER = re.compile(r"^(?:\s*(?:times\s+(?:its|the|their|as|what|a)\b|x\b|×)|-fold)", re.I)


def _platform_before(text: str) -> str | None:
    """Return the key of a platform named just before the end of `text`, bound to what follows."""
    best: tuple[int, str] | None = None
    for key, name in PLATFORM_NAMES.items():
        at = text.rfind(name)
        if at >= 0 and (best is None or at > best[0]):
            best = (at + len(name), key)
    if best is None:
        return None
    gap = text[best[0] :]
    words = re.findall(r"[A-Za-z]+", gap)
    if (
        len(gap) > 30
        or re.search(r"[\d.;!?]", gap)
        or any(w.lower() not in _GAP_WORDS for w in words)
    ):
        return None
    return best[1]


def bound_facts(before: str, after: str, ground: Ground) -> set[float] | None:
    """Return the figures a number is bound to by its neighbours, or None when unbound."""
    key = _platform_before(before)
    if key is not None and key in ground.keyed:
        return ground.keyed[key]
    if _BASELINE.search(before) and "baseline" in ground.keyed:
        return ground.keyed["baseline"] | ground.keyed.get("median", set())
    if _RATIO_AFTER.search(after) and "effect" in ground.keyed:
        return ground.keyed["effect"] | ground.keyed.get("ratio", set())
    return None


def check_numbers(text: str, ground: Ground, extra: set[float] | None = None) -> list[NumberCheck]:
    """Return a check for every number, date and multiple-word in `text` (quotes removed)."""
    facts = ground.numbers | (extra or set())
    checks: list[NumberCheck] = []
    for match in _DATE.finditer(text):
        month = _MONTHS.index(match.group(1).lower()) + 1
        ok = (month, int(match.group(2))) in ground.dates
        checks.append(NumberCheck(match.group(0), ok))
    undated = _DATE.sub(" ", text)
    for match in _NUMBER.finditer(undated):
        raw = match.group(1).replace("−", "-")
        value = float(raw.replace(",", ""))
        if _year(raw, value):
            checks.append(NumberCheck(raw, int(value) in ground.years or value in facts))
            continue
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        before, after = undated[: match.start()], undated[match.end() :]
        approx = bool(_APPROX.search(before))
        bound = bound_facts(before, after, ground)
        pool = facts if bound is None else bound | (extra or set())
        checks.append(NumberCheck(raw, _matches(value, decimals, approx, pool)))
    for match in _COUNTED.finditer(undated):
        value = float(_SPELLED[match.group(1).lower()])
        checks.append(NumberCheck(match.group(0), _matches(value, 0, False, facts)))
    for pattern, (low, high) in _MULTIPLES.items():
        for match in re.finditer(pattern, undated, re.IGNORECASE):
            ratios = ground.keyed.get("effect", set()) | ground.keyed.get("ratio", set())
            ok = any(low <= fact <= high for fact in (ratios or facts))
            checks.append(NumberCheck(match.group(0), ok))
    return checks
