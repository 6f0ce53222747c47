"""One retry loop for model API calls, shared by any part that calls an LLM SDK.

The SDKs are built with `max_retries=0` so that this loop decides: it honours
Retry-After, backs off with jitter on 408/409/429/5xx/529 and connection errors,
and turns the final failure into the caller's error type. `sleep` is injectable
(tests record the delays instead of waiting).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from beatwire.config import Settings
from beatwire.errors import BeatwireError

log = logging.getLogger(__name__)
T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
# 429 rate limited, 408 timeout, 409 conflict, 5xx server errors, 529 overloaded (Anthropic).
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 529})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry."""

    retries: int = 4
    backoff_s: float = 1.0
    max_backoff_s: float = 30.0
    max_wait_s: float = 60.0  # a Retry-After longer than this fails at once

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        """Return the policy the configuration sets for model calls."""
        return cls(
            retries=settings.newsroom.llm_retries,
            backoff_s=settings.http.backoff_s,
            max_backoff_s=settings.http.max_backoff_s,
            max_wait_s=settings.newsroom.llm_max_wait_s,
        )


def retry_after(exc: Exception) -> float | None:
    """Return the delay in seconds the error's response asks for, if any."""
    headers = getattr(getattr(exc, "response", None), "headers", None) or {}
    for name in ("retry-after-ms", "retry-after"):
        value = headers.get(name)
        if value:
            try:
                seconds = float(value)
            except ValueError:
                continue
            return seconds / 1000 if name.endswith("-ms") else seconds
    return None


def describe(exc: Exception) -> str:
    """Return a one-line description of an SDK error: status and the API's message."""
    status = getattr(exc, "status_code", None)
    body = getattr(exc, "body", None)
    message = body.get("error", {}).get("message") if isinstance(body, dict) else None
    text = message or " ".join(str(exc).split())[:200]
    return f"HTTP {status}: {text}" if status else f"{type(exc).__name__}: {text}"


async def call_with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    what: str,
    policy: RetryPolicy,
    api_errors: tuple[type[Exception], ...],
    connection_errors: tuple[type[Exception], ...],
    error: type[BeatwireError],
    hints: dict[int, str] | None = None,
    sleep: Sleep = asyncio.sleep,
) -> T:
    """Return `call()`'s result, retrying transient failures; raise `error` otherwise.

    `hints` gives the final error a hint by HTTP status (what to check for a 401...).
    """
    for attempt in range(max(0, policy.retries) + 1):
        try:
            return await call()
        except api_errors as exc:
            transient = isinstance(exc, connection_errors) or (
                getattr(exc, "status_code", None) in RETRY_STATUSES
            )
            if not transient or attempt >= policy.retries:
                status = getattr(exc, "status_code", None) or 0
                raise error(
                    f"{what} failed after {attempt + 1} attempt(s): {describe(exc)}",
                    hint=(hints or {}).get(status),
                ) from exc
            delay = _delay(exc, attempt, policy)
            if delay > policy.max_wait_s:
                raise error(
                    f"{what} failed: {describe(exc)}",
                    hint=f"the server asks to wait {delay:.0f}s, over {policy.max_wait_s:.0f}s",
                ) from exc
            log.warning("%s: %s, retry in %.1fs", what, describe(exc), delay)
            await sleep(delay)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _delay(exc: Exception, attempt: int, policy: RetryPolicy) -> float:
    asked = retry_after(exc)
    if asked is not None:
        return asked
    ceiling = min(policy.max_backoff_s, policy.backoff_s * (2**attempt))
    return ceiling / 2 + random.random() * ceiling / 2
