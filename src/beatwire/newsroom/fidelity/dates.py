"""Dates against the data: the day a sentence says something happened is one the data shows.

A date claim is "on" a month and day ("on November 17") or "on" a weekday ("On Monday,
…"); "past November 15" or "since Monday" claim no day. In a sentence that cites
records, the day must be
- for a sentence that quotes or names a speaker ("On November 17, Mara Quillon wrote …
  [3]"): the UTC publication day of a cited record, or a day a cited record's own text
  names (an article saying what happened on Friday);
- for any other sentence ("On November 17, talk of Vireo-4 reached 57 records [1]"):
  also a day of the signal's window, the day the figures are about.
Records of unknown day are not judged. In a sentence that cites nothing, a weekday must
be the weekday of a day of the evidence (the number check already holds a month and day
to the evidence's days).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from beatwire.newsroom.fidelity.checks import Check, outside_quotes, quotes_of
from beatwire.newsroom.fidelity.grounding import Ground, Source
from beatwire.newsroom.fidelity.speakers import speakers_in

_MONTHS = list(calendar.month_name)[1:]
_WEEKDAYS = list(calendar.day_name)
_WEEKDAY = "|".join(_WEEKDAYS)
_MONTH = "|".join(_MONTHS)
_DATE = re.compile(rf"\b[Oo]n\s+(?:({_WEEKDAY})\b,?\s*)?(?:({_MONTH})\s+(\d{{1,2}})\b)?")


def _named(text: str) -> list[tuple[str, int | None, int | None]]:
    """Return the days a claim says something happened on: (as written, month*100+day, weekday)."""
    found: list[tuple[str, int | None, int | None]] = []
    for match in _DATE.finditer(outside_quotes(text)):
        weekday, month, day = match.groups()
        if weekday is None and month is None:
            continue
        month_day = (_MONTHS.index(month) + 1) * 100 + int(day) if month else None
        found.append(
            (match.group(0).strip(" ,"), month_day, _WEEKDAYS.index(weekday) if weekday else None)
        )
    return found


def _fits(day: date, month_day: int | None, weekday: int | None) -> bool:
    if month_day is not None and day.month * 100 + day.day != month_day:
        return False
    return weekday is None or day.weekday() == weekday


def _told_by(source: Source, month_day: int | None, weekday: int | None) -> bool:
    """Return whether a record's own text names the day (an article about what happened then)."""
    text = source.text
    if month_day is not None and not re.search(
        rf"\b{_MONTHS[month_day // 100 - 1]}\s+{month_day % 100}\b", text
    ):
        return False
    return weekday is None or _WEEKDAYS[weekday] in text


def _days(days: Iterable[date]) -> str:
    return ", ".join(f"{d:%A} {d:%B} {d.day}" for d in sorted(set(days))) or "an unknown day"


def date_checks(text: str, cited: list[Source], ground: Ground) -> list[Check]:
    """Return whether each day the claim says something happened on is one the data shows."""
    checks = []
    dated = [s for s in cited if s.day]  # a record of unknown day contradicts nothing
    spoken = bool(quotes_of(text) or speakers_in(text, ground))
    for written, month_day, weekday in _named(text):
        if dated:
            days = {s.day for s in dated if s.day} | (set() if spoken else ground.window)
            ok = any(_fits(d, month_day, weekday) for d in days) or any(
                _told_by(s, month_day, weekday) for s in dated
            )
            what = (
                "the cited records are from"
                if spoken
                else "the cited records and the signal are from"
            )
            detail = "a day the data shows" if ok else f"{what} {_days(days)}"
        elif weekday is not None and not cited:
            ok = any(_fits(day, month_day, weekday) for day in ground.days)
            detail = "a weekday of the evidence" if ok else "no day of the evidence is one"
        else:
            continue
        checks.append(Check("date", ok, f"{written}: {detail}"))
    return checks
