"""Reading a narrative's lineage (born, grew, merged, split, faded) for the newsroom."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from beatwire.store.schema import narrative_events, narratives


def narrative_lineage(conn: Connection, narrative_id: str) -> dict[str, Any] | None:
    """Return a narrative's label, status, size, platforms and events in time order, or None."""
    row = conn.execute(select(narratives).where(narratives.c.id == narrative_id)).mappings().first()
    if row is None:
        return None
    events = conn.execute(
        select(narrative_events.c.kind, narrative_events.c.at, narrative_events.c.details)
        .where(narrative_events.c.narrative_id == narrative_id)
        .order_by(narrative_events.c.at, narrative_events.c.id)
    ).mappings()
    return {
        "id": narrative_id,
        "label": row["label"],
        "status": row["status"],
        "size": row["size"],
        "platforms": row["platforms"],
        "born_at": row["born_at"].isoformat(),
        "updated_at": row["updated_at"].isoformat(),
        "events": [
            {"kind": e["kind"], "at": e["at"].isoformat(), "details": dict(e["details"])}
            for e in events
        ],
    }
