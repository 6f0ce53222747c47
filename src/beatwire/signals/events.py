"""Events: the signals of one pass grouped by what happened, each around its trigger record.

A story is about an event. Events grow from seeds: an `attention` signal (a record far
more engaged than its platform's usual, which is its own trigger) or a signal with a
subject (an entity surge, its share of a beat, an emerging narrative, a linked artifact),
whose trigger is the earliest well-engaged record of its evidence (log engagement at least
half the most engaged one's). Seeds are one event when they share a trigger or most of their
evidence, or when their triggers are alike in meaning (`event_same_similarity`) within
`event_days`; the event's trigger is then its earliest seed trigger, attention first.

The event's records are its seeds' evidence and the records alike in meaning to the
trigger (`event_member_similarity`) from the day before it to `event_days` after; a
record belongs to one event only (the strongest claims it first), so no record leads
two stories. The other signals (volume spikes, sentiment shifts, divergences, co-spikes,
download jumps) are facets of the event holding `event_facet_share` of their evidence;
one that joins none has no shared subject and stays a data note on the Live Wire. A
model-ecosystem finding (a share shift, a lead change, a newcomer, a release jump) that
joins none is an event of its own: its figures are the news and lead its story, so it
needs no report to trigger it. Its trigger is its first evidence record in the frame (the
leading model's page); findings led by the same page are one event.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from beatwire.model import Event, Signal, StoredRecord
from beatwire.signals.context import Context
from beatwire.signals.subjects import NAMING_TYPES, names_subject
from beatwire.store.frames import Ints, Positions

SUBJECT_KINDS = ("entity_surge", "share_of_beat", "emerging_narrative", "artifact_surge")
# a trigger's engagement must reach this share of the most engaged evidence's, on a log scale
WELL_ENGAGED = 0.5
SPECIFIC = frozenset({*NAMING_TYPES, "concept"})  # entities that say what a story is about
# what two loud reports must share to be one event: a thing, not its maker (an organisation
# or a person does many things in three days: Anthropic buying Bun is not its new dataset)
THING = frozenset({"product", "legislation", "concept"})
# facets whose figures are a story by themselves: one that joins no event is its own
OWN_EVENT_KINDS = ("model_ecosystem",)


def event_id(trigger_record: int) -> str:
    """Return the stable id of the event a record triggered."""
    return "ev_" + hashlib.sha256(f"trigger|{trigger_record}".encode()).hexdigest()[:12]


def own_event_id(signal_id: str) -> str:
    """Return the id of a finding's own event: never that of an event its page triggers."""
    return "ev_" + hashlib.sha256(f"signal|{signal_id}".encode()).hexdigest()[:12]


@dataclass(slots=True)
class Found:
    """An event of the pass, before its title is read from the trigger record."""

    id: str
    trigger: int  # frame row of the trigger record
    day: int  # day number of the trigger
    score: float
    signals: list[Signal] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # frame rows of its records, trigger first


@dataclass(frozen=True, slots=True)
class Earlier:
    """A stored event a new seed may continue: a later development is a new version."""

    id: str
    trigger: int  # frame row of its trigger
    day: int
    rows: tuple[int, ...] = ()  # frame rows of its records: no other event takes them


def _trigger_of(context: Context, signal: Signal, rows: Ints) -> int:
    """Return the earliest well-engaged report among a signal's evidence rows.

    Reports (`attention_kinds`: stories, articles, papers, model pages) first: a reply or
    a social post reacts to a development; any record when none of them is a report.
    """
    if signal.kind == "attention":
        return int(rows[0])
    frame, kinds = context.frame, set(context.settings.detect.attention_kinds)
    reports = np.asarray([
        f"{frame.platforms.name(int(p))}/{frame.kinds.name(int(k))}" in kinds
        for p, k in zip(frame.platforms.codes[rows], frame.kinds.codes[rows], strict=True)
    ], dtype=bool)  # fmt: skip
    if reports.any():
        rows = rows[reports]
    engagement = context.frame.engagement[rows] if len(context.frame.engagement) else None
    if engagement is None or not engagement.any():
        return int(rows[np.argmin(context.frame.times[rows])])
    level = np.log1p(engagement)
    engaged = rows[level >= WELL_ENGAGED * level.max()]
    return int(engaged[np.argmin(context.frame.times[engaged])])


class _Unions:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.root(j)] = self.root(i)


@dataclass(slots=True)
class _Seed:
    signal: Signal | None  # None for an earlier event
    trigger: int
    rows: Ints
    earlier: str | None = None


def _alike(vectors: npt.NDArray[np.floating], has: npt.NDArray[np.bool_], rows: list[int]) -> Any:
    """Return the cosine matrix of the records at `rows` (0 where either has no vector)."""
    matrix = vectors[rows].astype(np.float32)
    norms = np.linalg.norm(matrix, axis=1)
    usable = has[rows] & (norms > 0)
    matrix = np.where(usable[:, None], matrix / np.maximum(norms, 1e-9)[:, None], 0.0)
    return matrix @ matrix.T


def names_of(context: Context, rows: list[int], types: frozenset[str] = NAMING_TYPES) -> Any:
    """Return the entities of `types` (by default naming ones) each record mentions."""
    entities = context.frame.entities
    wanted = {row: n for n, row in enumerate(rows)}
    found: list[set[str]] = [set() for _ in rows]
    for row, code in zip(entities.rows.tolist(), entities.slugs.codes.tolist(), strict=True):
        if row in wanted:
            slug = entities.slugs.name(code)
            if not types or entities.types.get(slug) in types:
                found[wanted[row]].add(slug)
    return found


def _group(context: Context, seeds: list[_Seed], vectors: Any, has: Any) -> list[list[_Seed]]:
    """Return the seeds grouped by event: alike triggers, shared evidence, or a shared name."""
    detect = context.settings.detect
    unions = _Unions(len(seeds))
    triggers = [seed.trigger for seed in seeds]
    similar = _alike(vectors, has, triggers)
    sets = [set(seed.rows.tolist()) for seed in seeds]
    names = names_of(context, triggers, THING)
    days = context.days[triggers]
    for i in range(len(seeds)):
        for j in range(i + 1, len(seeds)):
            close = abs(int(days[i]) - int(days[j])) <= detect.event_days
            shared = len(sets[i] & sets[j]) >= 0.5 * max(min(len(sets[i]), len(sets[j])), 1)
            alike = similar[i, j] >= detect.event_same_similarity or bool(names[i] & names[j])
            if triggers[i] == triggers[j] or shared or (close and alike):
                unions.join(i, j)
    groups: dict[int, list[_Seed]] = {}
    for i, seed in enumerate(seeds):
        groups.setdefault(unions.root(i), []).append(seed)
    return list(groups.values())


def _event(context: Context, group: list[_Seed]) -> Found | None:
    signals = [seed.signal for seed in group if seed.signal is not None]
    if not signals:
        return None  # an earlier event nothing new joined
    earlier = next((seed for seed in group if seed.earlier), None)
    attention = [seed for seed in group if seed.signal and seed.signal.kind == "attention"]
    pool = attention or [seed for seed in group if seed.signal is not None]
    first = earlier or min(pool, key=lambda seed: (context.frame.times[seed.trigger], seed.trigger))
    ident = first.earlier or event_id(int(context.frame.ids[first.trigger]))
    return Found(
        id=ident,
        trigger=first.trigger,
        day=int(context.days[first.trigger]),
        score=max(signal.score for signal in signals),
        signals=sorted(signals, key=lambda s: (-s.score, s.id)),
    )


def _claim_members(
    context: Context,
    events: list[Found],
    seeds: dict[str, list[_Seed]],
    vectors: Any,
    has: Any,
    kept: dict[str, list[int]],
) -> None:
    """Give each event its records, strongest event first; a record joins one event only.

    `kept` holds the records of stored events: they stay theirs (a continued event
    keeps its own).
    """
    detect = context.settings.detect
    claimed: set[int] = {event.trigger for event in events}
    claimed.update(row for rows in kept.values() for row in rows)
    usable = has & (np.linalg.norm(vectors.astype(np.float32), axis=1) > 0)
    for event in sorted(events, key=lambda e: (-e.score, e.id)):
        near = np.flatnonzero(
            usable
            & (context.days >= event.day - 1)
            & (context.days <= event.day + detect.event_days)
        )
        rows = [row for seed in seeds[event.id] for row in seed.rows.tolist()]
        own = [row for row in kept.get(event.id, []) if row != event.trigger]
        if len(near) and usable[event.trigger]:
            alike = _alike(vectors, has, [event.trigger, *near.tolist()])[0, 1:]
            rows += near[alike >= detect.event_member_similarity].tolist()
        members = [event.trigger, *own]
        for row in dict.fromkeys(rows):
            if row not in claimed:
                claimed.add(row)
                members.append(row)
        event.rows = members


def _attach_facets(
    context: Context, events: list[Found], facets: list[tuple[Signal, Ints]]
) -> None:
    share = context.settings.detect.event_facet_share
    member_of = {row: event for event in events for row in event.rows}
    for signal, rows in facets:
        votes: dict[str, int] = {}
        for row in rows.tolist():
            if row in member_of:
                votes[member_of[row].id] = votes.get(member_of[row].id, 0) + 1
        if votes:
            best = max(votes, key=lambda e: (votes[e], e))
            if votes[best] >= share * len(rows):
                next(e for e in events if e.id == best).signals.append(signal)


def _seeds(
    context: Context, signals: list[Signal], earlier: list[Earlier]
) -> tuple[list[_Seed], list[_Seed], list[tuple[Signal, Ints]]]:
    """Return the attention seeds (and stored events), the subject seeds, and the facets."""
    lookup = Positions.of(context.frame)
    loud = [_Seed(None, e.trigger, np.asarray([e.trigger]), e.id) for e in earlier]
    subjects: list[_Seed] = []
    facets: list[tuple[Signal, Ints]] = []
    for signal in signals:
        at, known = lookup.find(np.asarray(signal.evidence, np.int64))
        rows = at[known]
        if signal.details.data_note or not len(rows):
            continue
        if signal.kind == "attention":
            loud.append(_Seed(signal, _trigger_of(context, signal, rows), rows))
        elif signal.kind in SUBJECT_KINDS:
            subjects.append(_Seed(signal, _trigger_of(context, signal, rows), rows))
        else:
            facets.append((signal, rows))
    return loud, subjects, facets


def _events_of(
    context: Context, seeds: list[_Seed], vectors: Any, has: Any, kept: dict[str, list[int]]
) -> list[Found]:
    events: list[Found] = []
    by_event: dict[str, list[_Seed]] = {}
    for group in _group(context, seeds, vectors, has):
        event = _event(context, group)
        if event is not None:
            events.append(event)
            by_event[event.id] = group
    _claim_members(context, events, by_event, vectors, has, kept)
    return events


def build_events(
    context: Context,
    signals: list[Signal],
    vectors: npt.NDArray[np.floating],
    has_vector: npt.NDArray[np.bool_],
    earlier: list[Earlier] | None = None,
) -> list[Found]:
    """Return the events of `signals`, strongest first (pure: no store, no clock).

    Reports that drew attention make events first; a subject signal (a surge, a share,
    a narrative) whose records are mostly an event's is a facet of it, and the others
    make events of their own; then the other signals join as facets.
    """
    kept = {e.id: list(e.rows) for e in earlier or []}
    loud, subjects, facets = _seeds(context, signals, earlier or [])
    events = _events_of(context, loud, vectors, has_vector, kept)
    taken = {row for event in events for row in event.rows}
    alone = [seed for seed in subjects if not _joins(context, seed, events)]
    kept.update({event.id: event.rows for event in events})
    taken_seeds = [seed for seed in alone if not set(seed.rows.tolist()) <= taken]
    events += _events_of(context, taken_seeds, vectors, has_vector, kept)
    _attach_facets(context, events, facets)
    events += _own_events(context, events, facets)
    return sorted(events, key=lambda e: (-e.score, e.id))


def _own_events(
    context: Context, events: list[Found], facets: list[tuple[Signal, Ints]]
) -> list[Found]:
    """Return the events of the figures-led facets no event took, one per leading page.

    The trigger is the first evidence record no event holds, so no record leads two
    stories; the event's records are the findings' own evidence not yet taken.
    """
    held = {signal.id for event in events for signal in event.signals}
    taken = {row for event in events for row in event.rows}
    own: dict[int, Found] = {}  # frame row -> the own event holding it
    for signal, rows in sorted(facets, key=lambda item: (-item[0].score, item[0].id)):
        if signal.kind not in OWN_EVENT_KINDS or signal.id in held:
            continue
        # a page another week's finding leads is not this one's: that is another story
        free = [row for row in rows.tolist() if row not in taken
                and (row not in own or _same_time(context, own[row], signal))]  # fmt: skip
        if not free:
            continue
        event = own.get(free[0])
        if event is None:
            day = int(context.days[free[0]])
            event = Found(own_event_id(signal.id), free[0], day, signal.score, rows=[])
        event.signals.append(signal)
        for row in free:
            if row not in own:
                own[row] = event
                event.rows.append(row)
    return list({id(event): event for event in own.values()}.values())


def _same_time(context: Context, event: Found, signal: Signal) -> bool:
    """Return whether a finding ends within `event_days` of the event's first finding."""
    apart = abs(signal.window_end - event.signals[0].window_end).days
    return apart <= context.settings.detect.event_days


def _joins(context: Context, seed: _Seed, events: list[Found]) -> bool:
    """Make a subject seed a facet of the event holding its records or sharing its names.

    Names here are any entity but a technology (a surge of "Fenwick Rule", a concept to
    the gazetteer, is about the event whose trigger names it); events are a few days apart.
    """
    assert seed.signal is not None
    share = context.settings.detect.event_facet_share
    rows = set(seed.rows.tolist())
    entity = getattr(seed.signal.details, "entity", None)
    mine = names_of(context, [seed.trigger], SPECIFIC)[0] | ({entity} if entity else set())
    day = int(context.days[seed.trigger])
    for event in events:
        close = abs(event.day - day) <= context.settings.detect.event_days
        held = len(rows & set(event.rows)) >= share * len(rows) or seed.trigger in event.rows
        named = bool(mine & names_of(context, [event.trigger], SPECIFIC)[0])
        if close and (held or named):
            event.signals.append(seed.signal)
            event.score = max(event.score, seed.signal.score)
            return True
    return False


TITLE_MAX = 140
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def event_title(record: StoredRecord) -> str:
    """Return who did what, in the trigger's own words: its title, or its first sentence.

    A model or dataset page has only its id for a title: its maker (the id's owner)
    published it, which is what the page itself shows.
    """
    if record.kind in ("model", "dataset") and record.title and "/" in record.title:
        owner, name = record.title.split("/", 1)
        return f"{owner} publishes {name} on Hugging Face"
    # A title is a headline already, whole ("… Codex CLI vs. Claude Code" has no sentence end);
    # a text without one gives its first sentence.
    text = " ".join((record.title or "").split())
    if not text:
        text = _SENTENCE_END.split(" ".join(record.text.split()), maxsplit=1)[0]
    if len(text) <= TITLE_MAX:
        return text
    return text[: text.rfind(" ", 0, TITLE_MAX)].rstrip(",;:") + "…"


def as_events(
    found: list[Found], context: Context, triggers: dict[int, StoredRecord]
) -> list[Event]:
    """Return the events of a pass as stored: titled from their trigger records."""
    ids = context.frame.ids
    events = []
    for event in found:
        record = triggers[int(ids[event.trigger])]
        events.append(Event(
            id=event.id, title=event_title(record), trigger_record_id=record.id,
            first_seen=record.published_at, beat=context.frame.beats.name(
                int(context.frame.beats.codes[event.trigger])),
            signal_ids=[signal.id for signal in event.signals],
            record_ids=sorted(int(ids[row]) for row in event.rows),
        ))  # fmt: skip
    return events


def named_events(
    found: list[Found], context: Context, triggers: dict[int, StoredRecord]
) -> list[Found]:
    """Return the events whose trigger names a subject; note the others' signals (in place).

    A story says who did what, and its headline is the event's title: an event whose
    title names no one (no name in it, nor a naming entity the analysis found in the
    record: `subjects.py`) is shown on the Live Wire, not told.
    """
    kept, shown = [], context.frame.entities.names
    for event, names in zip(found, names_of(context, [e.trigger for e in found]), strict=True):
        record = triggers.get(int(context.frame.ids[event.trigger]))
        title = event_title(record) if record is not None else ""
        in_title = any(shown.get(slug, slug).lower() in title.lower() for slug in names)
        if record is not None and (in_title or names_subject(title, set())):
            kept.append(event)
            continue
        for signal in event.signals:
            if not signal.details.data_note:
                note = "about a report that names no one"
                signal.details = replace(signal.details, data_note=note)
    return kept


def note_subjectless(signals: list[Signal], found: list[Found]) -> None:
    """Give a volume signal no event holds its data note (in place): a spike with no subject."""
    held = {signal.id for event in found for signal in event.signals}
    for signal in signals:
        volume = signal.kind in ("volume_spike", "co_spike")
        if volume and signal.id not in held and not signal.details.data_note:
            signal.details = replace(
                signal.details, data_note="a rise in volume with no shared subject"
            )
