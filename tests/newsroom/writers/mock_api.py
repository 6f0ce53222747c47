"""The model APIs' replies for the writer tests: a scripted transport and the shared fixtures."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx2
from pydantic import SecretStr

from beatwire.config import Settings
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.writers.factory import make_writer

META = {
    "headline": "Audit rule vote sends AI Regulation talk soaring",
    "dek": "59 records on November 3 against a usual 7.",
    "takeaways": [
        "AI Regulation drew 59 records on November 3.",
        "Reddit led the talk.",
        "Watch the next vote.",
    ],
    "seo_description": "AI Regulation drew 59 records on November 3, 8.4 times the usual daily count.",  # noqa: E501
    "faq": [],
}


def number_of(pack: EvidencePack, author: str) -> int:
    """Return the number the pack gives to `author`'s record."""
    return next(i.number for i in pack.items if i.record.author == author)


def index_of(pack: EvidencePack, author: str) -> int:
    """Return the position of `author`'s record in the pack."""
    return next(k for k, i in enumerate(pack.items) if i.record.author == author)


class Script:
    """A MockTransport handler that serves responses in order and records requests."""

    def __init__(
        self, responses: list[httpx2.Response | Callable[[httpx2.Request], httpx2.Response]]
    ) -> None:
        self.responses = list(responses)
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(json.loads(request.content or b"{}") | {"_url": str(request.url)})
        item = self.responses.pop(0)
        return item(request) if callable(item) else item


def settings_for(writer: str) -> Settings:
    """Return settings that choose `writer`, with keys for both model writers."""
    settings = Settings()
    settings.newsroom.writer = writer
    settings.newsroom.api_keys = {
        "claude": SecretStr("sk-ant-test"),
        "openai": SecretStr("sk-test"),
    }
    return settings


def write_with(
    settings: Settings, script: Script, pack: EvidencePack, story_type: str = "story"
) -> tuple[Any, list[float]]:
    """Return the draft the settings' writer writes over `script`, and the delays it slept."""
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    writer = make_writer(settings, transport=httpx2.MockTransport(script), sleep=sleep)
    return asyncio.run(writer.write(pack, story_type)), slept
