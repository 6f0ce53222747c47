"""Per-key rate limits (two token buckets) and the one-open-stream-per-key rule.

Each key has a minute bucket (capacity `rpm`, refilled at rpm/60 a second) and
a second bucket (capacity `burst`, refilled at `burst` a second): a key spends
its minute's allowance in bursts of at most `burst` requests in one second. A
key whose rpm exceeds 60 x burst gets a second bucket of rpm/60, so its own
average rate is never refused. The clock is injected so tests need no sleeps.

State is per process: with several web workers each enforces the limit on its own.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from beatwire.errors import RateLimited

Clock = Callable[[], float]


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


class RateLimiter:
    """Token buckets per key id; `check` spends a token or raises RateLimited."""

    def __init__(self, *, burst: int, clock: Clock = time.monotonic) -> None:
        self.burst = burst
        self.clock = clock
        self._buckets: dict[int, tuple[TokenBucket, TokenBucket]] = {}
        self._lock = threading.Lock()

    def _buckets_of(self, key_id: int, rpm: int, now: float) -> tuple[TokenBucket, TokenBucket]:
        pair = self._buckets.get(key_id)
        if pair is None or pair[0].capacity != rpm:
            per_second = max(self.burst, math.ceil(rpm / 60))
            pair = (
                TokenBucket(rpm, rpm / 60, rpm, now),
                TokenBucket(per_second, per_second, per_second, now),
            )
            self._buckets[key_id] = pair
        return pair

    def check(self, key_id: int, rpm: int) -> None:
        """Spend one request of the key's allowance, or raise RateLimited with the wait."""
        with self._lock:
            now = self.clock()
            buckets = self._buckets_of(key_id, rpm, now)
            for bucket in buckets:
                bucket.refill(now)
            wait = max(bucket.wait() for bucket in buckets)
            if wait > 0:
                raise RateLimited(
                    f"rate limit of {rpm} requests a minute (bursts of "
                    f"{int(buckets[1].capacity)} a second) reached",
                    retry_after=wait,
                )
            for bucket in buckets:
                bucket.tokens -= 1


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
