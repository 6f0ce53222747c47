"""Citation markers: the `[N]` in a story body that point at evidence records."""

from __future__ import annotations

import re

MARKER = re.compile(r"\[(\d+)\]")


def cited_numbers(body: str) -> list[int]:
    """Return the citation numbers in `body`, in order of first appearance."""
    seen: dict[int, None] = {}
    for match in MARKER.finditer(body):
        seen.setdefault(int(match.group(1)), None)
    return list(seen)
