"""Replay: records saved as JSON lines (the bundled demo corpus, exports, donations).

The first line may be a header object with a `beatwire_corpus` key; every other
line is one record with the fields of `model.Record`. Cursor: none; a replay
file is read whole, so it has one page.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

from beatwire.errors import ParseError
from beatwire.model import Record, utc
from beatwire.sources.base import Page
from beatwire.sources.payload import decode_json

log = logging.getLogger(__name__)

NAME = "replay"
CADENCE = timedelta(0)  # never scheduled: replay runs when asked


def enabled(settings: Any) -> str | None:
    """Return why replay cannot be scheduled: it only reads files it is given."""
    return "replay reads a file: use `beatwire ingest --source replay --from-file PATH`"


async def fetch(client: Any, cursor: str | None, settings: Any) -> AsyncIterator[Page]:
    """Yield nothing: replay has no remote end."""
    return
    yield  # pragma: no cover - makes this an async generator


def _time(value: Any, field: str, line_no: int) -> datetime:
    if not isinstance(value, str):
        raise ParseError(NAME, f"line {line_no}: {field} must be an ISO-8601 string")
    try:
        return utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError as exc:
        raise ParseError(NAME, f"line {line_no}: bad {field} {value!r}") from exc


def _record(item: dict[str, Any], line_no: int, collected_at: datetime) -> Record:
    missing = [
        name for name in ("provider", "native_id", "text", "published_at") if name not in item
    ]
    if missing:
        raise ParseError(NAME, f"line {line_no}: missing {', '.join(missing)}")
    published_at = _time(item["published_at"], "published_at", line_no)
    collected = item.get("collected_at")
    engagement = item.get("engagement") or {}
    if not isinstance(engagement, dict):
        raise ParseError(NAME, f"line {line_no}: engagement must be an object")
    return Record(
        provider=str(item["provider"]),
        native_id=str(item["native_id"]),
        kind=str(item.get("kind") or "post"),
        text=str(item["text"]),
        title=item.get("title"),
        url=item.get("url"),
        canonical_url=item.get("canonical_url") or item.get("url"),
        author=item.get("author"),
        author_name=item.get("author_name"),
        lang=item.get("lang"),
        published_at=published_at,
        collected_at=_time(collected, "collected_at", line_no) if collected else published_at,
        engagement={str(k): int(v) for k, v in engagement.items() if isinstance(v, int | float)},
        parent_id=item.get("parent_id"),
        thread_id=item.get("thread_id"),
        source=item.get("source"),
        extra=dict(item.get("extra") or {}),
        raw=None,
    )


def parse(payload: bytes, *, collected_at: datetime) -> list[Record]:
    """Return the records of a JSON-lines replay file; a bad line raises ParseError."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(NAME, f"not UTF-8 text: {exc.reason}") from exc
    found: list[Record] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = decode_json(line)
        except json.JSONDecodeError as exc:
            raise ParseError(NAME, f"line {line_no}: not JSON ({exc.msg})") from exc
        if not isinstance(item, dict):
            raise ParseError(NAME, f"line {line_no}: expected a JSON object")
        if "beatwire_corpus" in item:
            continue
        found.append(_record(item, line_no, collected_at))
    if not found:
        raise ParseError(NAME, "the file holds no records")
    return found


def read_header(payload: bytes) -> dict[str, Any] | None:
    """Return the corpus header of a replay file, or None when it has none."""
    first = payload.split(b"\n", 1)[0]
    try:
        header = decode_json(first)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return header if isinstance(header, dict) and "beatwire_corpus" in header else None
