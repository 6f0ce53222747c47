"""The SDK clients of the model calls (part of the `llm` extra): one place builds them.

Every client gets its HTTP client from `sources.http.make_client` (User-Agent,
timeouts, the test transport) and `max_retries=0`, so that `llm_retry` alone
decides about retries. `anthropic_input` reads what a Claude reply's input is billed as,
for the labeller's and the writer's cost accounting alike.
"""

from __future__ import annotations

from typing import Any

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


# Anthropic bills a prompt-cache write (the 5-minute cache that cache_control "ephemeral"
# asks for) at 1.25 times the input price, and a cache read at a tenth of it.
CACHE_WRITE_PRICE = 1.25
CACHE_READ_PRICE = 0.1


def anthropic_input(usage: Any) -> tuple[int, float]:
    """Return a reply's input tokens and what they are billed as, in plain input tokens."""
    written = usage.cache_creation_input_tokens or 0
    read = usage.cache_read_input_tokens or 0
    plain = usage.input_tokens
    return plain + written + read, plain + CACHE_WRITE_PRICE * written + CACHE_READ_PRICE * read


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
