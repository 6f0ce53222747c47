"""The store's tables, in SQLAlchemy Core. Migrations in `migrations/` create them.

Vectors are stored as bytes and searched in numpy, so neither SQLite nor
PostgreSQL needs an extension. JSON columns hold lists and small maps that are
always read whole.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in, timezone-aware UTC out, on SQLite (naive text) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use timezone-aware UTC")
        value = value.astimezone(UTC)
        # SQLite compares timestamps as text: store them all naive UTC in one format.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


Timestamp = UtcDateTime

records = Table(
    "records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("provider", String(32), nullable=False),
    Column("native_id", String(512), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("canonical_url", Text),
    Column("author", String(256)),
    Column("author_name", String(256)),
    Column("lang", String(16)),
    Column("published_at", Timestamp(), nullable=False),
    Column("collected_at", Timestamp(), nullable=False),
    Column("engagement", JSON, nullable=False),
    Column("parent_id", String(512)),
    Column("thread_id", String(512)),
    Column("source", String(256)),
    Column("sources", JSON, nullable=False),
    Column("extra", JSON, nullable=False),
    # Empty (SQL NULL) when the record's raw page holds its payload: ingest keeps it once.
    Column("raw", JSON(none_as_null=True)),
    Column("content_hash", String(64), nullable=False),
    UniqueConstraint("provider", "native_id"),
    Index(None, "published_at"),
    Index(None, "content_hash"),
    Index(None, "canonical_url"),
    Index(None, "author"),
)

raw_pages = Table(
    "raw_pages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("provider", String(32), nullable=False),
    Column("url", Text, nullable=False),
    Column("cursor", Text),
    Column("collected_at", Timestamp(), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("payload", LargeBinary, nullable=False),
    UniqueConstraint("provider", "sha256"),
)

analyses = Table(
    "analyses",
    metadata,
    Column("record_id", ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
    Column("lang", String(16)),
    Column("sentiment_label", String(16)),
    Column("sentiment_score", Float),
    Column("emotion", String(32)),
    Column("emotion_scores", JSON, nullable=False),
    Column("entities", JSON, nullable=False),
    Column("key_phrases", JSON, nullable=False),
    Column("beats", JSON, nullable=False),
    Column("primary_beat", String(64)),
    Column("ai_relevance", Float, nullable=False),
    Column("duplicate_of", Integer),
    Column("versions", JSON, nullable=False),
    Column("analyzed_at", Timestamp(), nullable=False),
    Index(None, "primary_beat"),
    Index(None, "analyzed_at"),  # the detect watermark: "anything analysed since?" in a lookup
)

record_beats = Table(
    "record_beats",
    metadata,
    Column("record_id", ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
    Column("beat", String(64), primary_key=True),
    Column("confidence", Float, nullable=False),
    Index(None, "beat"),
)

record_entities = Table(
    "record_entities",
    metadata,
    Column("record_id", ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
    Column("slug", String(256), primary_key=True),
    Column("name", String(256), nullable=False),
    Column("type", String(32), nullable=False),
    Column("count", Integer, nullable=False),
    Index(None, "slug"),
)

embeddings = Table(
    "embeddings",
    metadata,
    Column("record_id", ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
    Column("model", String(64), nullable=False),
    Column("dim", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),
)

narratives = Table(
    "narratives",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("beat", String(64)),
    Column("label", Text, nullable=False),
    Column("phrases", JSON, nullable=False),
    Column("top_entities", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("size", Integer, nullable=False),
    Column("platforms", JSON, nullable=False),
    Column("born_at", Timestamp(), nullable=False),
    Column("updated_at", Timestamp(), nullable=False),
    Column("centroid", LargeBinary),
)

narrative_members = Table(
    "narrative_members",
    metadata,
    Column("narrative_id", ForeignKey("narratives.id", ondelete="CASCADE"), primary_key=True),
    Column("record_id", ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
    Index(None, "record_id"),
)

narrative_events = Table(
    "narrative_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("narrative_id", ForeignKey("narratives.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # born, grew, merged, split, faded
    Column("at", Timestamp(), nullable=False),
    Column("details", JSON, nullable=False),
    Index(None, "narrative_id"),
)

signals = Table(
    "signals",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("key", String(256), nullable=False),
    Column("beat", String(64)),
    Column("narrative_id", String(64)),
    Column("window_start", Timestamp(), nullable=False),
    Column("window_end", Timestamp(), nullable=False),
    Column("value", Float, nullable=False),
    Column("baseline", Float, nullable=False),
    Column("effect", Float, nullable=False),
    Column("significance", Float, nullable=False),
    Column("min_count", Integer, nullable=False),
    Column("score", Float, nullable=False),
    Column("promoted_as", String(16)),  # story type when promotion chose it, else null
    Column("topic_key", String(256)),  # what a story about it is about: one story per topic
    Column("sentence", Text, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("details", JSON, nullable=False),
    Column("created_at", Timestamp(), nullable=False),
    Index(None, "window_end"),
    Index(None, "kind"),
)

events = Table(  # what happened: stories are about events (signals/events.py)
    "events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),  # who did what, in the trigger's words
    Column("trigger_record_id", ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    Column("first_seen", Timestamp(), nullable=False),  # the trigger's publication time
    Column("beat", String(64)),
    Column("updated_at", Timestamp(), nullable=False),
    Index(None, "first_seen"),
)

event_signals = Table(  # the signals about an event: facets of its one story
    "event_signals",
    metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("signal_id", String(64), primary_key=True),
    Index(None, "signal_id"),
)

event_records = Table(  # the records that report an event or react to it; one event a record
    "event_records",
    metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("record_id", ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
    Index(None, "record_id"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("topic_key", String(256), nullable=False, unique=True),
    Column("story_type", String(16), nullable=False),
    Column("beat", String(64)),
    Column("status", String(16), nullable=False),  # published, held, developing, final
    Column("current_version", Integer, nullable=False),
    Column("headline", Text, nullable=False),
    Column("created_at", Timestamp(), nullable=False),
    Column("updated_at", Timestamp(), nullable=False),
    Index(None, "updated_at"),
)

story_versions = Table(
    "story_versions",
    metadata,
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("headline", Text, nullable=False),
    Column("dek", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("takeaways", JSON, nullable=False),
    Column("seo_description", String(200), nullable=False),
    Column("story_type", String(16), nullable=False),
    Column("beats", JSON, nullable=False),
    Column("signal_ids", JSON, nullable=False),
    Column("faq", JSON, nullable=False),
    Column("writer", String(32), nullable=False),
    Column("model", String(128)),
    Column("prompt_hash", String(64)),
    Column("tokens_in", Integer, nullable=False),
    Column("tokens_out", Integer, nullable=False),
    Column("cost_usd", Float, nullable=False),
    Column("fidelity_score", Float, nullable=False),
    Column("fidelity_report", JSON, nullable=False),
    Column("published", Boolean, nullable=False),
    Column("created_at", Timestamp(), nullable=False),
)

citations = Table(
    "citations",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("number", Integer, primary_key=True),
    # No foreign key: a forgotten record stays cited until its story is re-verified.
    Column("record_id", Integer, nullable=False),
    Column("quote", Text),
    Index(None, "record_id"),
)

engagement_snapshots = Table(
    # Engagement of a record over time (Hugging Face downloads): the upsert keeps only the latest.
    "engagement_snapshots",
    metadata,
    Column("provider", String(32), primary_key=True),
    Column("native_id", String(512), primary_key=True),
    Column("snapshot_at", Timestamp(), primary_key=True),
    Column("engagement", JSON, nullable=False),
    Index(None, "snapshot_at"),
)

source_cursors = Table(
    "source_cursors",
    metadata,
    Column("source", String(64), primary_key=True),
    Column("cursor", Text),
    Column("updated_at", Timestamp(), nullable=False),
)

stage_state = Table(
    "stage_state",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("value", JSON, nullable=False),
    Column("updated_at", Timestamp(), nullable=False),
)

stage_runs = Table(
    "stage_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("stage", String(32), nullable=False),
    Column("started_at", Timestamp(), nullable=False),
    Column("finished_at", Timestamp()),
    Column("status", String(16), nullable=False),  # running, ok, error
    Column("report", JSON, nullable=False),
    Column("error", Text),
    Index(None, "stage", "started_at"),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(128), nullable=False),
    Column("prefix", String(16), nullable=False, unique=True),
    Column("secret_hash", String(128), nullable=False),
    Column("scopes", JSON, nullable=False),
    Column("rpm", Integer, nullable=False),
    Column("created_at", Timestamp(), nullable=False),
    Column("revoked_at", Timestamp()),
    Column("last_used_at", Timestamp()),
)

# Webhooks: who follows what, and each story version owed to them (the outbox) with its attempts.
hooks = Table(
    "hooks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("secret", String(128), nullable=False),  # signs every payload, so kept as is
    Column("beats", JSON, nullable=False),  # empty: any beat
    Column("entities", JSON, nullable=False),  # empty: any entity
    Column("narratives", JSON, nullable=False),  # empty: any narrative
    Column("min_score", Float),  # null: any score
    Column("created_at", Timestamp(), nullable=False),
)

hook_deliveries = Table(
    "hook_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hook_id", ForeignKey("hooks.id", ondelete="CASCADE"), nullable=False),
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("event", String(16), nullable=False),  # published, revised
    Column("payload", JSON, nullable=False),
    Column("status", String(16), nullable=False),  # pending, delivered, failed, withdrawn
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", Timestamp(), nullable=False),
    Column("created_at", Timestamp(), nullable=False),
    Column("finished_at", Timestamp()),
    UniqueConstraint("hook_id", "story_id", "version"),
    Index(None, "status", "next_attempt_at"),
)

hook_attempts = Table(
    "hook_attempts",
    metadata,
    Column("delivery_id", ForeignKey("hook_deliveries.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("at", Timestamp(), nullable=False),
    Column("status_code", Integer),  # null: no answer (refused, timed out)
    Column("error", Text),  # null: delivered
    Column("duration_ms", Integer, nullable=False),
)
