"""Model API calls under the one retry policy (beatwire/retry.py), for any part that calls an SDK.

The SDKs are built with `max_retries=0` so that the policy decides: a connection
error or a status in RETRY_STATUSES is tried again after the API's Retry-After
(or the backoff), and the final failure becomes the caller's error type. `sleep`
is injectable (tests record the delays instead of waiting).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from beatwire.errors import BeatwireError
from beatwire.retry import (
    RETRY_STATUSES,
    RetryPolicy,
    Sleep,
    Spent,
    TryAgain,
    retry_after_seconds,
    with_retries,
)

__all__ = ["RetryPolicy", "Sleep", "call_with_retries", "describe"]

T = TypeVar("T")


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
    hint_for = (hints or {}).get

    async def attempt(number: int) -> T:
        try:
            return await call()
        except api_errors as exc:
            status = getattr(exc, "status_code", None)
            if isinstance(exc, connection_errors) or status in RETRY_STATUSES:
                raise TryAgain(describe(exc), status=status, asked_s=_asked(exc)) from exc
            failed = f"{what} failed after {number} attempt(s): {describe(exc)}"
            raise error(failed, hint=hint_for(status or 0)) from exc

    def give_up(spent: Spent) -> BeatwireError:
        last = spent.last
        if spent.too_long:
            wait = f"the server asks to wait {last.asked_s:.0f}s, over {policy.max_wait_s:.0f}s"
            return error(f"{what} failed: {last.reason}", hint=wait)
        failed = f"{what} failed after {spent.attempts} attempt(s): {last.reason}"
        return error(failed, hint=hint_for(last.status or 0))

    return await with_retries(attempt, policy=policy, give_up=give_up, label=what, sleep=sleep)


def _asked(exc: Exception) -> float | None:
    """Return the wait the error's HTTP response asks for, if it has one."""
    response = getattr(exc, "response", None)
    return None if response is None else retry_after_seconds(response.headers)
