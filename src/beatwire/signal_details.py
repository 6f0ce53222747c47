"""The details of each signal kind: what a detector emits and a writer reads, one shape a kind.

A signal's `details` are one of these (or the bare `SignalDetails` for a kind no
detector makes). They are stored and served as JSON (`SignalDetails.as_json`, the
field names as keys) and read back with `details_from_json`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from beatwire.errors import StoreError
from beatwire.model import Representativeness, SignalDetails

SENTIMENT_UNIT = "value and baseline: mean score; effect and interval: points"


@dataclass(frozen=True, slots=True, kw_only=True)
class VolumeSpikeDetails(SignalDetails):
    """A beat or platform far above its baseline, and the burst around its busiest hour."""

    burst_onset: str | None = None  # ISO minute, UTC; the three burst fields come together
    burst_end: str | None = None
    burst_level: int | None = None  # the highest state of the burst automaton
    key_type: str  # "beat" or "platform"
    baseline_kind: str  # "same_weekday" or "trailing_days"
    baseline_days: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SentimentShiftDetails(SignalDetails):
    """A beat's mean sentiment against the days before, with the bootstrap interval (points)."""

    ci_low: float
    ci_high: float
    n: int  # scored records of the day
    baseline_n: int  # scored records of the baseline days
    unit: str = SENTIMENT_UNIT


@dataclass(frozen=True, slots=True, kw_only=True)
class EntitySurgeDetails(SignalDetails):
    """An entity named far more than usual."""

    entity: str  # slug
    entity_name: str
    entity_type: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ShareOfBeatDetails(SignalDetails):
    """An entity in a large share of a beat's records."""

    entity: str  # slug
    entity_name: str
    records_in_beat: int  # the beat's records of the day


@dataclass(frozen=True, slots=True, kw_only=True)
class PlatformDivergenceDetails(SignalDetails):
    """Two platforms whose mean sentiment on one beat or narrative differs."""

    platform_pair: tuple[str, ...]  # the warmest platform, then the coolest
    ci_low: float
    ci_high: float
    by_platform: dict[str, float]  # platform -> mean sentiment score
    level: str  # "beat" or "narrative"
    narrative_label: str | None = None  # set when the level is "narrative"


@dataclass(frozen=True, slots=True, kw_only=True)
class CoSpikeDetails(SignalDetails):
    """Several beats spiking on the same day."""

    beats: tuple[str, ...]  # strongest first


@dataclass(frozen=True, slots=True, kw_only=True)
class EmergingNarrativeDetails(SignalDetails):
    """A young narrative that grows fast across platforms."""

    label: str  # may be empty when the narrative has no label yet
    platforms: tuple[str, ...]  # most records first
    age_days: int
    size: int  # records up to the day


@dataclass(frozen=True, slots=True, kw_only=True)
class ArtifactSurgeDetails(SignalDetails):
    """A paper, model or repository linked far more than usual, or whose downloads jumped."""

    artifact: str
    name: str
    artifact_kind: str  # "paper", "model" or "repo"
    source: str  # "arxiv", "huggingface" or "github"
    measure: str | None = None  # "downloads_per_day" for a download jump
    gained: int | None = None  # downloads gained between the two snapshots
    snapshots: int | None = None  # snapshots of the model compared


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelEcosystemDetails(SignalDetails):
    """A week's move in who makes the trending models' downloads: a share, a lead, a newcomer.

    Shares are of the downloads gained by the trending models in the week (0-1); the
    group is a country (its demonym: "Chinese makers"), a maker, or the newcomer model.
    """

    change: str  # "share_shift", "lead_change", "newcomer" or "release_jump"
    scope: str  # "country", "maker" or "model"
    group: str  # "Chinese makers", "DeepSeek", or the newcomer's id
    country: str  # ISO code of the group (of the model's maker), or "unknown"
    maker: str | None  # the maker's name for a maker or a model
    week: str  # "2025-W43"
    since: str  # the first day of the week compared with (ISO)
    share: float  # the group's share in the week
    share_before: float  # its share in the week before
    gained: int  # downloads the group gained in the week
    total_gained: int  # downloads every trending model gained in the week
    models: tuple[str, ...]  # the group's models, largest gain first (at most three)
    model_gains: tuple[int, ...]  # their gains in the week, in the same order
    previous_leader: str | None = None  # a lead change: who led the week before
    shares: dict[str, float]  # every group of the scope -> its share in the week
    shares_before: dict[str, float] = field(default_factory=dict)  # and the week before
    also: tuple[str, ...] = ()  # a share shift: groups that moved the other way (keys of shares)
    talk_points: float | None  # mean sentiment of posts about these makers, in points (measured)
    release_day: str | None = None  # a release jump: the day its models reached the list (ISO)
    per_day_before: float | None = None  # the maker's downloads a day in the week before it
    per_day_after: float | None = None  # and from that day to three days after


@dataclass(frozen=True, slots=True, kw_only=True)
class AttentionDetails(SignalDetails):
    """One record far more engaged than its platform's records usually are (an event trigger)."""

    record_id: int
    platform: str
    record_kind: str  # story, post, model, paper...
    engagement: float  # weighted engagement (model.ENGAGEMENT_WEIGHTS)
    percentile: float  # share of the scale's records in the baseline days it beat
    scale_median: float  # the scale's median weighted engagement over those days
    scale_records: int  # how many records of the same platform and kind they hold


SHAPES: dict[str, type[SignalDetails]] = {
    "attention": AttentionDetails,
    "volume_spike": VolumeSpikeDetails,
    "sentiment_shift": SentimentShiftDetails,
    "entity_surge": EntitySurgeDetails,
    "share_of_beat": ShareOfBeatDetails,
    "platform_divergence": PlatformDivergenceDetails,
    "co_spike": CoSpikeDetails,
    "emerging_narrative": EmergingNarrativeDetails,
    "artifact_surge": ArtifactSurgeDetails,
    "model_ecosystem": ModelEcosystemDetails,
}
_COMMON = frozenset(spec.name for spec in fields(SignalDetails))


def details_from_json(kind: str, data: Mapping[str, Any]) -> SignalDetails:
    """Return the details of a `kind` signal from their JSON (a store row, an API body).

    JSON holding none of the kind's own fields (a hand-made signal) gives the bare
    `SignalDetails`; JSON that fits the kind's shape only in part raises StoreError.
    """
    shape = SHAPES.get(kind, SignalDetails)
    own = {spec.name for spec in fields(shape)} - _COMMON
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    mix = values.pop("representativeness", None)
    sentence = values.pop("representativeness_sentence", "")
    if not own & values.keys():
        shape = SignalDetails
    try:
        return shape(
            **values,
            representativeness=Representativeness(**mix, sentence=sentence) if mix else None,
        )
    except TypeError as exc:
        raise StoreError(f"the details of a {kind} signal do not fit its shape: {exc}") from exc
