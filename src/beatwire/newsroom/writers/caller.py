"""The model writers' client: the one factory's, failing with WriterError and a hint by status."""

from __future__ import annotations

import asyncio

import httpx2

from beatwire.config import Settings
from beatwire.errors import WriterError
from beatwire.llm_clients import Caller, ModelClient, Provider, model_client
from beatwire.llm_retry import Sleep

HINTS = {
    401: "check the API key in newsroom.api_keys",
    403: "the key may lack access to this model",
    404: "check the model name and the base URL",
    429: "rate limited: wait, or lower newsroom.max_stories_per_cycle",
    529: "the API is overloaded: try again later",
}


def writer_client(
    settings: Settings,
    name: Provider,
    *,
    transport: httpx2.AsyncBaseTransport | None = None,
    sleep: Sleep = asyncio.sleep,
) -> ModelClient:
    """Return the model client of the `name` writer, on the model the settings name for it."""
    model = {"claude": settings.newsroom.claude_model, "openai": settings.newsroom.openai_model}
    caller = Caller(name, f"the {name} writer", WriterError, HINTS)
    return model_client(settings, name, model[name], caller, transport=transport, sleep=sleep)
