"""Methodology and data sources: how Beatwire works, in words, with the live figures of this
installation and the settings in force (as an appendix, never the raw configuration)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from beatwire.config import Settings
from beatwire.newsroom.fidelity.numbers import TOLERANCES
from beatwire.newsroom.fidelity.report import FORMULA
from beatwire.sources.registry import SOURCES
from beatwire.store.beats import platform_mix
from beatwire.store.engine import Store
from beatwire.store.records import count_distinct_authors, count_records
from beatwire.store.stories import list_stories, story_by_slug, verification_totals
from beatwire.taxonomy import load_taxonomy
from beatwire.web.context.common import Clock, platform_name, site_clock
from beatwire.web.context.hindsight import HORIZON
from beatwire.web.context.settings_table import SettingRow, appendix

# What a source needs before it can collect, in a reader's words (the operator's guide says how).
NEEDS = {
    "reddit": "a Reddit app's credentials (a client id and secret)",
    "youtube": "channel ids to follow, or a YouTube Data API key to search",
    "x": "a bearer token of a paid X API tier",
    "replay": "a saved corpus to replay, given by the operator",
}
PUBLIC = "nothing: it reads a public interface"


@dataclass(slots=True)
class SourceRow:
    """A source: how often it runs, what it needs, whether it collects here, what is held."""

    name: str
    platform: str
    cadence: str
    needs: str
    collecting: bool
    status: str
    records: int = 0


@dataclass(slots=True)
class WorkedExample:
    """The fidelity formula applied to a story of this store (or to a made-up one when empty)."""

    headline: str | None
    slug: str | None
    checked: int
    passed: int
    score: float


@dataclass(slots=True)
class MethodologyContext:
    """The methodology page: collect, read, find, write, check; then the settings appendix."""

    clock: Clock
    figures: dict[str, int]
    sources: list[SourceRow]
    sentiment_model: str
    writer: str
    writer_model: str | None
    formula: str
    example: WorkedExample
    tolerances: str
    publish_threshold: float
    settings: list[SettingRow]
    taxonomy: list[dict[str, str]]
    hindsight_days: int = HORIZON.days


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


def source_rows(settings: Settings, held: dict[str, int]) -> list[SourceRow]:
    """Return every source with what it needs and whether it can collect in this installation."""
    rows = []
    for name, module in sorted(SOURCES.items()):
        switched_on = name in settings.sources.enabled
        reason = module.enabled(settings) if switched_on else "off"
        needs = NEEDS.get(name, PUBLIC)
        if reason is None:
            status = "collects here"
        elif not switched_on:
            status = "switched off here"
        else:
            status = "does not collect here: this installation lacks what it needs"
        rows.append(
            SourceRow(
                name=name,
                platform=platform_name(name),
                cadence=cadence_text(module.CADENCE, bool(getattr(module, "STREAMING", False))),
                needs=needs,
                collecting=reason is None,
                status=status,
                records=held.get(name, 0),
            )
        )
    return rows


def worked_example(store: Store) -> WorkedExample:
    """Return the formula worked on a recent story, one with a failed claim when there is one
    (100 x 8 / 8 shows less); on 14 claims and 13 passed when no story has checked claims."""
    found: list[WorkedExample] = []
    with store.read() as conn:
        for row in list_stories(
            conn, story_type=None, beat=None, status=None, after=None, limit=20
        ):
            story = story_by_slug(conn, row["slug"])
            report = (story or {}).get("fidelity_report") or {}
            if story and report.get("claims_checked"):
                checked, passed = int(report["claims_checked"]), int(report["claims_passed"])
                score = round(100.0 * passed / checked, 1)
                found.append(
                    WorkedExample(story["headline"], story["slug"], checked, passed, score)
                )
    if not found:
        return WorkedExample(None, None, 14, 13, round(100.0 * 13 / 14, 1))
    return next((e for e in found if e.passed < e.checked), found[0])


def methodology_context(store: Store, settings: Settings) -> MethodologyContext:
    """Return the methodology page, read from the settings in force and the store."""
    with store.read() as conn:
        held = platform_mix(conn, None, None)
        totals = verification_totals(conn)
        figures: dict[str, Any] = {
            "records": count_records(conn),
            "authors": count_distinct_authors(conn),
            "sources": len(held),
            "beats": len(load_taxonomy()),
            **totals,
        }
        clock = site_clock(conn)
    news = settings.newsroom
    return MethodologyContext(
        clock=clock,
        figures=figures,
        sources=source_rows(settings, held),
        sentiment_model=settings.analysis.sentiment,
        writer=news.writer,
        writer_model={"claude": news.claude_model, "openai": news.openai_model}.get(news.writer),
        formula=FORMULA,
        example=worked_example(store),
        tolerances=TOLERANCES,
        publish_threshold=news.publish_threshold,
        settings=appendix(settings),
        taxonomy=[
            {"slug": b.slug, "name": b.name, "category": b.category, "description": b.description}
            for b in load_taxonomy()
        ],
    )


def sources_context(store: Store, settings: Settings) -> SourcesContext:
    """Return the data sources page."""
    with store.read() as conn:
        held = platform_mix(conn, None, None)
        return SourcesContext(
            clock=site_clock(conn),
            records=count_records(conn),
            authors=count_distinct_authors(conn),
            platforms=[(platform_name(p), n) for p, n in held.items()],
            sources=source_rows(settings, held),
        )
