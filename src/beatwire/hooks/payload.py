"""What a hook is told about a story version, and whether the hook follows it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beatwire.store.follows import Subjects
from beatwire.store.hooks import Hook


def follows(hook: Hook, subjects: Subjects) -> bool:
    """Return whether `hook` follows a story version about `subjects`.

    Each filter the hook sets must hold (any one of its beats, any one of its entities,
    any one of its narratives, a score at least its minimum); an unset filter holds.
    """
    entities = {slug for slug, _ in subjects.entities}
    if hook.beats and not set(hook.beats) & set(subjects.beats):
        return False
    if hook.entities and not set(hook.entities) & entities:
        return False
    if hook.narratives and not set(hook.narratives) & set(subjects.narratives):
        return False
    if hook.min_score is None:
        return True
    return subjects.score is not None and subjects.score >= hook.min_score


def story_payload(
    story: dict[str, Any], version: dict[str, Any], subjects: Subjects, *, event: str, base_url: str
) -> dict[str, Any]:
    """Return the JSON body of a delivery: the event and the story version it is about."""
    written: datetime = version["created_at"]
    created: datetime = story["created_at"]
    return {
        "event": event,
        "story": {
            "id": story["id"],
            "slug": story["slug"],
            "url": f"{base_url.rstrip('/')}/stories/{story['slug']}/",
            "version": version["version"],
            "headline": version["headline"],
            "dek": version["dek"],
            "story_type": version["story_type"],
            "beat": subjects.beats[0] if subjects.beats else None,
            "beats": list(subjects.beats),
            "entities": [{"slug": slug, "name": name} for slug, name in subjects.entities],
            "narratives": list(subjects.narratives),
            "score": subjects.score,
            "fidelity_score": version["fidelity_score"],
            "created_at": created.isoformat(),
            "written_at": written.isoformat(),
        },
    }
