"""Building a Signal: stable id, evidence, representativeness, and the flood check."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np

from beatwire.model import Signal, SignalDetails
from beatwire.signals.context import Context
from beatwire.signals.representativeness import is_flood, mix_of
from beatwire.store.frames import Ints


def signal_id(kind: str, key: str, window_start: datetime) -> str:
    """Return the stable id of a signal: the same finding always gets the same id."""
    digest = hashlib.sha256(f"{kind}|{key}|{window_start.isoformat()}".encode()).hexdigest()
    return f"sig_{digest[:16]}"


@dataclass(slots=True)
class Finding:
    """A detector's numbers, before they become a Signal."""

    kind: str
    key: str
    beat: str | None
    day: int  # day number of the window (a window is one UTC day)
    value: float
    baseline: float
    effect: float
    significance: float
    min_count: int
    sentence: str
    rows: Ints  # positions in the frame of the records that are the evidence
    score: float = 0.0
    details: SignalDetails = field(default_factory=SignalDetails)  # the kind's own shape
    narrative_id: str | None = None
    days: int = 1  # how many days the window spans, ending with `day`
    from_posts: bool = True  # False for figures that are not posts (model downloads)
    pages: tuple[int, ...] = ()  # record ids outside the frame that come first (a model's page)


def to_signal(context: Context, finding: Finding) -> Signal | None:
    """Return the signal of `finding`, or None when a few accounts made it (a flood)."""
    detect = context.settings.detect
    mix = mix_of(context.frame, finding.rows)
    if finding.from_posts and is_flood(mix, detect.max_top3_author_share, detect.min_authors):
        return None
    start, _ = context.window(finding.day - finding.days + 1)
    _, end = context.window(finding.day)
    posts = np.sort(context.frame.ids[finding.rows]).tolist()
    ids = list(dict.fromkeys([*finding.pages, *posts]))[: detect.evidence_limit]
    details = replace(finding.details, representativeness=mix)
    return Signal(
        id=signal_id(finding.kind, finding.key, start),
        kind=finding.kind,
        key=finding.key,
        beat=finding.beat,
        window_start=start,
        window_end=end,
        value=float(finding.value),
        baseline=float(finding.baseline),
        effect=float(finding.effect),
        significance=float(finding.significance),
        min_count=int(finding.min_count),
        sentence=finding.sentence,
        score=float(finding.score or finding.significance),
        evidence=[int(i) for i in ids],
        details=details,
        narrative_id=finding.narrative_id,
    )
