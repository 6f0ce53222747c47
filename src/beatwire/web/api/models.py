"""The API's response bodies, named by role and kept apart from the domain types.

A domain type can grow a field without it leaking into the public contract:
only what is declared here is served, and the OpenAPI document is made from it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Public(BaseModel):
    """Base of every response body: unknown attributes are ignored, fields are fixed."""

    model_config = ConfigDict(extra="ignore")


class ErrorDetail(Public):
    """What went wrong, for a program (code) and for a person (message)."""

    code: str = Field(examples=["bad_request"])
    message: str


class ErrorPublic(Public):
    """The one error body every /v1 response other than 2xx and 304 carries."""

    error: ErrorDetail


class RecordSummary(Public):
    """A record in a list: where it came from, an excerpt and its analysis at a glance."""

    id: int
    platform: str
    kind: str
    title: str | None
    excerpt: str
    url: str | None
    author: str | None
    lang: str | None
    published_at: datetime
    source: str | None
    engagement: dict[str, int]
    sentiment: str | None
    sentiment_score: float | None
    beat: str | None


class RecordPage(Public):
    """One page of records; pass `next_cursor` as `cursor` for the next one."""

    data: list[RecordSummary]
    next_cursor: str | None


class EntityRef(Public):
    """An entity a record mentions, and how often."""

    slug: str
    name: str
    type: str
    count: int


class BeatScorePublic(Public):
    """A beat a record belongs to, with the analyser's confidence."""

    slug: str
    confidence: float


class AnalysisPublic(Public):
    """What the analysis stage found in a record."""

    lang: str | None
    sentiment_label: str | None
    sentiment_score: float | None
    emotion: str | None
    emotion_scores: dict[str, float]
    entities: list[EntityRef]
    key_phrases: list[str]
    beats: list[BeatScorePublic]
    ai_relevance: float
    duplicate_of: int | None
    versions: dict[str, str]


class RecordPublic(Public):
    """One record in full: text, metadata and analysis (null until analysed)."""

    id: int
    platform: str
    native_id: str
    kind: str
    title: str | None
    text: str
    url: str | None
    canonical_url: str | None
    author: str | None
    author_name: str | None
    lang: str | None
    published_at: datetime
    collected_at: datetime
    engagement: dict[str, int]
    parent_id: str | None
    thread_id: str | None
    source: str | None
    sources: list[str]
    extra: dict[str, Any]
    content_hash: str
    analysis: AnalysisPublic | None


class StorySummary(Public):
    """A story in a list: its current headline and where it stands."""

    id: str
    slug: str
    type: str
    beat: str | None
    status: str
    version: int
    headline: str
    dek: str
    fidelity_score: float
    created_at: datetime
    updated_at: datetime


class StoryPage(Public):
    """One page of stories; pass `next_cursor` as `cursor` for the next one."""

    data: list[StorySummary]
    next_cursor: str | None


class CitationPublic(Public):
    """The record behind a `[N]` marker (record is null when it has been removed)."""

    number: int
    record_id: int
    quote: str | None
    record: RecordSummary | None


class FidelityPublic(Public):
    """The verifier's score (0-100) and its full report."""

    score: float
    report: dict[str, Any]


class VersionPublic(Public):
    """One published version of a story, as written and verified."""

    story_id: str
    version: int
    headline: str
    dek: str
    body: str = Field(description="Markdown with [N] citation markers.")
    takeaways: list[str]
    seo_description: str
    type: str
    beats: list[str]
    signal_ids: list[str]
    faq: list[dict[str, str]]
    writer: str
    model: str | None
    prompt_hash: str | None
    tokens_in: int
    tokens_out: int
    cost_usd: float
    fidelity: FidelityPublic
    citations: list[CitationPublic]
    created_at: datetime


class StoryPublic(Public):
    """A story with its current version in full."""

    id: str
    slug: str
    status: str
    beat: str | None
    created_at: datetime
    updated_at: datetime
    current: VersionPublic


class VersionSummary(Public):
    """A published version in a story's history."""

    version: int
    headline: str
    type: str
    writer: str
    model: str | None
    fidelity_score: float
    created_at: datetime


class VersionList(Public):
    """Every published version of a story, oldest first."""

    story_id: str
    data: list[VersionSummary]


class DayCount(Public):
    """A UTC day (YYYY-MM-DD) and how many records it had."""

    day: str
    records: int


class DaySentiment(DayCount):
    """A UTC day, its records and their mean sentiment (null without any measured)."""

    sentiment: float | None


class EntityMention(Public):
    """An entity and how many records mention it."""

    slug: str
    name: str
    mentions: int


class BeatSummary(Public):
    """A beat, its records (all and in the last 24 h) and its public stories."""

    slug: str
    name: str
    description: str
    records: int
    records_24h: int
    stories: int


class BeatList(Public):
    """Every beat of the taxonomy and every beat found in the data."""

    data: list[BeatSummary]


class BeatPublic(BeatSummary):
    """A beat with its daily series and the entities its records mention most."""

    series: list[DaySentiment]
    top_entities: list[EntityMention]


class NarrativeSummary(Public):
    """A narrative: a cluster of records telling one story, with its status."""

    id: str
    beat: str | None
    label: str
    phrases: list[Any]
    top_entities: list[Any]
    status: str
    size: int
    platforms: Any
    born_at: datetime
    updated_at: datetime


class NarrativePage(Public):
    """One page of narratives; pass `next_cursor` as `cursor` for the next one."""

    data: list[NarrativeSummary]
    next_cursor: str | None


class NarrativeEvent(Public):
    """Something that happened to a narrative: born, grew, merged, split, faded."""

    kind: str
    at: datetime
    details: dict[str, Any]


class NarrativePublic(NarrativeSummary):
    """A narrative with its timeline, the narratives it is linked to, and its size by day."""

    timeline: list[NarrativeEvent]
    lineage: list[str] = Field(description="Ids of stored narratives its events name.")
    series: list[DayCount]


class SignalPublic(Public):
    """Something that changed, with its numbers and the records that show it."""

    id: str
    kind: str
    key: str
    beat: str | None
    narrative_id: str | None
    window_start: datetime
    window_end: datetime
    value: float
    baseline: float
    effect: float
    significance: float
    min_count: int
    score: float
    promoted_as: str | None
    sentence: str
    evidence: list[int]
    details: dict[str, Any]
    created_at: datetime


class SignalPage(Public):
    """One page of signals; pass `next_cursor` as `cursor` for the next one."""

    data: list[SignalPublic]
    next_cursor: str | None


class EntitySummary(Public):
    """An entity and how many records mention it."""

    slug: str
    name: str
    type: str
    mentions: int


class EntityPage(Public):
    """One page of entities, most mentioned first."""

    data: list[EntitySummary]
    next_cursor: str | None


class BeatCount(Public):
    """A beat and how many records of a selection belong to it."""

    slug: str
    records: int


class EntityPublic(EntitySummary):
    """An entity with its mentions by day, its beats and the newest records naming it."""

    series: list[DayCount]
    beats: list[BeatCount]
    recent: list[RecordSummary]


class SearchResults(Public):
    """Records and stories containing the query; each part needs its scope."""

    q: str
    scopes: list[str] = Field(description="The parts searched: records, stories or both.")
    records: list[RecordSummary]
    stories: list[StorySummary]


class StatsPublic(Public):
    """Headline figures of the store."""

    records: int
    records_24h: int = Field(description="Records collected in the last 24 hours.")
    active_beats_24h: int = Field(description="Beats with a record published in the last 24 hours.")
    platforms: dict[str, int] = Field(description="Records by platform.")
    signals_48h: int = Field(description="Signals first found in the last 48 hours.")
    stories: int


class EcosystemGroup(Public):
    """A maker's or a country's standing: its downloads gained, share, likes and models."""

    key: str = Field(description="The maker's name or the country's ISO code, or \"unknown\".")
    name: str = Field(description='How stories name it: "Chinese makers", "DeepSeek".')
    gained: int = Field(description="Downloads its trending models gained in the period.")
    share: float = Field(description="Its share of the period's downloads gained, 0-1.")
    likes: int
    places: int = Field(description="Its models on the trending list in the period.")
    models: list[str] = Field(description="Its models, largest gain first.")


class EcosystemModel(Public):
    """One model on the trending list in the period."""

    model: str
    maker: str
    country: str
    gained: int = Field(description="Downloads gained over its days on the list (daily deltas).")
    downloads: int = Field(description="The Hub's rolling 30-day count at its last snapshot.")
    likes: int
    days: int = Field(description="Days on the list in the period.")
    newcomer: bool = Field(description="First on the list in this period.")


class EcosystemStandings(Public):
    """A day's or week's standings of the trending Hugging Face models."""

    period: str = Field(examples=["2025-W43", "2025-10-20"])
    start: str = Field(description="First day (ISO).")
    end: str = Field(description="Last day, inclusive (ISO).")
    days: int = Field(description="Snapshot days in the period.")
    gained: int = Field(description="Downloads every trending model gained in the period.")
    countries: list[EcosystemGroup]
    makers: list[EcosystemGroup]
    models: list[EcosystemModel]
    newcomers: list[str]


class EcosystemShares(Public):
    """One period's shares of downloads by country or by maker."""

    period: str
    start: str
    end: str
    gained: int
    shares: dict[str, float] = Field(description="Key (ISO code or maker) -> share, 0-1.")
    leader: str | None = Field(description="The key with the largest share, unknown aside.")


class EcosystemSharesPage(Public):
    """Shares over time, oldest period first."""

    period: str
    scope: str
    data: list[EcosystemShares]
