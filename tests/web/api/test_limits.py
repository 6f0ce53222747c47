"""Per-key limits with an injected clock: 60 in any minute, bursts of 10, 429s, headers."""

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
    # However the requests are spread, no minute lets more than 60 through.
    assert allowed == 60


def test_no_sixty_seconds_let_more_than_rpm_through() -> None:
    clock = Clock()
    limiter = RateLimiter(burst=10, clock=clock)
    times: list[float] = []
    for _ in range(1200):  # two minutes, trying ten times a second
        if spend(limiter, 1):
            times.append(clock.now)
        clock.now += 0.1
    assert len(times) == 120  # 60 a minute, used as soon as they are there
    assert max(sum(1 for t in times if start <= t < start + 60) for start in times) == 60


def test_an_allowance_says_what_is_left_and_when_it_is_whole_again() -> None:
    clock = Clock()
    limiter = RateLimiter(burst=10, clock=clock)
    first = limiter.check(1, 60)
    assert (first.limit, first.remaining, first.reset_s) == (60, 59, 60.0)
    clock.now += 30
    second = limiter.check(1, 60)
    assert (second.remaining, second.reset_s) == (58, 60.0)
    assert second.headers()["RateLimit-Remaining"] == second.headers()["X-RateLimit-Remaining"]


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
    answers = [await anonymous.get("/v1/stats", headers=headers) for _ in range(11)]
    assert [a.status_code for a in answers] == [200] * 10 + [429]
    assert [a.headers["ratelimit-remaining"] for a in answers[:3]] == ["59", "58", "57"]
    assert answers[1].headers["x-ratelimit-limit"] == "60"  # a kept answer gets the asker's own
    refused = await anonymous.get("/v1/stats", headers=headers)
    assert refused.headers["retry-after"] == "1"
    assert refused.headers["ratelimit-remaining"] == "50"
    assert error_body(refused)["code"] == "rate_limited"
    clock.now += 1
    assert (await anonymous.get("/v1/stats", headers=headers)).status_code == 200
