"""Word-level differences between two versions of a text, for the story's version history."""

from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Return (op, text) runs turning `old` into `new`; op is "same", "added" or "removed"."""
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", "".join(before[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            runs.append(("removed", "".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            runs.append(("added", "".join(after[j1:j2])))
    return runs


def changed(runs: list[tuple[str, str]]) -> bool:
    """Return whether a diff has any addition or removal."""
    return any(op != "same" and text.strip() for op, text in runs)
