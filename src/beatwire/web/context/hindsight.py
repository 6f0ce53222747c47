"""A story read after its data moved on: a line looking ahead into days the data covers goes.

A story about 17 Nov may end "the next few days will show...". When the data runs to
22 Nov those days are known, so the page drops the line and points at the timeline.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

# Phrases of a line that waits for days to come; the writers' "what to watch" lines use them.
LOOKING_AHEAD = re.compile(
    r"next (few )?(days|weeks?)|coming (days|weeks)|(days|weeks) ahead|thing to watch|"
    r"\bwatch (for|whether|what)\b|worth watching|remains to be seen|open question|"
    r"question is whether|matters is whether|has yet to|now has to|will matter|next for\b|"
    r"worth following|one to follow|"
    r"\bis next\b|will (tell|show|say)\b|outlasts? the week|^\W*whether\b",
    re.IGNORECASE,
)
HORIZON = timedelta(days=3)  # a look ahead this far is answered once the data reaches it
_SENTENCE_END = re.compile(r"(?<=[.!?…”])\s+(?!\[)")  # "...trend. [3]" is one sentence


def days_after(dateline: datetime | None, through: datetime | None) -> int:
    """Return how many whole days the data runs past the story's event (0 when unknown)."""
    if dateline is None or through is None or through <= dateline:
        return 0
    return (through - dateline).days


def answered(dateline: datetime | None, through: datetime | None) -> bool:
    """Return whether the data already covers the days a story written at its event looked to."""
    return dateline is not None and through is not None and through - dateline >= HORIZON


def without_lookahead(body: str) -> str:
    """Return `body` without its sentences that look ahead, dropping paragraphs left empty."""
    kept = []
    for paragraph in body.split("\n\n"):
        sentences = _SENTENCE_END.split(paragraph.strip())
        rest = [s for s in sentences if not LOOKING_AHEAD.search(s)]
        if any(s.strip() for s in rest):
            kept.append(" ".join(rest))
    return "\n\n".join(kept)


def settle(story: dict[str, Any], dateline: datetime | None, through: datetime | None) -> int:
    """Drop the look ahead from a story's body and takeaways once the data answers it.

    Return how many days the data runs past the event when something could be dropped, else 0.
    """
    if not answered(dateline, through):
        return 0
    story["body"] = without_lookahead(story["body"])
    kept = (without_lookahead(t) for t in story.get("takeaways") or [])
    story["takeaways"] = [t for t in kept if t]
    return days_after(dateline, through)
