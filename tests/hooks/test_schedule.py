"""The retry schedule of a delivery, as the README gives it."""

from __future__ import annotations

from datetime import timedelta

from beatwire.config import HooksSettings
from beatwire.hooks.sender import Outcome
from beatwire.hooks.stage import next_step

REFUSED = Outcome(ok=False, status_code=None, error="ConnectError", duration_ms=1)


def test_each_retry_waits_between_half_and_all_of_a_doubling_step() -> None:
    hooks = HooksSettings()
    shortest = [
        next_step(made, REFUSED, hooks, lambda: 0.0)[1].total_seconds() for made in range(1, 8)
    ]
    longest = [
        next_step(made, REFUSED, hooks, lambda: 1.0)[1].total_seconds() for made in range(1, 8)
    ]
    assert longest == [60, 120, 240, 480, 960, 1920, 3840]
    assert shortest == [30, 60, 120, 240, 480, 960, 1920]


def test_the_last_attempt_fails_the_delivery() -> None:
    hooks = HooksSettings()
    assert next_step(7, REFUSED, hooks)[0] == "pending"
    assert next_step(8, REFUSED, hooks) == ("failed", timedelta(0))


def test_a_retry_after_from_the_receiver_is_honoured_up_to_the_bound() -> None:
    hooks = HooksSettings(max_backoff_s=3600)
    asked = Outcome(ok=False, status_code=429, error="HTTP 429", duration_ms=1, asked_wait_s=900)
    assert next_step(1, asked, hooks, lambda: 1.0)[1] == timedelta(seconds=900)
    too_long = Outcome(ok=False, status_code=429, error="HTTP 429", duration_ms=1, asked_wait_s=1e6)
    assert next_step(1, too_long, hooks, lambda: 1.0)[1] == timedelta(seconds=3600)


def test_a_2xx_is_delivered() -> None:
    done = Outcome(ok=True, status_code=204, error=None, duration_ms=1)
    assert next_step(1, done, HooksSettings()) == ("delivered", timedelta(0))
