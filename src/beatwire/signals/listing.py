"""The `signals` listing: stored signals as JSON-ready rows."""

from __future__ import annotations

from typing import Any

from beatwire.store.engine import Store
from beatwire.store.signals import strongest_signals


def signals_listing(store: Store, *, limit: int = 100, promoted: bool = False) -> dict[str, Any]:
    """Return {"signals": [...], "count": n} of stored signals, strongest first."""
    with store.read() as conn:
        found = strongest_signals(conn, limit=limit, promoted=promoted)
    rows = [
        {
            "id": s.id, "kind": s.kind, "key": s.key, "beat": s.beat,
            "narrative_id": s.narrative_id, "window_start": s.window_start.isoformat(),
            "window_end": s.window_end.isoformat(), "value": s.value, "baseline": s.baseline,
            "effect": s.effect, "significance": s.significance, "min_count": s.min_count,
            "score": s.score, "promoted_as": s.promoted_as, "topic_key": s.topic_key,
            "sentence": s.sentence, "evidence": s.evidence, "details": s.details.as_json(),
        }
        for s in found
    ]  # fmt: skip
    return {"count": len(rows), "signals": rows}
