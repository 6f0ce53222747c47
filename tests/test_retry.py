"""The one retry policy: what is tried again, how long it waits, when it gives up."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import httpx2
import openai
import pytest

from beatwire.errors import AnalysisError
from beatwire.llm_retry import call_with_retries
from beatwire.retry import (
    RetryPolicy,
    Spent,
    TryAgain,
    backoff_delay,
    retry_after_seconds,
    with_retries,
)

SERVER_NOW = "Wed, 21 Oct 2026 07:28:00 GMT"
POLICY = RetryPolicy(retries=3, backoff_s=1.0, max_backoff_s=3.0, max_wait_s=60.0)


class Recorder:
    """A fake sleep that records the delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def one() -> float:
    return 1.0


def run(attempt: Callable[[int], Awaitable[Any]], sleep: Recorder) -> Any:
    def give_up(spent: Spent) -> Exception:
        return RuntimeError(f"{spent.last.reason} x{spent.attempts} long={spent.too_long}")

    # A jitter of 1 takes the whole ceiling, so the delays are exact.
    work = with_retries(attempt, policy=POLICY, give_up=give_up, label="t", sleep=sleep, jitter=one)
    return asyncio.run(work)


def test_jitter_keeps_delays_between_half_and_whole_ceiling() -> None:
    policy = RetryPolicy(backoff_s=2, max_backoff_s=100)
    assert backoff_delay(2, policy, jitter=lambda: 0.0) == 4.0
    assert backoff_delay(2, policy, jitter=lambda: 1.0) == 8.0


def test_a_transient_failure_is_retried_with_backoff_until_it_passes() -> None:
    seen: list[int] = []

    async def attempt(number: int) -> str:
        seen.append(number)
        if number < 3:
            raise TryAgain("busy", status=503)
        return "done"

    sleep = Recorder()
    assert run(attempt, sleep) == "done"
    assert seen == [1, 2, 3] and sleep.delays == [1.0, 2.0]


def test_the_servers_wait_replaces_the_backoff() -> None:
    async def attempt(number: int) -> str:
        if number == 1:
            raise TryAgain("slow down", status=429, asked_s=7.5)
        return "done"

    sleep = Recorder()
    assert run(attempt, sleep) == "done"
    assert sleep.delays == [7.5]


def test_spent_retries_become_the_callers_error() -> None:
    async def attempt(number: int) -> str:
        raise TryAgain("busy", status=503)

    sleep = Recorder()
    with pytest.raises(RuntimeError, match=r"^busy x4 long=False$"):
        run(attempt, sleep)
    assert sleep.delays == [1.0, 2.0, 3.0]  # 1, 2, then 4 capped at 3


def test_a_wait_longer_than_allowed_gives_up_at_once() -> None:
    async def attempt(number: int) -> str:
        raise TryAgain("come back tomorrow", status=429, asked_s=86400)

    sleep = Recorder()
    with pytest.raises(RuntimeError, match=r"x1 long=True$"):
        run(attempt, sleep)
    assert sleep.delays == []


def test_any_other_error_passes_through_untried() -> None:
    calls: list[int] = []

    async def attempt(number: int) -> str:
        calls.append(number)
        raise KeyError("not transient")

    sleep = Recorder()
    with pytest.raises(KeyError):
        run(attempt, sleep)
    assert calls == [1] and sleep.delays == []


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "7"}, 7.0),
        ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),
        ({"retry-after-ms": "soon", "retry-after": "9"}, 9.0),
        (
            {
                "retry-after": "Wed, 21 Oct 2026 07:28:30 GMT",
                "date": "Wed, 21 Oct 2026 07:28:00 GMT",
            },
            30.0,
        ),
        ({"retry-after": "next week"}, None),
        ({}, None),
    ],
)
def test_retry_after_reads_seconds_milliseconds_and_dates(
    headers: dict[str, str], seconds: float | None
) -> None:
    assert retry_after_seconds(httpx2.Headers(headers)) == seconds


def _status_error(status: int, headers: dict[str, str] | None = None) -> openai.APIStatusError:
    request = httpx2.Request("POST", "https://models.example.test/v1/chat/completions")
    response = httpx2.Response(status, headers=headers, request=request)
    return openai.APIStatusError("upstream says no", response=response, body=None)


def _model_call(*failures: Exception) -> Callable[[], Awaitable[str]]:
    queue = list(failures)

    async def call() -> str:
        if queue:
            raise queue.pop(0)
        return "reply"

    return call


def _call_model(call: Callable[[], Awaitable[str]], sleep: Recorder) -> str:
    return asyncio.run(
        call_with_retries(
            call,
            what="labeller",
            policy=POLICY,
            api_errors=(openai.APIError,),
            connection_errors=(openai.APIConnectionError,),
            error=AnalysisError,
            hints={401: "check the key"},
            sleep=sleep,
        )
    )


def test_a_model_call_is_retried_on_a_proxy_error_after_the_asked_wait() -> None:
    sleep = Recorder()
    call = _model_call(_status_error(522, {"retry-after-ms": "250"}), _status_error(503))
    assert _call_model(call, sleep) == "reply"
    assert sleep.delays[0] == 0.25 and len(sleep.delays) == 2


def test_a_refused_model_call_fails_at_once_with_its_hint() -> None:
    sleep = Recorder()
    with pytest.raises(AnalysisError) as caught:
        _call_model(_model_call(_status_error(401)), sleep)
    assert caught.value.one_line() == (
        "labeller failed after 1 attempt(s): HTTP 401: upstream says no (check the key)"
    )
    assert sleep.delays == []
