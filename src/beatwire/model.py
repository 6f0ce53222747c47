"""Domain types shared by every stage. Imports nothing from the package."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

PLATFORMS = (
    "bluesky",
    "reddit",
    "hackernews",
    "news",
    "arxiv",
    "huggingface",
    "youtube",
    "mastodon",
    "x",
)

PLATFORM_NAMES = {
    "bluesky": "Bluesky",
    "reddit": "Reddit",
    "hackernews": "Hacker News",
    "news": "news sites",
    "arxiv": "arXiv",
    "huggingface": "Hugging Face",
    "youtube": "YouTube",
    "mastodon": "Mastodon",
    "x": "X",
}

# What each engagement count weighs in a record's attention. Attention is compared only
# within one platform and kind (its own scale), so the weights only rank a platform's own
# counts: a comment, like or repost is one reader acting; a star or a download is a cheaper
# act, and a download is mostly machines.
ENGAGEMENT_WEIGHTS = {
    "score": 1.0, "points": 1.0, "upvotes": 1.0, "likes": 1.0, "favourites": 1.0,
    "comments": 1.0, "replies": 1.0, "reposts": 1.0, "reblogs": 1.0, "quotes": 1.0,
    "views": 0.001, "stars": 0.1, "github_stars": 0.1, "downloads": 0.01,
}  # fmt: skip


def engagement_total(engagement: dict[str, Any] | None) -> float:
    """Return a record's weighted engagement (0 when it has none): its attention on its platform."""
    if not engagement:
        return 0.0
    total = 0.0
    for name, weight in ENGAGEMENT_WEIGHTS.items():
        value = engagement.get(name)
        if isinstance(value, int | float) and value > 0:
            total += weight * float(value)
    return total


T = TypeVar("T")

_SPACE = re.compile(r"\s+")


def utc(value: datetime) -> datetime:
    """Return `value` as a timezone-aware UTC datetime (naive input is taken as UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def content_hash(title: str | None, text: str) -> str:
    """Return a hash of the normalised title and text, equal for copies of one item."""
    normalised = _SPACE.sub(" ", f"{title or ''} {text}").strip().lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Record:
    """One public item as a platform returned it: a post, comment, article, paper..."""

    provider: str
    native_id: str
    kind: str  # post, comment, story, article, paper, model, video
    text: str
    published_at: datetime
    collected_at: datetime
    title: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    author: str | None = None
    author_name: str | None = None
    lang: str | None = None
    engagement: dict[str, int] = field(default_factory=dict)
    parent_id: str | None = None  # native id of the item this replies to
    thread_id: str | None = None  # native id of the thread's root
    source: str | None = None  # the feed, subreddit, query... it was collected from
    extra: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] | None = None

    @property
    def hash(self) -> str:
        """Return the content hash used to find copies across platforms."""
        return content_hash(self.title, self.text)


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """A record as read back from the store, with its row id."""

    id: int
    record: Record

    def __getattr__(self, name: str) -> Any:
        return getattr(self.record, name)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A record's engagement counts as they were at one moment (a Hugging Face listing)."""

    at: datetime
    engagement: dict[str, int]


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing a record mentions."""

    slug: str
    name: str
    type: str  # person, organization, state, government, product, technology, legislation, concept
    count: int = 1


@dataclass(frozen=True, slots=True)
class BeatScore:
    """A beat a record belongs to, with the analyser's confidence."""

    slug: str
    confidence: float


@dataclass(slots=True)
class Analysis:
    """What the analysis stage found in one record."""

    record_id: int
    lang: str | None
    sentiment_label: str | None  # positive, neutral, negative; None when unmeasured
    sentiment_score: float | None  # in [-1, 1]; None when unmeasured
    emotion: str | None = None
    emotion_scores: dict[str, float] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    key_phrases: list[str] = field(default_factory=list)
    beats: list[BeatScore] = field(default_factory=list)
    ai_relevance: float = 0.0
    duplicate_of: int | None = None
    versions: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Representativeness:
    """Who is behind a signal's records: author concentration and platform mix."""

    records: int
    authors: int
    top_author_share: float  # share of the records written by the most active account
    top3_author_share: float  # share written by the three most active accounts
    platforms: dict[str, float]  # platform -> share of the records, largest first
    sentence: str  # the figures in one plain sentence

    def as_json(self) -> dict[str, Any]:
        """Return the figures as stored under a signal's `representativeness`, shares rounded."""
        return {
            "records": self.records,
            "authors": self.authors,
            "top_author_share": round(self.top_author_share, 4),
            "top3_author_share": round(self.top3_author_share, 4),
            "platforms": {name: round(share, 4) for name, share in self.platforms.items()},
        }


_COMMON_DETAILS = frozenset({"representativeness", "narrative_by_evidence"})


def _plain(value: Any) -> Any:
    """Return a details value as JSON-ready data: tuples as lists, mappings copied."""
    if isinstance(value, tuple):
        return list(value)
    return dict(value) if isinstance(value, dict) else value


@dataclass(frozen=True, slots=True, kw_only=True)
class SignalDetails:
    """What a signal carries besides its figures, whatever its kind.

    Each kind extends it with its own fields (`signal_details.py`); the base alone is
    what a signal of no known kind, or one made by hand without details, carries.
    """

    representativeness: Representativeness | None = None  # set on every detected signal
    narrative_by_evidence: float | None = None  # share of the evidence in the narrative it joined
    # why this signal is a data note on the Live Wire and never a story (a collection artefact)
    data_note: str | None = None

    def as_json(self) -> dict[str, Any]:
        """Return the details as stored and served: the kind's fields, then the common ones.

        A field whose default is None is left out while it is None.
        """
        data: dict[str, Any] = {}
        for spec in fields(self):
            value = getattr(self, spec.name)
            if spec.name in _COMMON_DETAILS or (value is None and spec.default is None):
                continue
            data[spec.name] = _plain(value)
        if self.representativeness is not None:
            data["representativeness"] = self.representativeness.as_json()
            data["representativeness_sentence"] = self.representativeness.sentence
        if self.narrative_by_evidence is not None:
            data["narrative_by_evidence"] = self.narrative_by_evidence
        return data


@dataclass(slots=True)
class Signal:
    """Something that changed, with its numbers and the records that show it."""

    id: str
    kind: str  # volume_spike, sentiment_shift, emerging_narrative, entity_surge, ...
    key: str  # what changed: a beat slug, narrative id, entity slug...
    beat: str | None
    window_start: datetime
    window_end: datetime
    value: float
    baseline: float
    effect: float
    significance: float
    min_count: int
    sentence: str
    score: float = 0.0
    evidence: list[int] = field(default_factory=list)
    details: SignalDetails = field(default_factory=SignalDetails)
    narrative_id: str | None = None
    promoted_as: str | None = None  # lead, story, dispatch, analysis; None: not a story
    topic_key: str | None = None


@dataclass(slots=True)
class Event:
    """Something that happened, with the record that first reported it and those about it.

    The trigger is the earliest well-engaged record reporting the development; the
    title is who did what, in the trigger's words. The member signals are facets of
    one story; the member records report the event or react to it.
    """

    id: str
    title: str
    trigger_record_id: int
    first_seen: datetime
    beat: str | None
    signal_ids: list[str] = field(default_factory=list)
    record_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Citation:
    """The record behind a `[N]` marker in a story body."""

    number: int
    record_id: int
    quote: str | None = None


@dataclass(slots=True)
class Draft:
    """A story as a writer produced it, before the gate and the verifier."""

    headline: str
    dek: str
    body: str
    takeaways: list[str]
    seo_description: str
    story_type: str  # lead, story, dispatch, analysis
    beats: list[str]
    citations: list[Citation]
    signal_ids: list[str]
    writer: str
    model: str | None = None
    prompt_hash: str | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    faq: list[dict[str, str]] = field(default_factory=list)


def now_utc() -> datetime:
    """Return the current time as a timezone-aware UTC datetime."""
    return datetime.now(UTC)


@dataclass(slots=True)
class StageReport:
    """What one run of a stage did, in figures (printed by the CLI, `--json` on request)."""

    stage: str
    figures: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, amount: int | float = 1) -> None:
        """Add `amount` to the figure `name`."""
        self.figures[name] = self.figures.get(name, 0) + amount

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON-ready data."""
        return {"stage": self.stage, **self.figures, "notes": list(self.notes)}


class Progress(Protocol):
    """Wraps an iterable to show progress; the CLI gives a bar on a terminal, else nothing."""

    def __call__(
        self, items: Iterable[T], *, label: str, total: int | None = None
    ) -> Iterable[T]: ...


def no_progress(items: Iterable[T], *, label: str, total: int | None = None) -> Iterable[T]:
    """Return `items` unchanged: the progress display for library use and tests."""
    return items
