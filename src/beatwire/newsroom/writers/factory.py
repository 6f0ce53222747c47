"""The writer factory: the writer `settings.newsroom.writer` names, of three."""

from __future__ import annotations

import asyncio

import httpx2

from beatwire.config import Settings
from beatwire.errors import ConfigError, WriterError
from beatwire.llm_retry import Sleep
from beatwire.newsroom.writers.base import Writer
from beatwire.newsroom.writers.offline import OfflineWriter

WRITERS = ("offline", "claude", "openai")


def make_writer(
    settings: Settings,
    *,
    transport: httpx2.AsyncBaseTransport | None = None,
    sleep: Sleep = asyncio.sleep,
) -> Writer:
    """Return the writer the settings name (model writers over `transport` when given)."""
    name = settings.newsroom.writer
    if name == "offline":
        return OfflineWriter(settings)
    # The SDKs are optional (the `llm` extra): imported here, only when their writer is chosen,
    # so the offline writer runs without them; a missing one gets its install line.
    try:
        if name == "claude":
            from beatwire.newsroom.writers.claude import ClaudeWriter

            return ClaudeWriter(settings, transport=transport, sleep=sleep)
        if name == "openai":
            from beatwire.newsroom.writers.openai import OpenAIWriter

            return OpenAIWriter(settings, transport=transport, sleep=sleep)
    except ModuleNotFoundError as exc:
        package = {"claude": "anthropic>=2.14,<3", "openai": "openai>=3.57,<4"}[name]
        raise WriterError(
            f"the {name} writer needs the {exc.name} package", hint=f"pip install '{package}'"
        ) from exc
    raise ConfigError(f"unknown writer {name!r}", hint=f"use one of {', '.join(WRITERS)}")
