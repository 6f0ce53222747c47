"""Reading and writing analyses and the per-beat and per-entity rows derived from them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, delete, select

from beatwire.model import Analysis, BeatScore, Entity, now_utc
from beatwire.store.schema import analyses, embeddings, record_beats, record_entities

_CHUNK = 400


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
        for start in range(0, len(ids), _CHUNK):
            conn.execute(delete(table).where(table.c.record_id.in_(ids[start : start + _CHUNK])))
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
    wanted = sorted(set(ids))
    found: dict[int, Analysis] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = select(analyses).where(analyses.c.record_id.in_(wanted[start : start + _CHUNK]))
        for row in conn.execute(query).mappings():
            found[row["record_id"]] = analysis_from_row(row)
    return found


def clear_analyses(conn: Connection) -> None:
    """Delete every analysis, so the next analyze run recomputes them all."""
    for table in (record_beats, record_entities, embeddings, analyses):
        conn.execute(delete(table))
