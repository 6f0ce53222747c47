"""Promotion: which signals become stories, and of which type.

The score of a signal is its significance (a robust z-score for volume). The
strongest signals of a detection pass, up to `newsroom.max_stories_per_cycle`,
become stories: the strongest of all is the Lead Story, the rest are Stories.
A signal's topic is what a story about it is about, so that a topic gets one
story that is revised, never a second story.
"""

from __future__ import annotations

from beatwire.config import Settings
from beatwire.model import Signal


def topic_key(signal: Signal) -> str:
    """Return the topic a story about `signal` covers."""
    if signal.narrative_id:
        return f"narrative:{signal.narrative_id}"
    return f"{signal.kind}:{signal.key}:{signal.window_start:%Y-%m-%d}"


def promote(found: list[Signal], settings: Settings) -> list[Signal]:
    """Mark the signals that become stories (in place) and return them, strongest first."""
    ranked = sorted(found, key=lambda s: (-s.score, s.id))
    chosen: dict[str, Signal] = {}
    for signal in ranked:
        signal.topic_key = topic_key(signal)
        signal.promoted_as = None
        if signal.topic_key in chosen or len(chosen) >= settings.newsroom.max_stories_per_cycle:
            continue
        chosen[signal.topic_key] = signal
    for position, signal in enumerate(chosen.values()):
        signal.promoted_as = "lead" if position == 0 else "story"
    return list(chosen.values())
