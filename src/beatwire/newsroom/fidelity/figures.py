"""Counts a story states, compared with each other: restated figures and parts of a whole.

A count is a whole number followed by what it counts ("59 records", "27 posts, comments
and articles", "12 negative posts"); posts, records, mentions and items are one unit.
Two counts state the same quantity when they count the same unit with the same words
between (the "negative" of "12 negative posts"), the same scope (a platform bound to the
number, the usual level, "the sample", "now"/"in all", the day the sentence names) and
the same named subjects; engagement (points, upvotes, comments, stars, downloads...)
belongs to a record, so it is one quantity only for the same record (the marker right
after the count, else the sentence's citations). Counts after
"another", "more", "other" and the like are partial and never compared.

- restated: a quantity stated twice must have one value (within rounding, or 10 % when
  either is approximate: "about 60");
- parts: counts bound to platforms ("Bluesky led with 11 records, followed by Reddit
  (10)", "40 on Reddit and 30 on Bluesky") must not add up to more than the whole: a
  total of the same unit in the same sentence, else the largest the story states; and
  in "N of the M records", N is at most M.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from beatwire.model import PLATFORM_NAMES
from beatwire.newsroom.fidelity.checks import QUOTED, Check, outside_quotes
from beatwire.newsroom.fidelity.claims import Claim
from beatwire.newsroom.fidelity.grounding import Ground
from beatwire.newsroom.fidelity.names import known_in
from beatwire.newsroom.markers import cited_numbers

_RECORDS = frozenset({"records", "posts", "mentions", "items", "record", "post", "mention"})
_UNITS = (
    r"records?|posts?|mentions?|items|comments|articles|stories|authors|accounts|papers|models|"
    r"replies|threads|videos|repositories|datasets|upvotes|points|stars|downloads|likes|reposts"
)
_COUNT = re.compile(
    rf"(?<![\w.,\-])(\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\w.,%\-]\d|[\w%])\s+"
    rf"(?:([a-z][a-z-]+)\s+)?({_UNITS})\b"
)
_PARTIAL = re.compile(
    r"\b(?:another|more|other|further|extra|additional|new|remaining|next|last|first)\s*$", re.I
)
_ENGAGEMENT = frozenset(
    {"comments", "replies", "upvotes", "points", "stars", "downloads", "likes", "reposts"}
)
_BETWEEN_PARTIAL = frozenset({"more", "other", "further", "extra", "additional", "new"})
_APPROX = re.compile(
    r"(?:about|roughly|nearly|almost|around|some|more than|over|under|at least|close to|"
    r"fewer than|less than|up to|approximately)\s*$",
    re.IGNORECASE,
)
_BASELINE = re.compile(
    r"\b(?:usual|typical|normal|median|baseline|average|ordinary|before|earlier|previous)\b"
    r"[^\d.;!?]{0,30}$",
    re.IGNORECASE,
)
_NOW = re.compile(r"\b(?:now|so far|in all|in total|to date|all told|altogether)\b", re.I)
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2}\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_OF_THE = re.compile(
    r"(?<![\w.,])(\d[\d,]*)\s+of\s+(?:the|those|these|its|their|all)\s+(\d[\d,]*)\b"
)
_PLATFORM_AFTER = re.compile(
    r"^\s*(?:[a-z]+\s+)?(?:on|from|in)\s+(?:the\s+)?(" + "|".join(
        re.escape(name) for name in sorted(PLATFORM_NAMES.values(), key=len, reverse=True)
    ) + r")\b"
)  # fmt: skip
# A whole number on its own: not part of a decimal, a percentage, a name or a date's year.
_INTEGER = re.compile(r"(?<![\w.,\-+−])(\d{1,3}(?:,\d{3})+|\d+)(?![\w%]|[.,]\d)")
_UNIT_AFTER = re.compile(rf"\s+(?:[a-z][a-z-]+\s+)?({_UNITS})\b")
_MARKERS = re.compile(r"\s*\[\d+\]")
_KEY_OF_NAME = {name.lower(): key for key, name in PLATFORM_NAMES.items()}


@dataclass(frozen=True, slots=True)
class Count:
    """A count the story states, with what makes it one quantity and not another."""

    value: float
    approx: bool
    unit: str  # the unit, with any word between ("negative posts")
    platform: str | None
    scope: tuple[str, ...]  # usual level, sample, now, the day named
    names: frozenset[str]
    text: str  # as written: "59 records"


def _unit(word: str, between: str | None) -> str:
    unit = "records" if word.lower() in _RECORDS else word.lower()
    return f"{between.lower()} {unit}" if between and between.lower() != "and" else unit


def _platform_near(before: str, after: str) -> str | None:
    """Return the platform a count belongs to: named just before it, or "on X" just after."""
    if match := _PLATFORM_AFTER.search(after):
        return _KEY_OF_NAME[match.group(1).lower()]
    tail = before[-60:]
    found = [(tail.rfind(name), key) for key, name in PLATFORM_NAMES.items() if name in tail]
    found = [(at, key) for at, key in found if at >= 0 and not re.search(r"[\d;.!?]", tail[at:])]
    return max(found)[1] if found else None


def _scope(bare: str, before: str, record: str | None) -> tuple[str, ...]:
    """Return what a count is of besides its unit; `bare` is the claim without quotes."""
    scope = [record] if record else []
    if _BASELINE.search(before):
        scope.append("usual")
    if "sample" in bare.lower():
        scope.append("sample")
    if _NOW.search(bare):
        scope.append("now")
    else:
        scope += sorted(set(_DATE.findall(bare)))
    return tuple(scope)


def _record_of(after: str, claim: str, unit: str) -> str | None:
    """Return the record engagement belongs to: the marker right after it, else the claim's."""
    if unit not in _ENGAGEMENT:
        return None
    if marker := re.match(r"[^.;!?\[]{0,40}\[(\d+)\]", after):
        return f"[{marker.group(1)}]"
    return "".join(f"[{n}]" for n in cited_numbers(claim)) or None


def counts_in(claim: str, ground: Ground) -> list[Count]:
    """Return the complete counts a claim states (partial ones left out)."""
    kept = QUOTED.sub(" … ", claim)  # quotations out, citation markers kept
    bare = outside_quotes(claim)
    names = frozenset(known_in(bare, ground.names))
    found = []
    for match in _COUNT.finditer(kept):
        raw, between, word = match.groups()
        before = _MARKERS.sub("", kept[: match.start()])
        after = _MARKERS.sub("", kept[match.end() :])
        if _PARTIAL.search(before) or (between or "").lower() in _BETWEEN_PARTIAL:
            continue
        unit = _unit(word, between)
        record = _record_of(kept[match.end() :], claim, unit)
        found.append(
            Count(
                value=float(raw.replace(",", "")),
                approx=bool(_APPROX.search(before)),
                unit=unit,
                platform=_platform_near(before, after),
                scope=_scope(bare, before, record),
                names=names,
                text=match.group(0),
            )
        )
    return found


def _same_value(a: Count, b: Count) -> bool:
    slack = max(a.value, b.value) * 0.1 if a.approx or b.approx else 0.5
    return abs(a.value - b.value) <= slack


def _quantity(count: Count) -> tuple[object, ...]:
    return (count.unit, count.platform, count.scope, count.names)


def restated_checks(claims: Iterable[Claim], ground: Ground) -> None:
    """Add to each claim restating a quantity whether the value is the one stated first."""
    first: dict[tuple[object, ...], tuple[Count, Claim]] = {}
    for claim in claims:
        for count in counts_in(claim.text, ground):
            key = _quantity(count)
            if key not in first:
                first[key] = (count, claim)
                continue
            earlier, where = first[key]
            if where is claim and earlier.text == count.text:
                continue
            ok = _same_value(earlier, count)
            detail = (
                f"{count.text}: as stated before"
                if ok
                else f"{count.text}: the story also says {earlier.text} of the same quantity "
                f"(“{where.text[:80]}”)"
            )
            claim.checks.append(Check("restated", ok, detail))


def platform_parts(claim: str) -> dict[str, float]:
    """Return the record counts a claim binds to platforms, one per platform (the first)."""
    bare = _DATE.sub(" ", outside_quotes(claim))
    parts: dict[str, float] = {}
    for match in _INTEGER.finditer(bare):
        before, after, raw = bare[: match.start()], bare[match.end() :], match.group(1)
        unit = _UNIT_AFTER.match(after)
        if _PARTIAL.search(before) or (unit and unit.group(1).lower() not in _RECORDS):
            continue  # a partial count, or one of downloads, points... (not records)
        platform = _platform_near(before, after)
        if platform is not None and platform not in parts:
            parts[platform] = float(raw.replace(",", ""))
    return parts


def _of_the(text: str) -> list[Check]:
    checks = []
    for match in _OF_THE.finditer(outside_quotes(text)):
        part, whole = (float(g.replace(",", "")) for g in match.groups())
        ok = part <= whole
        detail = "a part within its whole" if ok else "a part larger than its whole"
        checks.append(Check("parts", ok, f"{match.group(0)}: {detail}"))
    return checks


def totals_in(claims: Iterable[Claim], ground: Ground) -> list[Count]:
    """Return the counts of records a story states for no one platform and not as the usual."""
    return [
        count
        for claim in claims
        for count in counts_in(claim.text, ground)
        if count.platform is None and "usual" not in count.scope and count.unit == "records"
    ]


def parts_checks(claims: list[Claim], ground: Ground) -> None:
    """Add to each claim that splits a count by platform whether the parts fit the whole."""
    totals = totals_in(claims, ground)
    for claim in claims:
        claim.checks += _of_the(claim.text)
        parts = platform_parts(claim.text)
        if not parts:
            continue
        own = [c for c in counts_in(claim.text, ground) if c in totals]
        whole = max(own or totals, key=lambda c: c.value, default=None)
        if whole is None:
            continue
        added = sum(parts.values())
        ok = added <= whole.value * (1.1 if whole.approx else 1) + 0.5
        names = ", ".join(f"{PLATFORM_NAMES.get(k, k)} {v:g}" for k, v in parts.items())
        verdict = "within" if ok else "more than"
        detail = f"{names}: {added:g} in all, {verdict} the story's total of {whole.text}"
        claim.checks.append(Check("parts", ok, detail))
