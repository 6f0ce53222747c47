"""Versions of a story: their status, and the diff between two versions.

A new version is written when the evidence's hash (`evidence.evidence_hash`) changes.
"""

from __future__ import annotations

import difflib
from typing import Any

from beatwire.newsroom.evidence import EvidencePack
from beatwire.store.engine import Store
from beatwire.store.stories import story_history

_FIELDS = ("headline", "dek", "takeaways", "story_type", "seo_description")
# A narrative in one of these states will not develop further: its story is final.
_ENDED = frozenset({"faded", "merged", "ended", "final"})


def version_status(pack: EvidencePack) -> str:
    """Return `developing` while the story's narrative is live, `final` otherwise."""
    lineage = pack.figures.get("lineage")
    if pack.signal.narrative_id and lineage and lineage.get("status") not in _ENDED:
        return "developing"
    return "developing" if pack.signal.narrative_id and not lineage else "final"


def version_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Return what changed from one stored version to the next: fields and a body diff."""
    fields = {
        name: {"old": old.get(name), "new": new.get(name)}
        for name in _FIELDS
        if old.get(name) != new.get(name)
    }
    body = list(
        difflib.unified_diff(
            str(old.get("body", "")).splitlines(),
            str(new.get("body", "")).splitlines(),
            fromfile=f"version {old.get('version')}",
            tofile=f"version {new.get('version')}",
            lineterm="",
        )
    )
    return {"from": old.get("version"), "to": new.get("version"), "fields": fields, "body": body}


def history(store: Store, story_id: str) -> list[dict[str, Any]]:
    """Return every version of a story, oldest first, each with its diff from the one before.

    Each entry: version, headline, published, writer, model, fidelity_score, tokens_in,
    tokens_out, cost_usd, created_at, and `diff` (None for the first version).
    """
    with store.read() as conn:
        rows = story_history(conn, story_id)
    keep = ("version", "headline", "published", "writer", "model", "fidelity_score",
            "tokens_in", "tokens_out", "cost_usd", "created_at")  # fmt: skip
    return [
        {key: row[key] for key in keep} | {"diff": version_diff(rows[i - 1], row) if i else None}
        for i, row in enumerate(rows)
    ]
