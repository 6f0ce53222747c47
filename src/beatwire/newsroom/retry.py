"""Retries of the writers' model calls: llm_retry with the newsroom's settings, hints and error.

Both SDKs are built with `max_retries=0` so that the one retry policy decides,
with an injectable `sleep` (tests record the delays instead of waiting).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from beatwire import llm_retry
from beatwire.config import Settings
from beatwire.errors import WriterError
from beatwire.llm_retry import RetryPolicy, Sleep

__all__ = ["Sleep", "call_with_retries"]

T = TypeVar("T")

HINTS = {
    401: "check the API key in newsroom.api_keys",
    403: "the key may lack access to this model",
    404: "check the model name and the base URL",
    429: "rate limited: wait, or lower newsroom.max_stories_per_cycle",
    529: "the API is overloaded: try again later",
}


async def call_with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    writer: str,
    settings: Settings,
    api_errors: tuple[type[Exception], ...],
    connection_errors: tuple[type[Exception], ...],
    sleep: Sleep = asyncio.sleep,
) -> T:
    """Return `call()`'s result, retrying transient failures; raise WriterError otherwise."""
    policy = RetryPolicy.for_models(settings)
    return await llm_retry.call_with_retries(
        call,
        what=writer,
        policy=policy,
        api_errors=api_errors,
        connection_errors=connection_errors,
        error=WriterError,
        hints=HINTS,
        sleep=sleep,
    )
