"""Store rows to response models: the one place that knows both shapes."""

from __future__ import annotations

from typing import Any

from beatwire.model import Analysis, Citation
from beatwire.web.api.models import (
    AnalysisPublic,
    BeatScorePublic,
    CitationPublic,
    EntityRef,
    FidelityPublic,
    NarrativeSummary,
    RecordPublic,
    RecordSummary,
    SignalPublic,
    StorySummary,
    VersionPublic,
)
from beatwire.web.record_view import counts, excerpt


def record_summary(row: dict[str, Any]) -> RecordSummary:
    """Return the list entry of a record summary row."""
    return RecordSummary(
        id=row["id"],
        platform=row["provider"],
        kind=row["kind"],
        title=row["title"],
        excerpt=excerpt(row["text"]),
        url=row["url"],
        author=row["author"],
        lang=row["lang"],
        published_at=row["published_at"],
        source=row["source"],
        engagement=counts(row["engagement"]),
        sentiment=row["sentiment_label"],
        sentiment_score=row["sentiment_score"],
        beat=row["primary_beat"],
    )


def analysis_public(analysis: Analysis) -> AnalysisPublic:
    """Return the public form of an analysis."""
    return AnalysisPublic(
        lang=analysis.lang,
        sentiment_label=analysis.sentiment_label,
        sentiment_score=analysis.sentiment_score,
        emotion=analysis.emotion,
        emotion_scores=dict(analysis.emotion_scores),
        entities=[
            EntityRef(slug=e.slug, name=e.name, type=e.type, count=e.count)
            for e in analysis.entities
        ],
        key_phrases=list(analysis.key_phrases),
        beats=[BeatScorePublic(slug=b.slug, confidence=b.confidence) for b in analysis.beats],
        ai_relevance=analysis.ai_relevance,
        duplicate_of=analysis.duplicate_of,
        versions=dict(analysis.versions),
    )


def record_public(row: dict[str, Any], analysis: Analysis | None) -> RecordPublic:
    """Return a record in full from its row and its analysis."""
    overridden = {"engagement", "sources", "extra", "analysis"}
    copied = {name: row[name] for name in RecordPublic.model_fields if name in row}
    return RecordPublic(
        **{name: value for name, value in copied.items() if name not in overridden},
        platform=row["provider"],
        engagement=counts(row["engagement"]),
        sources=list(row["sources"] or []),
        extra=dict(row["extra"] or {}),
        analysis=None if analysis is None else analysis_public(analysis),
    )


def story_summary(row: dict[str, Any]) -> StorySummary:
    """Return the list entry of a story summary row."""
    return StorySummary(
        id=row["id"],
        slug=row["slug"],
        type=row["story_type"],
        beat=row["beat"],
        status=row["status"],
        version=row["current_version"],
        headline=row["headline"],
        dek=row["dek"],
        fidelity_score=row["fidelity_score"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def citation_public(citation: Citation, records: dict[int, dict[str, Any]]) -> CitationPublic:
    """Return a citation with a summary of its record (None when the record is gone)."""
    row = records.get(citation.record_id)
    return CitationPublic(
        number=citation.number,
        record_id=citation.record_id,
        quote=citation.quote,
        record=None if row is None else record_summary(row),
    )


def version_public(row: dict[str, Any], citations: list[CitationPublic]) -> VersionPublic:
    """Return one story version in full from its `story_versions` row."""
    copied = ("headline", "dek", "body", "seo_description", "writer", "model", "prompt_hash")
    return VersionPublic(
        **{name: row[name] for name in copied},
        story_id=row["story_id"],
        version=row["version"],
        takeaways=list(row["takeaways"]),
        type=row["story_type"],
        beats=list(row["beats"]),
        signal_ids=list(row["signal_ids"]),
        faq=[{str(k): str(v) for k, v in item.items()} for item in row["faq"]],
        tokens_in=row["tokens_in"],
        tokens_out=row["tokens_out"],
        cost_usd=row["cost_usd"],
        fidelity=FidelityPublic(score=row["fidelity_score"], report=dict(row["fidelity_report"])),
        citations=citations,
        created_at=row["created_at"],
    )


def signal_public(row: dict[str, Any]) -> SignalPublic:
    """Return a signal from its `signals` row."""
    return SignalPublic.model_validate(row)


def narrative_summary(row: dict[str, Any]) -> NarrativeSummary:
    """Return a narrative from its `narratives` row."""
    return NarrativeSummary.model_validate(row)
