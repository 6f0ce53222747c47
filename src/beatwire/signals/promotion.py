"""Promotion: which signals become stories, and of which type.

Score = the kind's weight (`detect.kind_weights`) x the signal's significance
(a robust z-score, or its equivalent for shifts and shares). A signal whose
evidence mostly belongs to one narrative is about that narrative: it takes the
narrative's id, so the narrative gets one story, revised as it develops, never a
second one. Per topic only the best signal counts; signals under
`promote_min_score` are not stories, nor are data notes (collection artefacts); when the
pass built events, only an event's signals can be stories, one story an event (its other
signals are facets). Of the rest, up to `newsroom.max_stories_per_cycle` a day of the
pass are promoted, strongest first:

- the strongest of the pass, whatever its beat, is the Lead Story ("lead");
- kinds listed in `detect.analysis_kinds` are Analysis pieces ("analysis");
- a spike or surge on the pass's last day with at most `dispatch_max_records`
  records is a short, breaking Dispatch ("dispatch");
- the rest are Stories ("story").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import datetime

from beatwire.config import Settings
from beatwire.model import Signal

BREAKING_KINDS = ("volume_spike", "entity_surge", "artifact_surge")


def topic_key(signal: Signal) -> str:
    """Return the topic a story about `signal` covers."""
    if signal.narrative_id:
        return f"narrative:{signal.narrative_id}"
    return f"{signal.kind}:{signal.key}:{signal.window_start:%Y-%m-%d}"


Earlier = dict[tuple[str, str], tuple[datetime, str]]


def continue_topics(found: list[Signal], earlier: Earlier | None = None) -> None:
    """Give a signal that continues yesterday's (same kind and key) that signal's topic (in place).

    A surge that lasts three days is one topic: its story gets new versions, not three
    stories. `earlier` holds the last stored signal of each (kind, key) before this pass.
    """
    last: Earlier = dict(earlier or {})
    for signal in sorted(found, key=lambda s: (s.window_start, s.id)):
        signal.topic_key = topic_key(signal)
        if signal.narrative_id:
            continue
        before = last.get((signal.kind, signal.key))
        if before is not None and before[0] >= signal.window_start:
            signal.topic_key = before[1]
        last[(signal.kind, signal.key)] = (signal.window_end, signal.topic_key)


_ENTITY_KEY = re.compile(r"entity:([^:]+)$")


def _subjects(signal: Signal) -> list[str]:
    """Return the topics a signal is about: its own, its entity's and its narrative's."""
    found = [str(signal.topic_key)]
    entity = _ENTITY_KEY.search(signal.key)
    if entity:
        found.append(f"entity:{entity.group(1)}")
    if signal.narrative_id:
        found.append(f"narrative:{signal.narrative_id}")
    return found


def _same_records(found: list[Signal], share: float = 0.5) -> list[tuple[Signal, Signal]]:
    """Return pairs of signals whose windows overlap and whose evidence is mostly the same.

    Records that last (a model's page, cited week after week) would otherwise join
    signals months apart into one topic.
    """
    pairs = []
    evidence = [(signal, set(signal.evidence)) for signal in found if signal.evidence]
    for i, (one, mine) in enumerate(evidence):
        for other, theirs in evidence[i + 1 :]:
            smaller = min(len(mine), len(theirs))
            apart = one.window_end <= other.window_start or other.window_end <= one.window_start
            if not apart and len(mine & theirs) >= share * smaller:
                pairs.append((one, other))
    return pairs


def unify_topics(found: list[Signal]) -> None:
    """Give signals about the same thing one topic (in place): one story, never two.

    A surge of an entity, its share of a beat and the narrative those records form
    are one story. Signals sharing an entity, a narrative or most of their evidence
    are joined; the topic is the entity's when there is one (entity slugs are
    stable), else the smallest key.
    """
    parent: dict[str, str] = {}

    def root(topic: str) -> str:
        while parent.setdefault(topic, topic) != topic:
            topic = parent[topic]
        return topic

    for signal in found:
        first, *rest = _subjects(signal)
        for other in rest:
            parent[root(other)] = root(first)
    for one, alike in _same_records(found):
        parent[root(str(alike.topic_key))] = root(str(one.topic_key))
    groups: dict[str, list[str]] = {}
    for topic in list(parent):
        groups.setdefault(root(topic), []).append(topic)
    canonical = {
        member: min(members, key=lambda t: (not t.startswith("entity:"), t))
        for members in groups.values()
        for member in members
    }
    for signal in found:
        signal.topic_key = canonical.get(str(signal.topic_key), signal.topic_key)


def attach_narratives(found: list[Signal], member_of: dict[int, str], share: float = 0.5) -> None:
    """Give a signal the narrative that holds at least `share` of its evidence (in place)."""
    for signal in found:
        if signal.narrative_id or not signal.evidence:
            continue
        votes = Counter(member_of[i] for i in signal.evidence if i in member_of)
        if votes:
            narrative, count = votes.most_common(1)[0]
            if count / len(signal.evidence) >= share:
                signal.narrative_id = narrative
                held = round(count / len(signal.evidence), 3)
                signal.details = replace(signal.details, narrative_by_evidence=held)


def score(signal: Signal, settings: Settings) -> float:
    """Return the promotion score of a signal."""
    return settings.detect.kind_weights.get(signal.kind, 1.0) * signal.significance


def story_type(signal: Signal, position: int, latest: datetime, settings: Settings) -> str:
    """Return the story type of the signal ranked at `position` (0 is the strongest)."""
    detect = settings.detect
    if position == 0:
        return "lead"
    if signal.kind in detect.analysis_kinds:
        return "analysis"
    fresh = signal.window_end >= latest
    if fresh and signal.kind in BREAKING_KINDS and signal.value <= detect.dispatch_max_records:
        return "dispatch"
    return "story"


def _event_topics(found: list[Signal], events: dict[str, str]) -> list[Signal]:
    """Give the signals of an event its topic (in place); return those that can be stories."""
    for signal in found:
        if signal.id in events:
            signal.topic_key = f"event:{events[signal.id]}"
    return [signal for signal in found if signal.id in events]


def promote(
    found: list[Signal],
    settings: Settings,
    earlier: Earlier | None = None,
    events: dict[str, str] | None = None,
) -> list[Signal]:
    """Mark the signals that become stories (in place) and return them, strongest first.

    `events` maps a signal id to its event's id: when given, only signals of an event
    can be stories and all of an event's signals are one topic (its facets). A signal
    with a data note (a collection artefact) is never a story.
    """
    continue_topics(found, earlier)
    unify_topics(found)
    for signal in found:
        signal.score = score(signal, settings)
        signal.promoted_as = None
    candidates = found if events is None else _event_topics(found, events)
    ranked = sorted(candidates, key=lambda s: (-s.score, s.id))
    chosen: dict[str, Signal] = {}
    per_day: Counter[datetime] = Counter()
    for signal in ranked:
        if signal.score < settings.detect.promote_min_score:
            break
        if signal.topic_key in chosen or signal.details.data_note:
            continue
        if per_day[signal.window_start] >= settings.newsroom.max_stories_per_cycle:
            continue
        per_day[signal.window_start] += 1
        chosen[str(signal.topic_key)] = signal
    if not chosen:
        return []
    latest = max(signal.window_end for signal in found)
    for position, signal in enumerate(chosen.values()):
        signal.promoted_as = story_type(signal, position, latest, settings)
    return list(chosen.values())
