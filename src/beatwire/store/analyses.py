"""The analyses table, with the per-beat, per-entity and embedding rows written beside it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, String, cast, delete, func, select

from beatwire.model import Analysis, BeatScore, Entity, now_utc
from beatwire.store.schema import analyses, embeddings, record_beats, record_entities, records
from beatwire.store.sql import as_utc, chunks


def _analysis_row(analysis: Analysis) -> dict[str, Any]:
    return {
        "record_id": analysis.record_id,
        "lang": analysis.lang,
        "sentiment_label": analysis.sentiment_label,
        "sentiment_score": analysis.sentiment_score,
        "emotion": analysis.emotion,
        "emotion_scores": dict(analysis.emotion_scores),
        "entities": [
            {"slug": e.slug, "name": e.name, "type": e.type, "count": e.count}
            for e in analysis.entities
        ],
        "key_phrases": list(analysis.key_phrases),
        "beats": [{"slug": b.slug, "confidence": b.confidence} for b in analysis.beats],
        "primary_beat": analysis.beats[0].slug if analysis.beats else None,
        "ai_relevance": analysis.ai_relevance,
        "duplicate_of": analysis.duplicate_of,
        "versions": dict(analysis.versions),
        "analyzed_at": now_utc(),
    }


def save_analyses(
    conn: Connection,
    batch: Sequence[Analysis],
    vectors: Sequence[tuple[int, str, bytes, int]] = (),
) -> None:
    """Store analyses (replacing older ones of the same records) and their embeddings."""
    ids = [analysis.record_id for analysis in batch]
    for table in (analyses, record_beats, record_entities, embeddings):
        for chunk in chunks(ids):
            conn.execute(delete(table).where(table.c.record_id.in_(chunk)))
    if not batch:
        return
    conn.execute(analyses.insert(), [_analysis_row(analysis) for analysis in batch])
    beat_rows = [
        {"record_id": a.record_id, "beat": b.slug, "confidence": b.confidence}
        for a in batch
        for b in a.beats
    ]
    if beat_rows:
        conn.execute(record_beats.insert(), beat_rows)
    entity_rows = [
        {"record_id": a.record_id, "slug": e.slug, "name": e.name, "type": e.type, "count": e.count}
        for a in batch
        for e in {entity.slug: entity for entity in a.entities}.values()
    ]
    if entity_rows:
        conn.execute(record_entities.insert(), entity_rows)
    if vectors:
        conn.execute(
            embeddings.insert(),
            [
                {"record_id": rid, "model": model, "vector": vector, "dim": dim}
                for rid, model, vector, dim in vectors
            ],
        )


def analysis_from_row(row: Any) -> Analysis:
    """Return the analysis an `analyses` row holds."""
    return Analysis(
        record_id=row["record_id"],
        lang=row["lang"],
        sentiment_label=row["sentiment_label"],
        sentiment_score=row["sentiment_score"],
        emotion=row["emotion"],
        emotion_scores=dict(row["emotion_scores"]),
        entities=[Entity(**entity) for entity in row["entities"]],
        key_phrases=list(row["key_phrases"]),
        beats=[BeatScore(**beat) for beat in row["beats"]],
        ai_relevance=row["ai_relevance"],
        duplicate_of=row["duplicate_of"],
        versions=dict(row["versions"]),
    )


def analyses_by_record(conn: Connection, ids: Iterable[int]) -> dict[int, Analysis]:
    """Return the analyses of these records, by record id."""
    found: dict[int, Analysis] = {}
    for chunk in chunks(sorted(set(ids))):
        for row in conn.execute(select(analyses).where(analyses.c.record_id.in_(chunk))).mappings():
            found[row["record_id"]] = analysis_from_row(row)
    return found


def clear_analyses(conn: Connection) -> None:
    """Delete every analysis, so the next analyze run recomputes them all."""
    for table in (record_beats, record_entities, embeddings, analyses):
        conn.execute(delete(table))


def first_dirty_time(conn: Connection, analysed_after: datetime | None) -> datetime | None:
    """Return the earliest publication time among records analysed after `analysed_after`."""
    analysed = select(analyses.c.record_id)
    if analysed_after is not None:
        analysed = analysed.where(analyses.c.analyzed_at > analysed_after)
    # IN, not a join: SQLite would walk every record in published_at order to find the minimum;
    # this way the analyzed_at index finds the few new ones and nothing new costs a lookup
    query = select(func.min(records.c.published_at)).where(records.c.id.in_(analysed))
    return as_utc(conn.execute(query).scalar_one_or_none())


def last_analysed_at(conn: Connection) -> datetime | None:
    """Return the newest analysis time: the watermark of the next incremental pass."""
    return as_utc(conn.execute(select(func.max(analyses.c.analyzed_at))).scalar_one_or_none())


def analysis_versions(conn: Connection) -> list[dict[str, Any]]:
    """Return each distinct set of analyser versions recorded, with how many records it analysed."""
    as_text = cast(analyses.c.versions, String)
    query = select(as_text, func.count()).group_by(as_text).order_by(func.count().desc()).limit(20)
    return [{"versions": json.loads(text), "records": int(n)} for text, n in conn.execute(query)]
