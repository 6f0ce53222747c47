"""A stage module for the table's tests: `run` records what it was given."""

from __future__ import annotations

from typing import Any

from beatwire.model import StageReport

calls: list[dict[str, Any]] = []


def run(store: Any, settings: Any, **options: Any) -> StageReport:
    """Record the call and return an empty report."""
    calls.append(options)
    return StageReport("double", {"options": len(options)})
