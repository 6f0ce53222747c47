"""Per-key rate limits (a sliding minute and a burst bucket) and one open stream per key.

A key may make at most `rpm` requests in any 60 seconds (a sliding window: the
request that would be the rpm+1-th of the last minute is refused until the oldest
one is a minute old), and at most `burst` in a row, the burst refilled at `burst`
a second (a key whose rpm exceeds 60 x burst gets rpm/60, so its own average rate
is never refused). Every answer says where the key stands in the standard headers
(`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`, and the same as
`X-RateLimit-*`). The clock is injected so tests need no sleeps.

State is per process: with several web workers each enforces the limit on its own.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.datastructures import MutableHeaders
from starlette.types import Scope

from beatwire.errors import RateLimited
from beatwire.web.headers import EditsHeaders

Clock = Callable[[], float]
WINDOW_S = 60.0


@dataclass(slots=True)
class TokenBucket:
    """Tokens refilled at `rate` a second up to `capacity`; one request spends one."""

    capacity: float
    rate: float
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        """Add the tokens earned since the last refill."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait(self) -> float:
        """Return the seconds until one token is available (0 when one is)."""
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


@dataclass(slots=True)
class SlidingMinute:
    """The times of a key's requests in the last minute, at most `limit` of them."""

    limit: int
    times: deque[float] = field(default_factory=deque)

    def forget_before(self, now: float) -> None:
        """Drop the requests older than a minute."""
        while self.times and self.times[0] <= now - WINDOW_S:
            self.times.popleft()

    def wait(self, now: float) -> float:
        """Return the seconds until the window has room (0 when it has)."""
        return 0.0 if len(self.times) < self.limit else self.times[0] + WINDOW_S - now

    def reset(self, now: float) -> float:
        """Return the seconds until the whole allowance is back."""
        return self.times[-1] + WINDOW_S - now if self.times else 0.0


@dataclass(frozen=True, slots=True)
class Allowance:
    """Where a key stands after a request: the answer's rate-limit headers."""

    limit: int
    remaining: int
    reset_s: float

    def headers(self) -> dict[str, str]:
        """Return the IETF draft's RateLimit-* headers and their common X- twins."""
        figures = {
            "Limit": str(self.limit),
            "Remaining": str(self.remaining),
            "Reset": str(math.ceil(self.reset_s)),
        }
        return {
            f"{prefix}RateLimit-{name}": value
            for prefix in ("", "X-")
            for name, value in figures.items()
        }


class RateLimiter:
    """A sliding minute and a burst bucket per key; `check` spends a request or refuses."""

    def __init__(self, *, burst: int, clock: Clock = time.monotonic) -> None:
        self.burst = burst
        self.clock = clock
        self._keys: dict[int, tuple[SlidingMinute, TokenBucket]] = {}
        self._lock = threading.Lock()

    def _state_of(self, key_id: int, rpm: int, now: float) -> tuple[SlidingMinute, TokenBucket]:
        pair = self._keys.get(key_id)
        if pair is None or pair[0].limit != rpm:
            per_second = max(self.burst, math.ceil(rpm / 60))
            pair = (SlidingMinute(rpm), TokenBucket(per_second, per_second, per_second, now))
            self._keys[key_id] = pair
        return pair

    def check(self, key_id: int, rpm: int) -> Allowance:
        """Spend one request of the key's allowance, or raise RateLimited with the wait."""
        with self._lock:
            now = self.clock()
            minute, bucket = self._state_of(key_id, rpm, now)
            minute.forget_before(now)
            bucket.refill(now)
            wait = max(minute.wait(now), bucket.wait())
            if wait > 0:
                raise RateLimited(
                    f"rate limit of {rpm} requests a minute (bursts of "
                    f"{int(bucket.capacity)}) reached",
                    retry_after=wait,
                    headers=Allowance(rpm, rpm - len(minute.times), minute.reset(now)).headers(),
                )
            minute.times.append(now)
            bucket.tokens -= 1
            return Allowance(rpm, rpm - len(minute.times), minute.reset(now))


def without_rate_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """Return `headers` without the rate-limit ones (a kept answer gets the asker's own)."""
    return [(k, v) for k, v in headers if not k.lower().startswith(_RATE_PREFIXES)]


_RATE_PREFIXES = (b"ratelimit-", b"x-ratelimit-")


class RateLimitHeaders(EditsHeaders):
    """Adds the allowance a route's key check left in the request state to its answer."""

    def edit(self, scope: Scope, headers: MutableHeaders) -> None:
        """Replace any rate-limit headers with this request's allowance."""
        allowance = scope.get("state", {}).get(STATE_KEY)
        if allowance is None:
            return
        for name, value in allowance.headers().items():
            headers[name] = value


STATE_KEY = "rate_limit"  # where the key check leaves its Allowance in the request state


class StreamSlots:
    """The keys that have a stream open: one each."""

    def __init__(self) -> None:
        self._open: set[int] = set()
        self._lock = threading.Lock()

    def acquire(self, key_id: int) -> None:
        """Mark the key's stream open, or raise RateLimited when it already has one."""
        with self._lock:
            if key_id in self._open:
                raise RateLimited(
                    "this key already has a stream open; close it first", retry_after=5
                )
            self._open.add(key_id)

    def release(self, key_id: int) -> None:
        """Mark the key's stream closed."""
        with self._lock:
            self._open.discard(key_id)

    def is_open(self, key_id: int) -> bool:
        """Return whether the key has a stream open."""
        with self._lock:
            return key_id in self._open
