"""Shared checks on raw payloads: JSON decoding with one clear reason, timestamps."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from beatwire.errors import ParseError

log = logging.getLogger("beatwire.sources")


def decode_json(data: bytes | str) -> Any:
    """Return `json.loads(data)`; nesting too deep for the decoder is a JSONDecodeError too.

    The standard decoder recurses once per level: `[[[[...` 100,000 deep raises
    RecursionError, which is no ValueError and would escape every parser's handler.
    """
    try:
        return json.loads(data)
    except RecursionError:
        text = data if isinstance(data, str) else data.decode("utf-8", errors="replace")
        raise json.JSONDecodeError("nested too deeply", text[:100], 0) from None


def inside(value: Any, *keys: str) -> Any:
    """Return value[k1][k2]...; None when any level is missing or not an object.

    A platform that sends `true` or a list where an object belongs must not make
    `.get` fail on it: the field is then simply absent.
    """
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def load_json(provider: str, payload: bytes) -> Any:
    """Return the decoded JSON of a payload, or raise ParseError saying what is wrong."""
    head = payload[:512].lstrip().lower()
    if not head:
        raise ParseError(provider, "empty body")
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<")):
        raise ParseError(provider, "got an HTML/XML page instead of JSON (an error page?)")
    try:
        return decode_json(payload)
    except UnicodeDecodeError as exc:
        raise ParseError(provider, f"body is not UTF-8 text: {exc.reason}") from exc
    except json.JSONDecodeError as exc:
        # A cut-off body fails at its very end, or inside a string that never closes.
        if exc.msg == "nested too deeply":
            raise ParseError(provider, "JSON nested too deeply") from exc
        truncated = exc.pos >= len(payload.rstrip()) - 1 or exc.msg.startswith("Unterminated")
        what = "truncated JSON" if truncated else "invalid JSON"
        raise ParseError(provider, f"{what} at line {exc.lineno} column {exc.colno}") from exc


def from_epoch(value: Any) -> datetime | None:
    """Return a UTC datetime from seconds since the epoch (int, float or numeric string)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return datetime.fromtimestamp(float(value), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def from_iso(value: Any) -> datetime | None:
    """Return a UTC datetime from an ISO 8601 string ("Z" accepted), or None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def count(value: Any) -> int | None:
    """Return an engagement count as int, or None when absent or not a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def counts(**values: Any) -> dict[str, int]:
    """Return the engagement dict of the counts that are present."""
    return {key: n for key, value in values.items() if (n := count(value)) is not None}


def skipped(provider: str, native_id: Any, reason: str) -> None:
    """Log one malformed item that a parser skipped."""
    log.warning("%s: skipped item %s: %s", provider, native_id, reason)
