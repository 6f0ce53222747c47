"""The outbox: a delivery owed to each hook for each new published story version it follows.

The scan starts from a watermark (the newest version it has seen) less `OVERLAP`, so
a version whose transaction began before the last scan and committed after it is still
seen; owing a version twice is impossible (one delivery per hook, story and version),
so the overlap costs only a re-check. A hook is owed only what was written after it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from beatwire.config import Settings
from beatwire.hooks.payload import follows, story_payload
from beatwire.store.deliveries import published_before, published_since, queue_delivery
from beatwire.store.follows import version_subjects
from beatwire.store.hooks import Hook, list_hooks
from beatwire.store.state import get_state, set_state
from beatwire.store.stories import story_row, story_version

WATERMARK = "hooks:seen_through"
OVERLAP = timedelta(minutes=10)


def queue_new_versions(conn: Connection, settings: Settings, now: datetime) -> int:
    """Owe each hook the published versions it follows since the last scan; return how many."""
    hooks = list_hooks(conn)
    if not hooks:
        return 0
    stored = get_state(conn, WATERMARK)
    seen = datetime.fromisoformat(stored) if stored else None
    since = min(hook.created_at for hook in hooks)
    if seen is not None:
        since = max(since, seen - OVERLAP)
    found = published_since(conn, since)
    queued = sum(_owe(conn, settings, hooks, row, now) for row in found)
    newest = max((row["created_at"] for row in found), default=None)
    if newest is not None and (seen is None or newest > seen):
        set_state(conn, WATERMARK, newest.isoformat())
    return queued


def _owe(
    conn: Connection, settings: Settings, hooks: list[Hook], row: dict[str, Any], now: datetime
) -> int:
    """Owe one published version to the hooks that follow it; return how many were new."""
    story_id, number = row["story_id"], row["version"]
    subjects = version_subjects(conn, story_id, number)
    wanted = [h for h in hooks if h.created_at <= row["created_at"] and follows(h, subjects)]
    story, version = story_row(conn, story_id), story_version(conn, story_id, number)
    if not wanted or story is None or version is None:
        return 0
    event = "revised" if published_before(conn, story_id, number) else "published"
    payload = story_payload(
        story, version, subjects, event=event, base_url=settings.web.public_base()
    )
    return sum(
        queue_delivery(
            conn,
            hook_id=hook.id,
            story_id=story_id,
            version=number,
            event=event,
            payload=payload,
            at=now,
        )
        for hook in wanted
    )
