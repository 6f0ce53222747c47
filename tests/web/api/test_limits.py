"""Token buckets per key with an injected clock: 60 a minute in bursts of 10 a second, 429s."""

from __future__ import annotations

import httpx2
import pytest

from beatwire.errors import RateLimited
from beatwire.web.api.limits import RateLimiter, StreamSlots


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def spend(limiter: RateLimiter, times: int, rpm: int = 60, key: int = 1) -> int:
    """Return how many of `times` requests were let through."""
    allowed = 0
    for _ in range(times):
        try:
            limiter.check(key, rpm)
            allowed += 1
        except RateLimited:
            pass
    return allowed


def test_a_burst_is_capped_at_ten() -> None:
    assert spend(RateLimiter(burst=10, clock=Clock()), 25) == 10


def test_the_minute_caps_bursts_spread_over_seconds() -> None:
    clock = Clock()
    limiter = RateLimiter(burst=10, clock=clock)
    allowed = 0
    for _ in range(20):  # 20 seconds, trying 10 a second
        allowed += spend(limiter, 10)
        clock.now += 1
    # The minute bucket starts full (60) and earns 1 a second: 60 + 19 by the last second.
    assert allowed == 79


def test_retry_after_says_when_a_token_comes() -> None:
    clock = Clock()
    limiter = RateLimiter(burst=10, clock=clock)
    spend(limiter, 10)
    with pytest.raises(RateLimited) as refused:
        limiter.check(1, 60)
    assert refused.value.retry_after == pytest.approx(0.1)
    clock.now += 0.1
    limiter.check(1, 60)


def test_keys_have_their_own_buckets() -> None:
    limiter = RateLimiter(burst=10, clock=Clock())
    assert spend(limiter, 10, key=1) == 10
    assert spend(limiter, 10, key=2) == 10


def test_a_high_rpm_key_can_use_its_average_rate_each_second() -> None:
    assert spend(RateLimiter(burst=10, clock=Clock()), 2000, rpm=60_000) == 1000


def test_one_stream_slot_per_key() -> None:
    slots = StreamSlots()
    slots.acquire(7)
    with pytest.raises(RateLimited):
        slots.acquire(7)
    slots.acquire(8)
    slots.release(7)
    slots.acquire(7)


@pytest.mark.anyio
async def test_the_api_answers_429_with_retry_after(
    anonymous: httpx2.AsyncClient, make_key, state, error_body
) -> None:
    clock = Clock()
    state.limiter = RateLimiter(burst=10, clock=clock)
    headers = {"X-API-Key": make_key(rpm=60)}
    statuses = [(await anonymous.get("/v1/stats", headers=headers)).status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    refused = await anonymous.get("/v1/stats", headers=headers)
    assert refused.headers["retry-after"] == "1"
    assert error_body(refused)["code"] == "rate_limited"
    clock.now += 1
    assert (await anonymous.get("/v1/stats", headers=headers)).status_code == 200
