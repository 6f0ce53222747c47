"""Optional LLM labelling of sentiment, emotion and beats, over the local analysis."""

from __future__ import annotations

from collections.abc import Callable

from beatwire.analysis.llm._base import LabelRun, LLMLabeler
from beatwire.analysis.llm.fallback import LLMOverlay, overlay
from beatwire.analysis.llm.schema import RecordLabel, Usage, parse_label
from beatwire.config import Settings
from beatwire.errors import AnalysisError, ConfigError

PROVIDERS = ("none", "claude", "openai")

__all__ = [
    "PROVIDERS",
    "LLMLabeler",
    "LLMOverlay",
    "LabelRun",
    "RecordLabel",
    "Usage",
    "build_llm",
    "overlay",
    "parse_label",
]


def build_llm(settings: Settings) -> LLMOverlay | None:
    """Return the overlay `analysis.llm` names, or None for "none"."""
    name = settings.analysis.llm
    if name == "none":
        return None
    make: Callable[[], LLMLabeler]
    if name == "claude":
        if "claude" not in settings.newsroom.api_keys:
            raise AnalysisError(
                "analysis.llm = 'claude' needs an API key",
                hint='set BEATWIRE_NEWSROOM__API_KEYS=\'{"claude": "sk-ant-..."}\'',
            )
        from beatwire.analysis.llm.claude_batch import ClaudeBatchLabeler

        make = lambda: ClaudeBatchLabeler(settings)  # noqa: E731
    elif name == "openai":
        from beatwire.analysis.llm.openai_compat import OpenAICompatLabeler

        make = lambda: OpenAICompatLabeler(settings)  # noqa: E731
    else:
        raise ConfigError(f"unknown analysis.llm {name!r}", hint=f"one of: {', '.join(PROVIDERS)}")
    return LLMOverlay(make)
