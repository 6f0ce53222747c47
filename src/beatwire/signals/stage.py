"""The detect stage: narratives and signals for new windows, stored with their evidence.

A window is a UTC day. The stage keeps a watermark (the newest analysis time it
has seen); the windows to (re)compute start at the earliest day holding a record
analysed after it, so a pass touches only new windows plus the baseline days
before them, and running it twice changes nothing the second time.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from beatwire.config import Settings
from beatwire.model import Event, StageReport
from beatwire.signals.clustering import centroids
from beatwire.signals.collection import mark_collection_artefacts
from beatwire.signals.context import Context
from beatwire.signals.detect import Detection, Inputs, detect
from beatwire.signals.events import Earlier as EarlierEvent
from beatwire.signals.events import as_events, build_events, named_events, note_subjectless
from beatwire.signals.labels import class_tfidf, terms
from beatwire.signals.narratives import BeatState, NarrativePass
from beatwire.signals.promotion import Earlier, attach_narratives, promote
from beatwire.signals.volume import history_days
from beatwire.store import narratives as narrative_store
from beatwire.store.analyses import first_dirty_time, last_analysed_at
from beatwire.store.engine import Store
from beatwire.store.events import events_between, save_events
from beatwire.store.frames import (
    Positions,
    load_artifact_texts,
    load_model_days,
    load_model_deltas,
    load_records,
    load_vectors,
)
from beatwire.store.records import record_texts, records_by_id
from beatwire.store.signals import delete_signals_from, replace_signals, topics_before
from beatwire.store.standings import model_pages
from beatwire.store.state import get_state, set_state

log = logging.getLogger(__name__)

WATERMARK = "detect.watermark"
LABEL_SAMPLE = 60  # newest records per narrative read to label it


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC)


def _states(context: Context, inputs: Inputs, previous: dict[str, dict[int, str]]) -> None:
    """Fill the per-beat state of the window before the first new day from stored members."""
    lookup = Positions.of(context.frame)
    for beat, assignment in previous.items():
        state = BeatState(assignment=dict(assignment))
        by_narrative: dict[str, list[int]] = defaultdict(list)
        at, known = lookup.find(np.fromiter(assignment, dtype=np.int64, count=len(assignment)))
        for nid, position, inside in zip(
            assignment.values(), at.tolist(), known.tolist(), strict=True
        ):
            if inside and inputs.has_vector[position]:
                by_narrative[nid].append(position)
        for nid, rows in by_narrative.items():
            members = inputs.vectors[rows].astype(np.float32)
            centre = centroids(members, np.zeros(len(rows), np.int64))[0]
            state.centres[nid] = centre
            state.last_seen[nid] = int(context.days[rows].max())
        inputs.states[beat] = state


def _labeller(store: Store, context: Context) -> Any:
    def label(narratives: NarrativePass) -> dict[str, str]:
        sample = {nid: rows[-LABEL_SAMPLE:] for nid, rows in narratives.members.items()}
        ids = [int(context.frame.ids[r]) for rows in sample.values() for r in rows]
        with store.read() as conn:
            texts = record_texts(conn, ids)
        docs = {
            nid: [terms(texts.get(int(context.frame.ids[r]), "")) for r in rows]
            for nid, rows in sample.items()
        }
        return {nid: ", ".join(words) for nid, words in class_tfidf(docs).items()}

    return label


@dataclass(slots=True)
class Loaded:
    """What a pass reads from the store before detecting."""

    context: Context
    inputs: Inputs
    newest: datetime | None  # the newest analysis time: the next watermark
    earlier: Earlier  # the last stored signal of each (kind, key) before the new days
    earlier_events: list[EarlierEvent]  # stored events a new development may continue


def _load(store: Store, settings: Settings) -> Loaded | None:
    detect_settings = settings.detect
    with store.read() as conn:
        mark = get_state(conn, WATERMARK)
        watermark = datetime.fromisoformat(mark) if mark else None
        dirty = first_dirty_time(conn, watermark)
        if dirty is None:
            return None
        first_new = dirty.astimezone(UTC).date()
        history = max(history_days(detect_settings), detect_settings.narrative_window_days)
        since = _midnight(first_new - timedelta(days=history))
        frame = load_records(conn, since)
        window_start = _midnight(first_new - timedelta(days=detect_settings.narrative_window_days))
        vectors, has_vector = load_vectors(conn, frame, window_start)
        model_days = load_model_days(conn, since)
        inputs = Inputs(
            vectors=vectors,
            has_vector=has_vector,
            artifact_texts=load_artifact_texts(conn, since),
            model_days=model_days,
            deltas=load_model_deltas(conn, since),
            model_pages=model_pages(conn, (m[0] for day in model_days.values() for m in day)),
        )
        previous = narrative_store.assignments(conn, window_start, _midnight(first_new))
        known = narrative_store.born_at(conn, [n for a in previous.values() for n in a.values()])
        newest = last_analysed_at(conn)
        earlier = topics_before(conn, _midnight(first_new))
        stored_events = events_between(
            conn, _midnight(first_new - timedelta(days=detect_settings.event_days)),
            _midnight(first_new),
        )  # fmt: skip
    context = Context.build(frame, settings, first_new)
    _states(context, inputs, previous)
    inputs.born = {nid: context.index(moment.date()) for nid, moment in known.items()}
    return Loaded(context, inputs, newest, earlier, _earlier_events(context, stored_events))


def _earlier_events(context: Context, stored: list[Event]) -> list[EarlierEvent]:
    """Return the stored events whose trigger is in the frame, as new seeds may continue them."""
    lookup = Positions.of(context.frame)
    found = []
    for event in stored:
        at, known = lookup.find(np.asarray([event.trigger_record_id, *event.record_ids], np.int64))
        if known[0]:
            rows = tuple(int(row) for row in at[known].tolist())
            found.append(EarlierEvent(event.id, rows[0], int(context.days[rows[0]]), rows))
    return found


def _narrative_tallies(
    context: Context, found: Detection
) -> tuple[list[list[tuple[str, int]]], list[dict[str, int]]]:
    """Return each narrative's top entities and platform counts, in one pass over the frame."""
    frame, members = context.frame, found.narratives.members
    narrative_of = np.full(len(frame), -1, dtype=np.int64)
    for number, rows in enumerate(members.values()):
        narrative_of[np.asarray(rows, dtype=np.int64)] = number
    slugs = frame.entities.slugs
    mentioned = narrative_of[frame.entities.rows]
    keep = mentioned >= 0
    pairs, counts = np.unique(
        mentioned[keep] * max(len(slugs.names), 1) + slugs.codes[keep], return_counts=True
    )
    top: list[list[tuple[str, int]]] = [[] for _ in members]
    for pair, count in zip(pairs.tolist(), counts.tolist(), strict=True):
        number, code = divmod(pair, max(len(slugs.names), 1))
        top[number].append((slugs.name(code), count))
    top = [sorted(found, key=lambda item: (-item[1], item[0]))[:5] for found in top]
    inside = narrative_of >= 0
    names = frame.platforms.names
    grid = np.bincount(
        narrative_of[inside] * len(names) + frame.platforms.codes[inside],
        minlength=len(members) * len(names),
    ).reshape(len(members), len(names))
    platforms = [{names[p]: int(n) for p, n in enumerate(row) if n} for row in grid.tolist()]
    return top, platforms


def _narrative_rows(context: Context, found: Detection, labels: dict[str, str]) -> list[dict]:
    rows, now = [], datetime.now(UTC)
    tops, platforms = _narrative_tallies(context, found)
    for (nid, members), top, spread in zip(
        found.narratives.members.items(), tops, platforms, strict=True
    ):
        rows.append({
            "id": nid, "beat": found.narratives.beats[nid], "label": labels.get(nid, ""),
            "phrases": labels.get(nid, "").split(", ") if labels.get(nid) else [],
            "top_entities": [{"slug": s, "count": n} for s, n in top],
            "status": "active", "size": len(members), "platforms": spread,
            "born_at": context.window(found.narratives.born[nid])[0], "updated_at": now,
            "centroid": found.narratives.centres[nid].astype(np.float32).tobytes(),
        })  # fmt: skip
    return rows


def _event_rows(context: Context, found: Detection) -> list[dict]:
    known = set(found.narratives.members)
    return [
        {"narrative_id": e.narrative_id, "kind": e.kind, "at": context.window(day)[0],
         "details": dict(e.details)}
        for day, e in found.narratives.events
        if e.narrative_id in known
    ]  # fmt: skip


def _save(
    store: Store,
    context: Context,
    found: Detection,
    narrative_rows: list[dict[str, Any]],
    newest: datetime | None,
    events: list[Event],
) -> int:
    since = _midnight(context.day(context.report_from))
    ids = context.frame.ids
    members = [  # in key order: appending to the primary key's b-tree is the cheap insert
        (nid, record) for nid in sorted(found.narratives.members)
        for record in np.sort(ids[found.narratives.members[nid]]).tolist()
    ]  # fmt: skip
    with store.begin() as conn:
        narrative_store.clear_from(conn, since)
        delete_signals_from(conn, since)
        narrative_store.save_narratives(conn, narrative_rows, members, _event_rows(context, found))
        new = replace_signals(conn, found.signals)
        save_events(conn, events, since)
        set_state(conn, WATERMARK, newest.isoformat() if newest else None)
    return new


def run(store: Store, settings: Settings) -> StageReport:
    """Detect narratives and signals in the new windows; running it twice changes nothing."""
    loaded = _load(store, settings)
    if loaded is None:
        return StageReport("detect", {"records": 0, "signals": 0, "new": 0, "promoted": 0})
    context, inputs = loaded.context, loaded.inputs
    labeller = _labeller(store, context)
    labels: dict[str, str] = {}

    def remember(narratives: NarrativePass) -> dict[str, str]:
        labels.update(labeller(narratives))
        return labels

    found = detect(context, inputs, remember)
    member_of = {
        int(context.frame.ids[r]): nid
        for nid, rows in found.narratives.members.items()
        for r in rows
    }
    attach_narratives(found.signals, member_of)
    notes = mark_collection_artefacts(found.signals, settings.detect)
    built = build_events(
        context, found.signals, inputs.vectors, inputs.has_vector, loaded.earlier_events
    )
    with store.read() as conn:
        triggers = records_by_id(conn, [int(context.frame.ids[event.trigger]) for event in built])
    built = named_events(built, context, triggers)
    note_subjectless(found.signals, built)
    of_event = {signal.id: event.id for event in built for signal in event.signals}
    promoted = promote(found.signals, settings, loaded.earlier, of_event)
    events = as_events(built, context, triggers)
    rows = _narrative_rows(context, found, labels)
    new = _save(store, context, found, rows, loaded.newest, events)
    report = _report(context, found, new, len(promoted))
    report.figures.update({"events": len(events), "collection_artefacts": notes})
    return report


def _report(context: Context, found: Detection, new: int, promoted: int) -> StageReport:
    kinds = Counter(signal.kind for signal in found.signals)
    clustered, outside = found.narratives.clustered, found.narratives.outside
    figures: dict[str, Any] = {
        "records": len(context.frame),
        "windows": max(context.day_count - context.report_from, 0),
        "first_window": str(context.day(context.report_from)) if context.day_count else None,
        "narratives": len(found.narratives.members),
        "records_clustered": clustered,
        "records_outside_narratives": outside,
        "outside_share": round(outside / clustered, 4) if clustered else None,
        "signals": len(found.signals),
        "new": new,
        "promoted": promoted,
        "dropped_as_floods": found.dropped_floods,
    }
    figures.update({f"signals.{kind}": count for kind, count in sorted(kinds.items())})
    return StageReport("detect", figures)
