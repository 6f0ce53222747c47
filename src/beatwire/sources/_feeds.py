"""Helpers for news feeds: dates feedparser cannot read, JSON Feed, Google News links."""

from __future__ import annotations

import base64
import binascii
import calendar
import re
import time
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

# Month names of the languages whose feeds print them in RFC 822 dates (pt, es, de, fr, it, nl).
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "jan janeiro enero januar janvier janv gennaio gen januari",
            "feb fev fevereiro febrero februar fevrier févr février febbraio februari",
            "mar marco março marzo märz mär maerz mars",
            "apr abr abril april avril avr aprile",
            "may mai maio mayo maggio mag mei",
            "jun junho junio juni juin giugno giu",
            "jul julho julio juli juillet juil luglio lug",
            "aug ago agosto august août aout",
            "sep set setembro septiembre sept september septembre settembre",
            "oct out outubro octubre okt oktober octobre ottobre ott",
            "nov novembro noviembre november novembre",
            "dec dez dezembro diciembre dic dezember décembre decembre dicembre",
        ],
        start=1,
    )
    for name in names.split()
}
_LOOSE_DATE = re.compile(
    r"(?P<day>\d{1,2})\.?\s+(?P<month>[^\W\d_]+)\.?\s+(?P<year>\d{4})"
    r"(?:\s+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?)?"
    r"\s*(?P<tz>[+-]\d{4}|[A-Z]{1,4})?"
)
_GOOGLE_ARTICLE = re.compile(r"/(?:rss/)?articles/(?P<token>[A-Za-z0-9_-]+)")
_EMBEDDED_URL = re.compile(rb"https?://[\x21-\x7e]+")


def struct_to_datetime(value: Any) -> datetime | None:
    """Return a UTC datetime from feedparser's `*_parsed` struct_time (which is UTC)."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def loose_date(text: Any) -> datetime | None:
    """Return a UTC datetime from an RFC 822-like date with non-English names, or None."""
    if not isinstance(text, str):
        return None
    match = _LOOSE_DATE.search(text)
    month = _MONTHS.get(match.group("month").lower()) if match else None
    if match is None or month is None:
        return None
    try:
        local = datetime(
            int(match.group("year")),
            month,
            int(match.group("day")),
            int(match.group("h") or 0),
            int(match.group("m") or 0),
            int(match.group("s") or 0),
            tzinfo=_offset(match.group("tz")),
        )
    except ValueError:
        return None
    return local.astimezone(UTC)


def _offset(value: str | None) -> timezone:
    """Return the timezone of a numeric offset (+hhmm); names are taken as UTC."""
    if not value or value[0] not in "+-":
        return UTC
    minutes = int(value[1:3]) * 60 + int(value[3:5])
    return timezone(timedelta(minutes=minutes if value[0] == "+" else -minutes))


def google_news_target(link: str) -> str | None:
    """Return the publisher URL embedded in a Google News article link, when it is readable."""
    parts = urlsplit(link)
    if not parts.netloc.endswith("news.google.com"):
        return None
    match = _GOOGLE_ARTICLE.search(parts.path)
    if match is None:
        return None
    token = match.group("token")
    try:
        decoded = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    # Older tokens hold the URL as a protobuf string; newer ones are opaque ids.
    found = _EMBEDDED_URL.search(decoded)
    return found.group(0).decode("ascii") if found else None


def strip_publisher(title: str, publisher: str | None) -> str:
    """Return a Google News title without its ' - Publisher' suffix."""
    if publisher and title.endswith(f" - {publisher}"):
        return title[: -len(publisher) - 3].rstrip()
    return title


def is_json_feed(data: Any) -> bool:
    """Return True when decoded JSON is a JSON Feed document."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("version"), str)
        and "jsonfeed.org" in data["version"]
    )


def language(code: Any) -> str | None:
    """Return the primary language subtag of a feed's language code ("en-us" -> "en")."""
    if not isinstance(code, str) or not code.strip():
        return None
    primary = re.split(r"[-_]", code.strip().lower())[0]
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def json_safe(value: Any) -> Any:
    """Return `value` with only JSON types (feedparser dicts hold struct_time and more)."""
    if isinstance(value, dict):
        return {
            str(key): json_safe(item)
            for key, item in value.items()
            if not str(key).endswith("_parsed")
        }
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
