"""Writers: one protocol, three implementations, chosen by `settings.newsroom.writer`."""

from __future__ import annotations

import asyncio
from typing import Protocol

import httpx2

from beatwire.config import Settings
from beatwire.errors import ConfigError, WriterError
from beatwire.llm_retry import Sleep
from beatwire.model import Draft
from beatwire.newsroom import offline
from beatwire.newsroom.evidence import EvidencePack

WRITERS = ("offline", "claude", "openai")


class Writer(Protocol):
    """Turns an evidence pack into a draft story; sees nothing but the pack."""

    name: str

    async def write(self, pack: EvidencePack, story_type: str) -> Draft: ...


class OfflineWriter:
    """The deterministic writer, behind the same async protocol as the model writers."""

    name = offline.NAME

    def __init__(self, settings: Settings) -> None:
        self.quotes = settings.newsroom.quotes_per_story

    async def write(self, pack: EvidencePack, story_type: str) -> Draft:
        """Return the offline writer's draft."""
        return offline.write(pack, story_type, quotes=self.quotes)


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
    # The SDKs are optional: they load only when their writer is chosen.
    try:
        if name == "claude":
            from beatwire.newsroom.claude import ClaudeWriter

            return ClaudeWriter(settings, transport=transport, sleep=sleep)
        if name == "openai":
            from beatwire.newsroom.openai_compat import OpenAIWriter

            return OpenAIWriter(settings, transport=transport, sleep=sleep)
    except ModuleNotFoundError as exc:
        package = {"claude": "anthropic>=2.14,<3", "openai": "openai>=3.57,<4"}[name]
        raise WriterError(
            f"the {name} writer needs the {exc.name} package", hint=f"pip install '{package}'"
        ) from exc
    raise ConfigError(f"unknown writer {name!r}", hint=f"use one of {', '.join(WRITERS)}")
