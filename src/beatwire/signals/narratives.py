"""Narratives per beat over rolling windows: cluster each window, then carry ids forward.

For each beat and each day, the records of that day and the `narrative_window_days`
- 1 days before are clustered (signals/clustering.py); lineage (signals/lineage.py)
matches the clusters to the narratives of the previous window. A record belongs to
the narrative its cluster had in the window of its own day. Pure: vectors in,
memberships and events out; the stage loads and stores.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from beatwire.signals.clustering import centroids, cluster
from beatwire.signals.context import Context
from beatwire.signals.large_windows import attach_then_cluster
from beatwire.signals.lineage import Event, match
from beatwire.store.frames import Ints

log = logging.getLogger(__name__)

Matrix = npt.NDArray[np.float32]


@dataclass(slots=True)
class BeatState:
    """What the previous window of one beat left: record -> narrative, narrative -> centroid."""

    assignment: dict[int, str] = field(default_factory=dict)
    centres: dict[str, Matrix] = field(default_factory=dict)
    last_seen: dict[str, int] = field(default_factory=dict)  # narrative -> last day with records


@dataclass(slots=True)
class NarrativePass:
    """Everything a pass found: members per narrative, events by day, and records left out."""

    members: dict[str, list[int]] = field(default_factory=dict)  # narrative -> frame positions
    events: list[tuple[int, Event]] = field(default_factory=list)  # (day, event)
    beats: dict[str, str] = field(default_factory=dict)  # narrative -> beat
    born: dict[str, int] = field(default_factory=dict)  # narrative -> day born
    split_from: dict[str, str] = field(default_factory=dict)  # narrative -> the one it left
    centres: dict[str, Matrix] = field(default_factory=dict)
    clustered: int = 0  # records that were clustered in their own day's window
    outside: int = 0  # of those, how many fell outside every narrative


def beat_rows(context: Context, has_vector: npt.NDArray[np.bool_]) -> dict[int, Ints]:
    """Return each beat's frame positions with a vector, in time order (the frame's order)."""
    rows = np.flatnonzero(has_vector)
    beats = context.frame.beats.codes[rows]
    order = np.argsort(beats, kind="stable")  # stable: time order within each beat
    rows, beats = rows[order], beats[order]
    bounds = np.searchsorted(beats, np.arange(len(context.frame.beats.names) + 1))
    return {beat: rows[bounds[beat] : bounds[beat + 1]] for beat in range(len(bounds) - 1)}


def _window(days: Ints, rows: Ints, day: int, span: int) -> Ints:
    """Return the positions among one beat's `rows` (on `days`) in the window ending on `day`."""
    first, last = np.searchsorted(days, [day - span + 1, day + 1])
    return rows[first:last]


def _labels(
    context: Context, rows: Ints, window: Matrix, live: dict[str, Matrix]
) -> npt.NDArray[np.int64]:
    """Return the cluster labels of one window (a large one attaches to `live` narratives first)."""
    detect = context.settings.detect
    times = context.frame.times[rows].astype(np.float64)
    if len(rows) <= detect.narrative_cluster_cap:
        return cluster(window, detect.cluster, times)
    centres = np.stack(list(live.values())) if live else np.zeros((0, window.shape[1]))
    return attach_then_cluster(window, times, centres.astype(np.float32), detect)


def _one_window(
    context: Context, beat: int, day: int, rows: Ints, vectors: npt.NDArray[np.floating],
    state: BeatState, found: NarrativePass,
) -> None:  # fmt: skip
    """Cluster one window of one beat and record its lineage in `found` and `state`."""
    detect = context.settings.detect
    live = {
        nid: c for nid, c in state.centres.items()
        if day - state.last_seen.get(nid, day) < detect.narrative_fade_days
    }  # fmt: skip
    window = vectors[rows].astype(np.float32)  # held as float16; products in float32
    labels = _labels(context, rows, window, live)
    ids = context.frame.ids
    clusters = {
        int(label): [int(i) for i in ids[rows[labels == label]]] for label in np.unique(labels)
    }
    clusters.pop(-1, None)
    centre_rows = centroids(window, labels)
    centres = {label: centre_rows[label] for label in clusters}
    beat_slug = context.frame.beats.name(beat)
    named, events = match(
        clusters, centres, state.assignment, live, beat=beat_slug, day=str(context.day(day)),
        overlap=detect.narrative_match_overlap, similarity=detect.narrative_match_similarity,
    )  # fmt: skip
    today = context.days[rows] == day
    found.clustered += int(today.sum())
    found.outside += int((today & (labels < 0)).sum())
    for label, nid in named.items():
        own = rows[(labels == label) & today]
        found.members.setdefault(nid, []).extend(int(r) for r in own)
        found.beats[nid] = beat_slug
        found.centres[nid] = centres[label]
        found.born.setdefault(nid, day)
        if len(own):
            state.last_seen[nid] = day
    # a part that looks like the narrative it left is the same story; an unlike part is new
    found.split_from.update(
        {
            e.narrative_id: str(e.details["from"])
            for e in events
            if e.kind == "split"
            and (e.details.get("similarity") or 1.0) >= detect.split_same_similarity  # type: ignore[operator]
        }
    )
    fresh = set(rows[today].tolist())
    grown = {
        nid for nid in named.values() if found.members.get(nid) and found.members[nid][-1] in fresh
    }
    found.events.extend(
        (day, event) for event in events if event.kind != "grew" or event.narrative_id in grown
    )
    state.assignment = {i: named[label] for label, members in clusters.items() for i in members}
    state.centres.update({named[label]: centres[label] for label in clusters})
    for nid in list(state.centres):
        if nid not in named.values() and day - state.last_seen.get(nid, day) == (
            detect.narrative_fade_days
        ):
            found.events.append((day, Event(nid, "faded", {})))


def find_narratives(
    context: Context, vectors: npt.NDArray[np.floating], has_vector: npt.NDArray[np.bool_],
    states: dict[str, BeatState] | None = None,
) -> NarrativePass:  # fmt: skip
    """Return the narratives of every beat over the new days (`vectors` align with the frame)."""
    detect = context.settings.detect
    states = states if states is not None else {}
    found = NarrativePass()
    # Windows are small: one BLAS thread each beats threads that contend for two cores.
    by_beat = beat_rows(context, has_vector)
    with threadpool_limits(limits=1):
        for beat, beat_positions in by_beat.items():
            state = states.setdefault(context.frame.beats.name(beat), BeatState())
            beat_days = context.days[beat_positions]
            for day in range(context.report_from, context.day_count):
                rows = _window(beat_days, beat_positions, day, detect.narrative_window_days)
                if len(rows) >= detect.cluster.min_size:  # room for one narrative at least
                    _one_window(context, beat, day, rows, vectors, state, found)
    log.info("narratives: %d found, %d of %d records outside", len(found.members),
             found.outside, found.clustered)  # fmt: skip
    return found
