"""Retries of model calls: honour Retry-After, back off on overload, translate errors.

Both SDKs are built with `max_retries=0` so that this one loop decides, with an
injectable `sleep` (tests record the delays instead of waiting).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from beatwire.config import Settings
from beatwire.errors import WriterError

log = logging.getLogger(__name__)
T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
# 429 rate limited, 408 timeout, 409 conflict, 5xx server errors, 529 overloaded (Anthropic).
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 529})


def _retry_after(exc: Exception) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    for name in ("retry-after-ms", "retry-after"):
        value = headers.get(name)
        if value:
            try:
                seconds = float(value)
            except ValueError:
                continue
            return seconds / 1000 if name.endswith("-ms") else seconds
    return None


def _describe(exc: Exception) -> str:
    status = getattr(exc, "status_code", None)
    body = getattr(exc, "body", None)
    message = body.get("error", {}).get("message") if isinstance(body, dict) else None
    text = message or " ".join(str(exc).split())[:200]
    return f"HTTP {status}: {text}" if status else f"{type(exc).__name__}: {text}"


def _retryable(exc: Exception, connection_errors: tuple[type[Exception], ...]) -> bool:
    return isinstance(exc, connection_errors) or getattr(exc, "status_code", None) in RETRY_STATUSES


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
    retries = max(0, settings.newsroom.llm_retries)
    for attempt in range(retries + 1):
        try:
            return await call()
        except api_errors as exc:
            if not _retryable(exc, connection_errors) or attempt == retries:
                raise _writer_error(writer, exc, attempt + 1) from exc
            delay = _delay(exc, attempt, settings)
            if delay > settings.newsroom.llm_max_wait_s:
                raise _writer_error(writer, exc, attempt + 1, delay) from exc
            log.warning("%s: %s, retry in %.1fs", writer, _describe(exc), delay)
            await sleep(delay)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _delay(exc: Exception, attempt: int, settings: Settings) -> float:
    asked = _retry_after(exc)
    if asked is not None:
        return asked
    ceiling = min(settings.http.max_backoff_s, settings.http.backoff_s * (2**attempt))
    return ceiling / 2 + random.random() * ceiling / 2


def _writer_error(writer: str, exc: Exception, attempts: int, wait: float | None = None) -> Any:
    status = getattr(exc, "status_code", None)
    hint = {
        401: "check the API key in newsroom.api_keys",
        403: "the key may lack access to this model",
        404: "check the model name and the base URL",
        429: "rate limited: wait, or lower newsroom.max_stories_per_cycle",
        529: "the API is overloaded: try again later",
    }.get(status or 0)
    if wait is not None:
        hint = f"the server asks to wait {wait:.0f}s, more than newsroom.llm_max_wait_s"
    return WriterError(f"{writer} failed after {attempts} attempt(s): {_describe(exc)}", hint=hint)
