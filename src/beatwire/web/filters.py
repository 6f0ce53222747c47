"""Jinja filters of the site: times with their zone, figures, changes, names."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from beatwire.model import PLATFORM_NAMES
from beatwire.taxonomy import beat_name
from beatwire.web.links import points_elsewhere, safe_url
from beatwire.web.render import body_html

# C0 controls but tab and line breaks, DEL, and C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(value: Any) -> Any:
    """Return a string without control characters (markup stays markup); anything else as is."""
    if not isinstance(value, str):
        return value
    cleaned = _CONTROLS.sub("", value)
    return Markup(cleaned) if isinstance(value, Markup) else cleaned


def when(moment: datetime | None) -> str:
    """Return a time as `29 Nov 2026, 09:11 UTC`."""
    return "" if moment is None else f"{moment.day} {moment:%b %Y, %H:%M} UTC"


def day(moment: datetime | None) -> str:
    """Return a date as `29 Nov 2026`."""
    return "" if moment is None else f"{moment.day} {moment:%b %Y}"


def iso_day(value: str | None) -> str:
    """Return an ISO day (`2026-11-29`) as `29 Nov 2026`."""
    return "" if not value else day(datetime.fromisoformat(value))


def iso(moment: datetime | None) -> str:
    """Return a time in ISO 8601 for `<time datetime>`."""
    return "" if moment is None else moment.isoformat()


def number(value: float | int | None) -> str:
    """Return a count with thousands separators."""
    return "–" if value is None else f"{value:,.0f}"


def percent_change(value: float | None) -> str:
    """Return a relative change as `+12%`, `−8%` or `new` when there was nothing before."""
    if value is None:
        return "new"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{abs(value) * 100:.0f}%"


def trend(value: float | None) -> str:
    """Return the CSS class of a change: up, down or flat."""
    if value is None or abs(value) < 0.005:
        return "flat"
    return "up" if value > 0 else "down"


def label(kind: str) -> str:
    """Return a machine word (volume_spike) as words (Volume spike)."""
    return kind.replace("_", " ").replace("-", " ").capitalize()


def sentence_case(text: str) -> str:
    """Return `text` with its first letter capitalised and the rest as written (names kept)."""
    return text[:1].upper() + text[1:]


def host(url: str | None) -> str:
    """Return the site name of a URL (`www.example.org`), for a link's words."""
    return "" if not url else (urlsplit(url).hostname or "").removeprefix("www.")


FILTERS: dict[str, Any] = {
    "host": host,
    "points_elsewhere": lambda url, provider: points_elsewhere(provider, url),
    "sentence_case": sentence_case,
    "body_html": body_html,
    "when": when,
    "day": day,
    "iso_day": iso_day,
    "iso": iso,
    "number": number,
    "change": percent_change,
    "trend": trend,
    "label": label,
    "beat_name": beat_name,
    "platform": lambda name: PLATFORM_NAMES.get(name, name),
    "safe_url": safe_url,
}
