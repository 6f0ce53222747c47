"""`beatwire status`: the last run of each stage, its lag, cursor ages and errors."""

from __future__ import annotations

from typing import Any

from beatwire.model import now_utc
from beatwire.store.engine import Store
from beatwire.store.records import count_pending, count_records
from beatwire.store.state import all_cursors, last_runs


def _age_s(moment: Any) -> float | None:
    return None if moment is None else round((now_utc() - moment).total_seconds(), 1)


def status(store: Store) -> dict[str, Any]:
    """Return where every stage and source stands, as plain data."""
    with store.read() as conn:
        runs = last_runs(conn)
        cursors = all_cursors(conn)
        records, pending = count_records(conn), count_pending(conn)
    return {
        "stage": "status",
        "records": records,
        "pending_analysis": pending,
        "stages": {
            name: {
                "status": run["status"],
                "last_started": run["started_at"].isoformat(),
                "age_s": _age_s(run["finished_at"] or run["started_at"]),
                "error": run["error"],
            }
            for name, run in sorted(runs.items())
        },
        "cursors": {
            row["source"]: {"cursor": row["cursor"], "age_s": _age_s(row["updated_at"])}
            for row in cursors
        },
    }
