"""Shared parsing plumbing: build records item by item, skipping (and logging) bad items."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from beatwire.model import Record

logger = logging.getLogger(__name__)

ITEM_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)
"""What building a record from an item of the wrong shape raises."""

T = TypeVar("T")


def build_all(
    provider: str,
    items: Iterable[T],
    build: Callable[[T], Record | None],
    *,
    key: Callable[[T], str] = lambda item: "",
) -> list[Record]:
    """Return the records `build` makes of `items`; items it cannot read are skipped and logged."""
    records: list[Record] = []
    seen: set[str] = set()
    skipped: list[str] = []
    for item in items:
        try:
            record = build(item)
        except ITEM_ERRORS as exc:
            skipped.append(f"{_safe_key(key, item)}: {type(exc).__name__}: {exc}")
            continue
        # Copies of one item in one payload (a feed showing a post twice) become one record.
        if record is not None and record.native_id not in seen:
            seen.add(record.native_id)
            records.append(record)
    if skipped:
        logger.warning(
            "%s: skipped %d malformed item(s); first: %s", provider, len(skipped), skipped[0]
        )
    return records


def _safe_key(key: Callable[[Any], str], item: Any) -> str:
    try:
        return str(key(item)) or "item"
    except ITEM_ERRORS:
        return "item"
