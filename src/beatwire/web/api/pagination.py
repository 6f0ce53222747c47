"""Opaque cursors: a list's keyset position, base64url-encoded JSON, checked strictly on the way in.

A cursor names the list it belongs to, so one list's cursor is refused by
another. Its values are typed and bounded when decoded: whatever a client sends
either becomes a well-formed keyset or a 400 with the reason, never a query error.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from beatwire.errors import ApiError

MAX_CURSOR = 512
MAX_INT = 2**31 - 1
MAX_TEXT = 256


def encode_cursor(kind: str, values: tuple[Any, ...]) -> str:
    """Return the opaque cursor of position `values` in the list `kind`."""
    plain = [value.isoformat() if isinstance(value, datetime) else value for value in values]
    raw = json.dumps({"k": kind, "v": plain}, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _payload(cursor: str) -> Any:
    if len(cursor) > MAX_CURSOR or not cursor.isascii():
        raise ApiError("bad cursor: not one this API issued")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError) as exc:
        raise ApiError("bad cursor: not one this API issued") from exc


def _typed(value: Any, wanted: type) -> Any:
    if wanted is datetime and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
        return moment if moment.tzinfo is not None else None
    if wanted is int and type(value) is int and 0 <= value <= MAX_INT:
        return value
    if wanted is str and isinstance(value, str) and len(value) <= MAX_TEXT:
        return value
    return None


def decode_cursor(cursor: str | None, kind: str, types: tuple[type, ...]) -> tuple[Any, ...] | None:
    """Return the keyset a cursor of list `kind` holds (None without one), or raise a 400."""
    if cursor is None:
        return None
    payload = _payload(cursor)
    if not isinstance(payload, dict) or payload.get("k") != kind:
        raise ApiError(f"bad cursor: not a cursor of {kind}")
    values = payload.get("v")
    if not isinstance(values, list) or len(values) != len(types):
        raise ApiError("bad cursor: wrong shape")
    typed = tuple(_typed(value, wanted) for value, wanted in zip(values, types, strict=True))
    if any(value is None for value in typed):
        raise ApiError("bad cursor: bad position values")
    return typed


def page_of(kind: str, rows: list[Any], limit: int, key: Any) -> tuple[list[Any], str | None]:
    """Return the first `limit` rows, and the cursor after them if more were found (ask limit+1)."""
    if len(rows) <= limit:
        return rows, None
    page = rows[:limit]
    return page, encode_cursor(kind, key(page[-1]))
