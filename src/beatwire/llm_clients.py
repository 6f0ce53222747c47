"""The SDK clients of the model calls (part of the `llm` extra): one place builds them.

Every client gets its HTTP client from `sources.http.make_client` (User-Agent,
timeouts, the test transport) and `max_retries=0`, so that `llm_retry` alone
decides about retries.
"""

from __future__ import annotations

import anthropic
import httpx2
import openai

from beatwire.config import Settings
from beatwire.errors import BeatwireError
from beatwire.sources.http import make_client


def anthropic_client(
    settings: Settings,
    transport: httpx2.AsyncBaseTransport | None,
    *,
    user: str,
    error: type[BeatwireError],
) -> anthropic.AsyncAnthropic:
    """Return an Anthropic client with the configured key; `error` says `user` needs one."""
    key = settings.newsroom.api_keys.get("claude")
    if key is None:
        raise error(
            f"{user} needs an API key",
            hint='set BEATWIRE_NEWSROOM__API_KEYS=\'{"claude": "sk-ant-..."}\'',
        )
    return anthropic.AsyncAnthropic(
        api_key=key.get_secret_value(),
        http_client=make_client(settings, transport=transport),
        max_retries=0,
    )


def openai_client(
    settings: Settings, transport: httpx2.AsyncBaseTransport | None
) -> openai.AsyncOpenAI:
    """Return a client of the configured OpenAI-compatible server."""
    key = settings.newsroom.api_keys.get("openai")
    return openai.AsyncOpenAI(
        # Local servers ignore the key; the SDK insists on one.
        api_key=key.get_secret_value() if key else "not-needed",
        base_url=settings.newsroom.openai_base_url,
        http_client=make_client(settings, transport=transport),
        max_retries=0,
    )
