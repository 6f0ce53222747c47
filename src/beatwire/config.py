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

from beatwire.errors import ConfigError

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

    enabled: list[str] = Field(
        default_factory=lambda: [
            "bluesky",
            "reddit",
            "hackernews",
            "news",
            "arxiv",
            "huggingface",
            "youtube",
            "mastodon",
            "x",
        ]
    )
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
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    secrets: dict[str, SecretStr] = Field(default_factory=dict)


class AnalysisSettings(BaseModel):
    """Which analysers run."""

    batch_size: int = 500
    sentiment: str = "vader"
    embedder: str = "none"
    min_ai_relevance: float = 0.0


class DetectSettings(BaseModel):
    """Thresholds of the detectors; shown on the methodology page."""

    baseline_days: int = 14
    spike_z: float = 3.5  # robust z-score (median/MAD) a day must reach
    spike_ratio: float = 2.0  # and at least this many times the baseline median
    spike_min_count: int = 25  # and at least this many records that day
    evidence_limit: int = 40


class NewsroomSettings(BaseModel):
    """How stories are written and checked."""

    writer: str = "offline"
    max_stories_per_cycle: int = 12
    quotes_per_story: int = 3
    citations_per_story: int = 6
    publish_threshold: float = 80.0


class WebSettings(BaseModel):
    """The website and API."""

    host: str = "127.0.0.1"
    port: int = 8000
    site_title: str = "Beatwire"
    base_url: str = "http://127.0.0.1:8000"


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
    web: WebSettings = Field(default_factory=WebSettings)

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
