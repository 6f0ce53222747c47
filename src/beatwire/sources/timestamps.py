"""Timestamps as platforms write them, read into timezone-aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(value: object) -> datetime:
    """Return the UTC datetime an ISO 8601 string (or epoch seconds) denotes; ValueError if none."""
    if isinstance(value, bool):
        raise ValueError(f"not a timestamp: {value!r}")
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, tz=UTC)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"not a timestamp: {value!r}")
    parsed = datetime.fromisoformat(value.strip())
    # A timestamp without an offset is taken as UTC: that is what these APIs mean by it.
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_time_or_none(value: object) -> datetime | None:
    """Return the UTC datetime `value` denotes, or None when it is missing or unreadable."""
    try:
        return parse_time(value)
    except (ValueError, OverflowError, OSError):
        return None


def from_micros(time_us: int) -> datetime:
    """Return the UTC datetime of a Unix time in microseconds."""
    return datetime.fromtimestamp(time_us / 1_000_000, tz=UTC)
