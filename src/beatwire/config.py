"""Settings: defaults < beatwire.toml < BEATWIRE_* environment < CLI flags.

Every threshold and cadence lives here, so the methodology page can show the
live configuration. Nested sections are separated in the environment by a
double underscore: `BEATWIRE_DETECT__SPIKE_Z=4`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)
from pydantic_settings.exceptions import SettingsError

from beatwire.errors import ConfigError
from beatwire.model import PLATFORMS

DEFAULT_DB = "sqlite:///beatwire.db"


class HttpSettings(BaseModel):
    """How every HTTP client behaves."""

    user_agent: str = "Beatwire/0.1 (+https://github.com/beatwire/beatwire)"
    contact: str = "beatwire@example.org"
    timeout_s: float = 20.0
    retries: int = 4
    backoff_s: float = 1.0
    max_backoff_s: float = 60.0
    per_host_rps: float = 1.0


class SourceSettings(BaseModel):
    """Which sources run and how; credentials come from the environment or the config."""

    enabled: list[str] = Field(default_factory=lambda: list(PLATFORMS))
    keywords: list[str] = Field(
        default_factory=lambda: [
            "AI",
            "artificial intelligence",
            "LLM",
            "ChatGPT",
            "OpenAI",
            "Anthropic",
            "Claude",
            "Gemini",
            "machine learning",
        ]
    )
    languages: list[str] = Field(default_factory=list)  # empty: every language
    # A record's text and title are stored cut at this many characters; the raw page
    # keeps the whole payload (a 10 MB post would otherwise be stored and read whole)
    max_text_chars: int = 100_000
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    secrets: dict[str, SecretStr] = Field(default_factory=dict)


class DuplicateSettings(BaseModel):
    """When two records are the same content (a repost or a copy); see analysis/duplicates.py."""

    window_hours: float = 72.0  # a copy counts only this long after the record it copies
    min_chars: int = 20  # shorter normalised texts ("lol", "this!") are never marked
    shingle_jaccard: float = 0.7  # character 5-gram overlap that makes a copy
    embedding_cosine: float = 0.95  # MiniLM cosine that makes a copy; 0 or above 1 disables it


class AnalysisSettings(BaseModel):
    """Which analysers run."""

    batch_size: int = 500
    # Every analyser reads at most this many characters of a record, an emoji counting
    # as 12 (analysis/text_caps.py): one hostile record costs well under a second
    max_chars: int = 10_000
    language: str = "lingua"
    # "auto": the best head trained on the embedder's vectors with a clean validation
    # figure (minilm_lr and minilm_tuned with MiniLM, static_lr and static with static
    # embeddings, vader_lr and lexicon with none); "minilm_tuned_lr" reads the fine-tuned
    # affect branch too; "minilm" is the emotion head without that branch (faster when
    # neither role needs the branch)
    sentiment: str = "auto"
    emotion: str = "auto"
    entities: str = "gazetteer"
    phrases: str = "rake"
    beats: str = "keywords"
    # MiniLM (about 150 records/s on 2 cores) gives the best narratives and heads;
    # "static" (over 1,000 records/s) is for firehose volumes
    embedder: str = "minilm"
    duplicates: DuplicateSettings = Field(default_factory=DuplicateSettings)
    # Optional LLM labelling of sentiment, emotion and beats (English records): "none",
    # "claude" (Message Batches) or "openai" (an OpenAI-compatible server). API keys,
    # prices and the openai base URL come from the newsroom section.
    llm: str = "none"
    llm_model: str = ""  # empty: claude-haiku-4-5, or newsroom.openai_model
    llm_max_tokens: int = 600
    llm_poll_s: float = 30.0  # how often a Claude batch is polled
    llm_max_wait_s: float = 3600.0  # a batch still running after this is cancelled


class ClusterSettings(BaseModel):
    """How records are grouped into narratives (kNN graph + Leiden); on the methodology page."""

    neighbours: int = 15  # k of the cosine kNN graph
    min_similarity: float = 0.25  # edges weaker than this (after the time penalty) are dropped
    time_scale_hours: float = 72.0  # records further apart than this get the full time penalty
    time_weight: float = 0.15  # cosine points taken off at the full time gap
    resolution: float = 1.0  # Leiden modularity resolution: higher gives more, smaller narratives
    min_size: int = 8  # communities smaller than this are noise before reassignment
    assign_similarity: float = 0.35  # noise joins the nearest narrative centroid this similar
    seed: int = 7  # Leiden is randomised: a fixed seed makes runs repeatable
    merge_similarity: float = 0.95  # communities whose centroids are this close are one narrative


class DetectSettings(BaseModel):
    """Thresholds of the detectors; shown on the methodology page."""

    cluster: ClusterSettings = Field(default_factory=ClusterSettings)

    baseline_days: int = 14
    baseline_min_days: int = 3  # a day is tested once it has this many days of history before it
    spike_z: float = 3.5  # robust z-score (median/MAD) a day must reach
    spike_ratio: float = 2.0  # and at least this many times the baseline median
    # and at most this chance of the day's count at the usual rate (Poisson tail; the rate is
    # the baseline median or mean, at least half a record a day): no fixed count, any volume
    spike_max_p: float = 0.001
    # volume baseline: the same weekday over this many past weeks (weekly rhythm: quiet weekends)
    weekday_baseline_weeks: int = 6
    # fewer same weekdays on record than this: the trailing baseline_days are the baseline instead
    weekday_baseline_min_weeks: int = 4
    evidence_limit: int = 40
    # representativeness: a signal whose 3 top accounts wrote more than this share is a flood
    max_top3_author_share: float = 0.5
    min_authors: int = 5  # and a signal needs at least this many distinct accounts
    # sentiment shift: mean score x 100 of the day against the trailing baseline days
    sentiment_min_points: float = 10.0  # shift must be at least this many points
    sentiment_min_window: int = 12  # scored records on the day
    sentiment_min_baseline: int = 40  # scored records in the baseline days
    bootstrap_samples: int = 1000
    confidence: float = 0.95  # of the bootstrap interval, which must exclude zero
    # entity surge and share of beat
    entity_max_p: float = 0.001  # chance of the day's mentions at the usual rate (Poisson)
    entity_z: float = 3.5
    entity_ratio: float = 3.0
    share_min: float = 0.25  # an entity in at least this share of a beat's records...
    share_max_p: float = 0.001  # ...unlikely by chance at the baseline share (binomial tail)
    share_min_rise: float = 0.15  # ...and this many share points above its baseline share
    # narratives and emerging narratives
    narrative_window_days: int = 2  # records clustered together: the day and the day before
    # a window with more records than this is labelled in linear time first (clustering costs
    # the square of its size): records this alike to a live narrative's centroid join it,
    # and only the rest are clustered (a fixed sample of this many if still more). On the
    # CrisisLex events with all 13 centroids live, 0.65 attaches 57% of tweets to their own
    # event and 2% to a wrong one; 8% would join another event's centroid if theirs were new
    # (bench/attach.py)
    narrative_cluster_cap: int = 800
    narrative_attach_similarity: float = 0.65
    narrative_match_similarity: float = 0.75  # centroid cosine that makes a cluster the same
    narrative_match_overlap: float = 0.3  # or this share of shared members
    narrative_fade_days: int = 3  # a narrative without records for this long has faded
    split_same_similarity: float = 0.92  # a split-off part this like its parent is not new
    emerging_max_age_days: int = 3  # a narrative this young can be emerging
    emerging_min_size: int = 12  # records on the day
    emerging_min_growth: float = 1.5  # day count against the mean of the days before
    emerging_min_platforms: int = 2
    # platform divergence: platforms whose mean sentiment on a beat or narrative (same day)
    # differs by this many points
    divergence_min_points: float = 30.0
    divergence_min_count: int = 20  # scored records per platform
    # co-spike: this many beats spiking on the same day
    cospike_min_beats: int = 2
    # artifact surge (papers, models, repositories people discuss; model downloads)
    artifact_min_count: int = 5
    artifact_ratio: float = 3.0
    download_jump_ratio: float = 2.0  # a day's download gain against the median daily gain
    download_min_gain: int = 1000
    # model ecosystem: shares of downloads of trending models by maker and country
    # (weekly: share_shift, lead_change, newcomer; signals/ecosystem.py)
    ecosystem_min_models: int = 5  # models on the trending list in the week
    ecosystem_shift_points: float = 20.0  # a group's share moved by this many points (README)
    ecosystem_newcomer_share: float = 0.1  # a newcomer's gain, of the week's downloads
    # (release_jump: a maker's downloads a day after a new model reaches the list, against
    # the week before; both thresholds must be met)
    ecosystem_jump_ratio: float = 3.0
    ecosystem_jump_min_per_day: int = 10_000
    # bursts (Kleinberg): rate ratio between levels, cost of going up, number of levels
    burst_scale: float = 2.0
    burst_gamma: float = 1.0
    burst_levels: int = 4
    # attention: a record measured against its own platform and kind over baseline_days
    # (log of weighted engagement). Notable when above this share of them...
    attention_top_share: float = 0.1
    attention_z: float = 1.25  # ...with this robust z-score at least...
    attention_max_per_day: int = 3  # ...and among the strongest this many of its scale that day
    attention_min_history: int = 10  # records of the scale in the baseline days to measure
    attention_min_relevance: float = 0.5  # only records this AI-relevant can be triggers
    # only reports can be triggers: a reply or a social post reacts to a development
    attention_kinds: list[str] = Field(
        default_factory=lambda: [
            "hackernews/story", "news/article", "arxiv/paper", "huggingface/model",
            "huggingface/dataset", "reddit/post", "youtube/video",
        ]
    )  # fmt: skip
    # events: seeds whose triggers are this alike in meaning (cosine) within event_days are one
    # event; records this alike to the trigger, from the day before to event_days after, are
    # its records; a facet signal joins the event holding this share of its evidence
    event_days: int = 3
    event_same_similarity: float = 0.75
    event_member_similarity: float = 0.6
    event_facet_share: float = 0.3
    # collection artefacts (data notes, never stories): a beat spike this much from one platform
    # on a day that platform spiked, or with this many beats spiking from it at once
    collection_platform_share: float = 0.6
    collection_min_beats: int = 2
    # promotion: the least score that makes a story, and the per-kind weights of the score
    promote_min_score: float = 3.0
    dispatch_max_records: int = 60  # a strong but small, fresh signal is a short Dispatch
    kind_weights: dict[str, float] = Field(
        default_factory=lambda: {
            # a notable record's z is on a log scale where 1.25 is already its platform's top
            # tenth: this weight puts the least notable one at promote_min_score
            "attention": 2.4,
            "volume_spike": 1.0,
            "sentiment_shift": 1.0,
            "emerging_narrative": 1.3,
            "entity_surge": 1.0,
            "share_of_beat": 0.8,
            "platform_divergence": 0.7,
            "co_spike": 0.9,
            "artifact_surge": 0.9,
            "model_ecosystem": 0.8,
        }
    )
    analysis_kinds: list[str] = Field(
        default_factory=lambda: ["platform_divergence", "model_ecosystem", "share_of_beat"]
    )


class NewsroomSettings(BaseModel):
    """How stories are written and checked."""

    writer: str = "offline"
    max_stories_per_cycle: int = 12
    quotes_per_story: int = 3
    citations_per_story: int = 6
    publish_threshold: float = 80.0
    # Model writers: claude (anthropic SDK) and openai (any OpenAI-compatible server).
    claude_model: str = "claude-sonnet-5"
    openai_model: str = "llama3.1"
    openai_base_url: str = "http://127.0.0.1:11434/v1"
    api_keys: dict[str, SecretStr] = Field(default_factory=dict)  # "claude", "openai"
    max_tokens: int = 2000
    llm_retries: int = 4
    llm_max_wait_s: float = 60.0
    json_repairs: int = 2  # extra asks when a model's JSON fails the schema
    # US dollars per million tokens (input, output), by model; unknown models cost 0.
    prices_per_mtok: dict[str, tuple[float, float]] = Field(
        default_factory=lambda: {
            "claude-sonnet-5": (3.0, 15.0),
            "claude-sonnet-4-5": (3.0, 15.0),
            "claude-opus-4-1": (15.0, 75.0),
            "claude-haiku-4-5": (1.0, 5.0),
        }
    )
    # Story length limits (characters of the Markdown body) by story type.
    body_limits: dict[str, tuple[int, int]] = Field(
        default_factory=lambda: {
            "lead": (400, 6000),
            "story": (300, 5000),
            "dispatch": (150, 1800),
            "analysis": (600, 12000),
        }
    )


class JobSettings(BaseModel):
    """How often `beatwire run` and the workers run each stage (seconds)."""

    analyze_every_s: int = 300
    detect_every_s: int = 1800
    write_every_s: int = 1800
    lease_s: int = 3600  # a stage's lock expires after this, should its process die
    tick_s: float = 5.0  # how often the scheduler looks for due work
    retention_every_s: int = 86400  # how often old data is removed (see RetentionSettings)
    hooks_every_s: int = 60  # how often webhooks are queued and sent (see HooksSettings)
    # Workers (`beatwire worker`, Procrastinate on PostgreSQL):
    retries: int = 3  # a failed task is tried again this many times...
    retry_wait_s: int = 4  # ...after 4, 16, 64 s (this to the power of the attempt)
    stream_slice_s: int = 300  # a worker reads a stream this long, then hands it on
    stalled_s: int = 60  # a worker without a heartbeat this long is dead: its jobs are retried


class RetentionSettings(BaseModel):
    """How long collected data is kept, in days (0 keeps it for ever)."""

    records_days: int = 0  # records published longer ago are forgotten like `beatwire forget`
    raw_days: int = 0  # raw payloads (kept for reprocessing) are dropped sooner
    snapshots_days: int = 0  # engagement history (downloads, points, upvotes over time)
    runs_days: int = 90  # the history of stage runs
    deliveries_days: int = 90  # finished webhook deliveries and their attempts (hooks log)


class WebSettings(BaseModel):
    """The website and API."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    site_title: str = "Beatwire"
    # Where readers reach the site (https://news.example.org): the absolute links of feeds,
    # plain-text stories and webhook payloads. Empty: a served page links to the address it
    # was asked at; the static export and webhooks, which have no request, to host:port.
    base_url: str = ""
    # Rendered pages are reused while the store is unchanged, and at most this long (0 turns it
    # off): a write shows at once; the limit only bounds windows that move with the clock.
    page_cache_s: float = 60.0
    page_cache_entries: int = 2000  # of the web's one cache: pages, answers, keys, contexts
    # Prometheus /metrics tells record counts, spending and the model in use: it is not on the
    # public port unless a scraper's bearer token is set here, or it gets a listener of its own
    # (metrics_port > 0, on metrics_host; keep that address off the internet).
    metrics_token: SecretStr = SecretStr("")
    metrics_host: str = "127.0.0.1"
    metrics_port: int = Field(default=0, ge=0, le=65535)

    def public_base(self) -> str:
        """Return the site's address when no request tells it: base_url, else host:port."""
        return (self.base_url or f"http://{self.host}:{self.port}").rstrip("/")


class ApiSettings(BaseModel):
    """The /v1 API: rate limits, pages, caching and the event stream."""

    # requests in any 60 seconds a new key gets unless `keys create --rpm` says
    default_rpm: int = Field(default=60, ge=1)
    burst_per_second: int = Field(default=10, ge=1)  # requests a key may make in a row
    # A key checked once is trusted while the store is unchanged, at most this long: revoking it
    # is a write, so the next request is refused (on PostgreSQL within the version's 1 s poll).
    key_cache_s: float = 5.0
    cache_max_age_s: int = 30  # Cache-Control max-age of list and detail reads
    # Answers are reused in process while the store is unchanged, at most this long (0: off).
    response_cache_s: float = 5.0
    stream_poll_s: float = 1.0  # how often an open stream looks for new rows
    stream_heartbeat_s: float = 15.0  # a comment line this often keeps proxies from closing it
    stream_batch: int = 100  # rows of each kind read per poll


class HooksSettings(BaseModel):
    """Webhooks: how a delivery is sent and, when the receiver fails, tried again."""

    max_attempts: int = 8  # then the delivery is marked failed and never sent again
    # Attempt n+1 waits between half and all of min(max_backoff_s, backoff_s * 2**(n-1)), or
    # longer when the receiver's Retry-After asks (up to max_backoff_s): 1, 2, 4 ... 64 minutes.
    backoff_s: float = 60.0
    max_backoff_s: float = 21600.0
    timeout_s: float = 10.0  # a receiver that has not answered by then failed this attempt
    batch: int = 200  # deliveries sent per run at most; the rest wait for the next run
    concurrency: int = 8  # requests in flight at once


class Settings(BaseSettings):
    """All of Beatwire's configuration."""

    model_config = SettingsConfigDict(
        env_prefix="BEATWIRE_", env_nested_delimiter="__", extra="forbid"
    )

    db: str = DEFAULT_DB
    http: HttpSettings = Field(default_factory=HttpSettings)
    sources: SourceSettings = Field(default_factory=SourceSettings)
    analysis: AnalysisSettings = Field(default_factory=AnalysisSettings)
    detect: DetectSettings = Field(default_factory=DetectSettings)
    newsroom: NewsroomSettings = Field(default_factory=NewsroomSettings)
    jobs: JobSettings = Field(default_factory=JobSettings)
    retention: RetentionSettings = Field(default_factory=RetentionSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    hooks: HooksSettings = Field(default_factory=HooksSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = settings_cls.model_config.get("toml_file")
        toml = TomlConfigSettingsSource(settings_cls, toml_file=toml_path)
        # Earlier sources win: CLI flags (init) > environment > beatwire.toml > defaults.
        return (init_settings, env_settings, toml)


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Return the settings from defaults, the TOML file, the environment and `overrides`."""
    path = config if config is not None else Path("beatwire.toml")
    if config is not None and not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    if path.is_file():
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    flags = {key: value for key, value in overrides.items() if value is not None}

    class _FileSettings(Settings):
        model_config = SettingsConfigDict(toml_file=path if path.is_file() else None)

    try:
        return Settings.model_validate(_FileSettings(**flags).model_dump())
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"bad setting {where}: {first['msg']}") from exc
    except SettingsError as exc:  # a value the environment gives that is not valid JSON
        raise ConfigError(
            f"bad setting: {exc}", hint="BEATWIRE_* values of tables are JSON"
        ) from exc
