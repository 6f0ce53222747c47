"""Evidence packs: everything a writer may use about one signal, and nothing else."""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from beatwire.model import Analysis, Signal, StoredRecord


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A record a story may cite as `[number]`."""

    number: int
    record: StoredRecord
    analysis: Analysis | None

    @property
    def sentiment(self) -> float:
        """Return the record's sentiment score, 0 when unmeasured."""
        score = self.analysis.sentiment_score if self.analysis else None
        return 0.0 if score is None else score


@dataclass(slots=True)
class EvidencePack:
    """A signal, its figures and the records chosen to tell it.

    When the signal belongs to an event, the pack also carries the event: its title (who did
    what, in the trigger's words), its trigger (the earliest well-engaged record reporting the
    development, always item 1), the other signals about the same event (facets of one story)
    and earlier stories on the same subject or beat (context). Without an event these stay
    empty and a writer tells the signal alone.
    """

    signal: Signal
    beat_name: str
    items: list[EvidenceItem]
    figures: dict[str, Any] = field(default_factory=dict)
    event_title: str | None = None
    trigger: EvidenceItem | None = None
    facets: list[Signal] = field(default_factory=list)
    earlier: list[dict[str, Any]] = field(default_factory=list)  # {"slug", "headline", "day"}

    def item(self, number: int) -> EvidenceItem | None:
        """Return the item cited as `[number]`, or None."""
        return next((item for item in self.items if item.number == number), None)


def engagement_weight(record: StoredRecord) -> float:
    """Return a damped engagement figure: loud records count more, but not overwhelmingly."""
    return math.log1p(sum(max(v, 0) for v in record.engagement.values()))


def _platform_round_robin(candidates: list[StoredRecord], limit: int) -> list[StoredRecord]:
    by_platform: dict[str, list[StoredRecord]] = defaultdict(list)
    for record in sorted(candidates, key=lambda r: (-engagement_weight(r), r.id)):
        by_platform[record.provider].append(record)
    order = sorted(by_platform, key=lambda p: (-len(by_platform[p]), p))
    chosen: list[StoredRecord] = []
    while len(chosen) < limit and any(by_platform.values()):
        for platform in order:
            if by_platform[platform] and len(chosen) < limit:
                chosen.append(by_platform[platform].pop(0))
    return chosen


def choose_records(
    records: list[StoredRecord], analyses: dict[int, Analysis], limit: int
) -> list[StoredRecord]:
    """Return up to `limit` records: diverse in platform, weighted by engagement, with a dissent.

    The strongest counter-perspective (the record whose sentiment is furthest from the
    mean) is always included, so a story cannot show one side only.
    """
    usable = [r for r in records if r.text.strip()]
    chosen = _platform_round_robin(usable, max(limit - 1, 1))
    scored = [
        r for r in usable if analyses.get(r.id) and analyses[r.id].sentiment_score is not None
    ]
    if scored and len(usable) > len(chosen):
        mean = sum(analyses[r.id].sentiment_score or 0.0 for r in scored) / len(scored)
        dissent = max(
            scored, key=lambda r: (abs((analyses[r.id].sentiment_score or 0.0) - mean), -r.id)
        )
        if dissent not in chosen:
            chosen.append(dissent)
    return chosen[:limit]


def _sentiment_by_platform(
    records: list[StoredRecord], analyses: dict[int, Analysis]
) -> dict[str, float]:
    scores: dict[str, list[float]] = defaultdict(list)
    for record in records:
        analysis = analyses.get(record.id)
        if analysis is not None and analysis.sentiment_score is not None:
            scores[record.provider].append(analysis.sentiment_score)
    return {p: round(sum(v) / len(v), 3) for p, v in sorted(scores.items()) if len(v) >= 3}


def _entity_shares(
    records: list[StoredRecord], analyses: dict[int, Analysis], limit: int = 5
) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    meta: dict[str, tuple[str, str]] = {}
    for record in records:
        analysis = analyses.get(record.id)
        for entity in analysis.entities if analysis else []:
            counts[entity.slug] += 1
            meta[entity.slug] = (entity.name, entity.type)
    total = max(len(records), 1)
    return [
        {
            "slug": slug,
            "name": meta[slug][0],
            "type": meta[slug][1],
            "records": n,
            "share": round(n / total, 3),
        }
        for slug, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    ]


def pack_figures(records: list[StoredRecord], analyses: dict[int, Analysis]) -> dict[str, Any]:
    """Return the counts a story may quote: platforms, sentiment by platform, entity shares."""
    platforms = Counter(r.provider for r in records)
    scored = [
        analyses[r.id].sentiment_score
        for r in records
        if r.id in analyses and analyses[r.id].sentiment_score is not None
    ]
    return {
        "records": len(records),
        "authors": len({r.author for r in records if r.author}),
        "platforms": dict(sorted(platforms.items(), key=lambda kv: (-kv[1], kv[0]))),
        "platform_count": len(platforms),
        "sentiment_mean": round(sum(s or 0.0 for s in scored) / len(scored), 3) if scored else None,
        "sentiment_by_platform": _sentiment_by_platform(records, analyses),
        "top_entities": _entity_shares(records, analyses),
    }


@dataclass(frozen=True, slots=True)
class EventEvidence:
    """What a pack tells about the event of its signal: title, trigger, facets, context."""

    title: str
    trigger: StoredRecord
    facets: list[Signal] = field(default_factory=list)
    earlier: list[dict[str, Any]] = field(default_factory=list)


def build_pack(
    signal: Signal,
    beat_name: str,
    records: list[StoredRecord],
    analyses: dict[int, Analysis],
    limit: int,
    lineage: dict[str, Any] | None = None,
    event: EventEvidence | None = None,
) -> EvidencePack:
    """Return the evidence pack of `signal`: its records, figures and narrative lineage.

    With an event, its trigger is item 1 and the other items are chosen from the rest.
    """
    if event is None:
        chosen = choose_records(records, analyses, limit)
    else:
        others = [record for record in records if record.id != event.trigger.id]
        chosen = [event.trigger, *choose_records(others, analyses, limit - 1)]
    items = [
        EvidenceItem(number=n, record=record, analysis=analyses.get(record.id))
        for n, record in enumerate(chosen, start=1)
    ]
    figures = pack_figures(records, analyses)
    if lineage is not None:
        figures["lineage"] = lineage
    pack = EvidencePack(signal=signal, beat_name=beat_name, items=items, figures=figures)
    if event is not None:
        pack.event_title, pack.trigger = event.title, items[0]
        pack.facets, pack.earlier = list(event.facets), list(event.earlier)
    return pack


def evidence_hash(pack: EvidencePack) -> str:
    """Return a fingerprint of what a story rests on; a new version is due when it changes."""
    s = pack.signal
    lineage = pack.figures.get("lineage") or {}
    basis = {
        "signal": [s.id, s.value, s.baseline, s.effect, s.promoted_as],
        "records": [item.record.id for item in pack.items],
        "event": [pack.event_title, sorted(f.id for f in pack.facets)],
        "lineage": [lineage.get("status"), lineage.get("size"), len(lineage.get("events", []))],
    }
    return hashlib.sha256(json.dumps(basis, sort_keys=True, default=str).encode()).hexdigest()[:16]
