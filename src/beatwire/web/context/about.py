"""Methodology, data sources and about: generated from the live configuration and store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from beatwire.config import Settings
from beatwire.newsroom.fidelity.numbers import TOLERANCES
from beatwire.newsroom.fidelity.report import FORMULA
from beatwire.sources.registry import SOURCES
from beatwire.store.analyses import analysis_versions
from beatwire.store.beats import platform_mix
from beatwire.store.engine import Store
from beatwire.store.records import count_distinct_authors, count_records
from beatwire.taxonomy import load_taxonomy
from beatwire.web.context.common import Clock, platform_name, site_clock


@dataclass(slots=True)
class SourceRow:
    """A source adapter: how often it runs and whether it can run here."""

    name: str
    platform: str
    cadence: str
    status: str


@dataclass(slots=True)
class MethodologyContext:
    """The methodology page: sources, models, thresholds, taxonomy and the fidelity formula."""

    sources: list[SourceRow]
    analysers: dict[str, str]
    versions: list[dict[str, Any]]
    writer: dict[str, Any]
    detect: dict[str, Any]
    newsroom: dict[str, Any]
    taxonomy: list[dict[str, str]]
    formula: str
    tolerances: Any


@dataclass(slots=True)
class SourcesContext:
    """The data sources page: what the store holds, by platform."""

    clock: Clock
    records: int
    authors: int
    platforms: list[tuple[str, int]]
    sources: list[SourceRow] = field(default_factory=list)


def cadence_text(cadence: timedelta, streaming: bool) -> str:
    """Return a cadence in words."""
    if streaming:
        return "continuous stream"
    if not cadence:
        return "on demand"
    hours = cadence.total_seconds() / 3600
    return f"every {hours:g} hour{'s' if hours != 1 else ''}" if hours >= 1 else f"every {cadence}"


def source_rows(settings: Settings) -> list[SourceRow]:
    """Return every source adapter with its cadence and whether it is enabled."""
    rows = []
    for name, module in sorted(SOURCES.items()):
        reason = module.enabled(settings) if name in settings.sources.enabled else "not enabled"
        rows.append(
            SourceRow(
                name=name,
                platform=platform_name(name),
                cadence=cadence_text(module.CADENCE, bool(getattr(module, "STREAMING", False))),
                status="runs" if reason is None else str(reason),
            )
        )
    return rows


def _writer(settings: Settings) -> dict[str, Any]:
    news = settings.newsroom
    model = {"claude": news.claude_model, "openai": news.openai_model}.get(news.writer)
    return {"writer": news.writer, "model": model, "publish_threshold": news.publish_threshold}


def methodology_context(store: Store, settings: Settings) -> MethodologyContext:
    """Return the methodology page, read from the settings in force and the store."""
    with store.read() as conn:
        versions = analysis_versions(conn)
    newsroom = settings.newsroom.model_dump(exclude={"api_keys", "prices_per_mtok"})
    return MethodologyContext(
        sources=source_rows(settings),
        analysers=settings.analysis.model_dump(exclude={"batch_size"}),
        versions=versions,
        writer=_writer(settings),
        detect=settings.detect.model_dump(),
        newsroom=newsroom,
        taxonomy=[
            {"slug": b.slug, "name": b.name, "category": b.category, "description": b.description}
            for b in load_taxonomy()
        ],
        formula=FORMULA,
        tolerances=TOLERANCES,
    )


def sources_context(store: Store, settings: Settings) -> SourcesContext:
    """Return the data sources page."""
    with store.read() as conn:
        return SourcesContext(
            clock=site_clock(conn),
            records=count_records(conn),
            authors=count_distinct_authors(conn),
            platforms=[(platform_name(p), n) for p, n in platform_mix(conn, None, None).items()],
            sources=source_rows(settings),
        )
