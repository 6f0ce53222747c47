"""The one retry policy of every outbound call: the sources' HTTP and the model SDKs.

tenacity runs the attempts. This module says which failures are worth another
one (a caller raises `TryAgain` for them), how long to wait (the server's
Retry-After, else exponential backoff with equal jitter) and when to stop
(after `retries`, or at once when the server asks for longer than
`max_wait_s`). The callers, `sources/http.py` and `llm_retry.py`, only say what
a transient failure looks like to them and which error a spent retry becomes.
`sleep` and `jitter` are injectable, so tests record the delays instead of waiting.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

import tenacity

from beatwire.config import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
Jitter = Callable[[], float]

# Statuses that mean "try again later", from any server we call. Sources and model calls
# agreed on 429 and 500/502/503/504 and kept apart on the rest; the one set is their union,
# so no call that recovered before gives up now: 408 (the request timed out, as a transport
# timeout would), 409 (the model APIs' lock conflict, which their SDKs retry), 520-524
# (Cloudflare cannot reach the origin; it fronts news sites and model APIs alike) and 529
# (Anthropic overloaded; no other server sends it). Other 4xx are the caller's mistake and
# 501/505 will not change, so neither is asked again.
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524, 529})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry."""

    retries: int = 4
    backoff_s: float = 1.0
    max_backoff_s: float = 30.0
    max_wait_s: float = 60.0  # a Retry-After longer than this fails at once

    @classmethod
    def for_fetching(cls, settings: Settings) -> RetryPolicy:
        """Return the policy of the sources' requests (a wait past the backoff bound fails)."""
        http = settings.http
        return cls(http.retries, http.backoff_s, http.max_backoff_s, http.max_backoff_s)

    @classmethod
    def for_models(cls, settings: Settings) -> RetryPolicy:
        """Return the policy of model calls (they may wait longer when the API asks)."""
        http, newsroom = settings.http, settings.newsroom
        return cls(
            newsroom.llm_retries, http.backoff_s, http.max_backoff_s, newsroom.llm_max_wait_s
        )


class TryAgain(Exception):
    """Raised inside an attempt for a transient failure, with what the server said."""

    def __init__(
        self, reason: str, *, status: int | None = None, asked_s: float | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.asked_s = asked_s  # the server's Retry-After, in seconds


@dataclass(frozen=True, slots=True)
class Spent:
    """Why retrying stopped: the last transient failure and how many attempts were made."""

    last: TryAgain
    attempts: int
    too_long: bool  # the server asked to wait longer than the policy allows


async def with_retries(
    attempt: Callable[[int], Awaitable[T]],
    *,
    policy: RetryPolicy,
    give_up: Callable[[Spent], Exception],
    label: str,
    sleep: Sleep = asyncio.sleep,
    jitter: Jitter = random.random,
) -> T:
    """Return `attempt(n)` (n counts from 1), retried after each TryAgain; raise `give_up`'s error.

    Any other exception from `attempt` passes through at once.
    """

    def too_long(state: tenacity.RetryCallState) -> bool:
        asked = _failure(state).asked_s
        return asked is not None and asked > policy.max_wait_s

    def stop(state: tenacity.RetryCallState) -> bool:
        return state.attempt_number > max(0, policy.retries) or too_long(state)

    def wait(state: tenacity.RetryCallState) -> float:
        asked = _failure(state).asked_s
        if asked is not None:
            return asked
        return backoff_delay(state.attempt_number - 1, policy, jitter)

    def announce(state: tenacity.RetryCallState) -> None:
        delay = state.next_action.sleep if state.next_action else 0.0
        log.warning("%s: %s, retry in %.1fs", label, _failure(state).reason, delay)

    def spent(state: tenacity.RetryCallState) -> None:
        last = _failure(state)
        raise give_up(Spent(last, state.attempt_number, too_long(state))) from last.__cause__

    retrying = tenacity.AsyncRetrying(
        sleep=sleep,
        stop=stop,
        wait=wait,
        retry=tenacity.retry_if_exception_type(TryAgain),
        before_sleep=announce,
        retry_error_callback=spent,
    )
    async for trial in retrying:
        with trial:
            return await attempt(trial.retry_state.attempt_number)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _failure(state: tenacity.RetryCallState) -> TryAgain:
    """Return the TryAgain the last attempt raised (the retry predicate admits no other)."""
    failure = state.outcome.exception() if state.outcome is not None else None
    if not isinstance(failure, TryAgain):
        raise AssertionError(f"retrying after {failure!r}, not a TryAgain")
    return failure


def backoff_delay(attempt: int, policy: RetryPolicy, jitter: Jitter = random.random) -> float:
    """Return the delay before retry `attempt` (0-based): exponential, jittered, bounded."""
    ceiling = min(policy.max_backoff_s, policy.backoff_s * (2**attempt))
    # "Equal jitter": at least half the ceiling, so retries never bunch at zero.
    return ceiling / 2 + jitter() * ceiling / 2


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """Return the wait the headers ask for (retry-after-ms, Retry-After seconds or a date)."""
    milliseconds = _number(headers.get("retry-after-ms", ""))
    if milliseconds is not None:
        return milliseconds / 1000
    value = headers.get("retry-after", "").strip()
    seconds = _number(value)
    if seconds is not None or not value:
        return seconds
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    # Measure from the server's own clock when it sent one, so skew does not count.
    return max(0.0, (_as_utc(when) - _server_now(headers)).total_seconds())


def _number(value: str) -> float | None:
    """Return a non-negative number of a header, or None when it is not one."""
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _server_now(headers: Mapping[str, str]) -> datetime:
    """Return the time the server stamped on the response, or ours when it did not."""
    stamp = headers.get("date")
    if stamp:
        try:
            return _as_utc(parsedate_to_datetime(stamp))
        except (TypeError, ValueError, IndexError):
            pass
    return datetime.now(UTC)


def _as_utc(value: datetime) -> datetime:
    """Return `value` as an aware UTC datetime (naive is taken as UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
