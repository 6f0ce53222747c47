"""Dates against the data: a day a sentence names is the day of the record it cites.

A date claim is a month and day ("on November 17") or a weekday ("on Monday"). In a
sentence that cites records, the day must be the UTC publication day of one of them (the
weekday, that day's weekday): "On November 17, Mara Quillon wrote … [3]" is wrong when
record 3 was posted on November 12 (records of unknown day are not judged). In a
sentence that cites nothing, a weekday must be the weekday of a day of the evidence (the
number check already holds a month and day to the evidence's days).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from beatwire.newsroom.fidelity.checks import Check, outside_quotes
from beatwire.newsroom.fidelity.grounding import Ground, Source

_MONTHS = list(calendar.month_name)[1:]
_WEEKDAYS = list(calendar.day_name)
_DATE = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2})\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")


def _named(text: str) -> list[tuple[str, int | None, int | None]]:
    """Return the dates a claim names: (as written, (month, day) or None, weekday or None)."""
    bare = outside_quotes(text)
    found: list[tuple[str, int | None, int | None]] = []
    for match in _DATE.finditer(bare):
        month = _MONTHS.index(match.group(1)) + 1
        found.append((match.group(0), month * 100 + int(match.group(2)), None))
    for match in _WEEKDAY.finditer(bare):
        found.append((match.group(0), None, _WEEKDAYS.index(match.group(1))))
    return found


def _fits(day: date, month_day: int | None, weekday: int | None) -> bool:
    if month_day is not None:
        return day.month * 100 + day.day == month_day
    return day.weekday() == weekday


def _days(sources: list[Source]) -> str:
    days = sorted({s.day for s in sources if s.day})
    return ", ".join(f"{d:%A} {d:%B} {d.day}" for d in days) or "an unknown day"


def date_checks(text: str, cited: list[Source], ground: Ground) -> list[Check]:
    """Return whether each day the claim names is the day of a cited record (or evidence)."""
    checks = []
    cited = [s for s in cited if s.day]  # a record of unknown day contradicts nothing
    for written, month_day, weekday in _named(text):
        if cited:
            ok = any(s.day and _fits(s.day, month_day, weekday) for s in cited)
            detail = (
                "the day of a cited record" if ok else f"the cited records are from {_days(cited)}"
            )
        elif weekday is not None:
            ok = any(_fits(day, None, weekday) for day in ground.days)
            detail = "a weekday of the evidence" if ok else "no day of the evidence is one"
        else:
            continue
        checks.append(Check("date", ok, f"{written}: {detail}"))
    return checks
