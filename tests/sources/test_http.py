"""The HTTP seam: limits, Retry-After, bounded retries, error translation."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx2
import pytest

from beatwire import http_client
from beatwire.config import HttpSettings, Settings
from beatwire.errors import FetchError
from beatwire.http_client import make_client
from beatwire.sources import http

URL = "https://api.example.test/items"


def settings(**http_fields: float) -> Settings:
    """Return settings without the host limiter unless asked, so only retry sleeps show."""
    return Settings(http=HttpSettings(**{"per_host_rps": 0, "retries": 3, **http_fields}))


class Recorder:
    """A fake sleep that records the delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def serve(
    *responses: httpx2.Response | Exception,
) -> tuple[httpx2.MockTransport, list[httpx2.Request]]:
    """Return a transport answering with `responses` in turn, and the requests it saw."""
    seen: list[httpx2.Request] = []
    queue = list(responses)

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return httpx2.MockTransport(handler), seen


def run_get(
    transport: httpx2.MockTransport, conf: Settings, sleep: Recorder, **kwargs: object
) -> httpx2.Response:
    async def go() -> httpx2.Response:
        async with make_client(conf, transport=transport) as client:
            return await http.get(
                client, "demo", URL, settings=conf, sleep=sleep, jitter=lambda: 1.0, **kwargs
            )

    return asyncio.run(go())


def test_retry_after_seconds_is_honoured() -> None:
    transport, seen = serve(
        httpx2.Response(429, headers={"Retry-After": "7"}), httpx2.Response(200, text="ok")
    )
    sleep = Recorder()
    response = run_get(transport, settings(), sleep)
    assert response.text == "ok"
    assert sleep.delays == [7.0]
    assert len(seen) == 2


def test_retry_after_http_date_is_measured_from_the_server_clock() -> None:
    headers = {
        "Retry-After": "Wed, 21 Oct 2026 07:28:30 GMT",
        "Date": "Wed, 21 Oct 2026 07:28:00 GMT",
    }
    transport, _ = serve(httpx2.Response(429, headers=headers), httpx2.Response(200))
    sleep = Recorder()
    run_get(transport, settings(), sleep)
    assert sleep.delays == [30.0]


def test_retry_after_beyond_the_bound_gives_up_at_once_with_the_delay() -> None:
    transport, seen = serve(httpx2.Response(429, headers={"Retry-After": "3600"}))
    sleep = Recorder()
    with pytest.raises(FetchError) as caught:
        run_get(transport, settings(max_backoff_s=60), sleep)
    assert caught.value.status == 429
    assert caught.value.retry_after == 3600.0
    assert sleep.delays == []
    assert len(seen) == 1


def test_server_errors_are_retried_with_bounded_exponential_backoff() -> None:
    transport, seen = serve(*[httpx2.Response(503) for _ in range(4)])
    sleep = Recorder()
    with pytest.raises(FetchError) as caught:
        run_get(transport, settings(backoff_s=1, max_backoff_s=3), sleep)
    assert caught.value.status == 503
    assert sleep.delays == [1.0, 2.0, 3.0]  # 1, 2, then 4 capped at 3
    assert len(seen) == 4


@pytest.mark.parametrize("status", [408, 520, 529])
def test_every_status_of_the_one_policy_is_retried(status: int) -> None:
    transport, seen = serve(httpx2.Response(status), httpx2.Response(200, text="later"))
    sleep = Recorder()
    assert run_get(transport, settings(), sleep).text == "later"
    assert len(seen) == 2 and sleep.delays == [1.0]


def test_a_server_error_then_success_returns_the_success() -> None:
    transport, _ = serve(httpx2.Response(502), httpx2.Response(200, text="fine"))
    sleep = Recorder()
    assert run_get(transport, settings(), sleep).text == "fine"
    assert sleep.delays == [1.0]


def test_timeouts_are_retried_then_become_a_fetch_error() -> None:
    transport, seen = serve(*[httpx2.ReadTimeout("slow") for _ in range(4)])
    sleep = Recorder()
    with pytest.raises(FetchError) as caught:
        run_get(transport, settings(), sleep)
    assert "ReadTimeout" in caught.value.reason
    assert not isinstance(caught.value, httpx2.HTTPError)
    assert len(seen) == 4
    assert len(sleep.delays) == 3


def test_connect_error_then_success_is_retried() -> None:
    transport, _ = serve(httpx2.ConnectError("refused"), httpx2.Response(200, text="back"))
    assert run_get(transport, settings(), Recorder()).text == "back"


def test_not_found_is_not_retried() -> None:
    transport, seen = serve(httpx2.Response(404, text="no such thing"))
    sleep = Recorder()
    with pytest.raises(FetchError) as caught:
        run_get(transport, settings(), sleep)
    assert caught.value.status == 404
    assert "no such thing" in caught.value.reason
    assert len(seen) == 1 and sleep.delays == []


def test_accepted_status_is_returned_to_the_caller() -> None:
    transport, _ = serve(httpx2.Response(400, text="bad query"))
    response = run_get(transport, settings(), Recorder(), accept=(400,))
    assert response.status_code == 400


def test_not_modified_is_returned_to_the_caller() -> None:
    transport, _ = serve(httpx2.Response(304))
    assert run_get(transport, settings(), Recorder()).status_code == 304


def test_client_sends_a_user_agent_with_the_contact() -> None:
    transport, seen = serve(httpx2.Response(200))
    conf = Settings(http=HttpSettings(per_host_rps=0, contact="ops@newsroom.test"))
    run_get(transport, conf, Recorder())
    agent = seen[0].headers["user-agent"]
    assert agent.startswith("Beatwire/")
    assert "ops@newsroom.test" in agent


def test_post_sends_form_and_basic_auth() -> None:
    transport, seen = serve(httpx2.Response(200, json={"ok": True}))
    conf = settings()

    async def go() -> httpx2.Response:
        async with make_client(conf, transport=transport) as client:
            return await http.post(
                client, "demo", URL, data={"grant_type": "x"}, auth=("id", "pw"), settings=conf
            )

    assert asyncio.run(go()).json() == {"ok": True}
    assert seen[0].method == "POST"
    assert seen[0].content == b"grant_type=x"
    assert seen[0].headers["authorization"].startswith("Basic ")


def fake_clock(times: list[float]) -> Callable[[], float]:
    return lambda: times[0]


def test_host_limiter_spaces_requests_to_one_host_only() -> None:
    now = [100.0]
    limiter = http_client.HostLimiter(2.0, clock=fake_clock(now))
    sleep = Recorder()

    async def go() -> list[float]:
        first = await limiter.wait("https://a.test/1", sleep=sleep)
        second = await limiter.wait("https://a.test/2", sleep=sleep)
        other = await limiter.wait("https://b.test/1", sleep=sleep)
        now[0] += 10
        later = await limiter.wait("https://a.test/3", sleep=sleep)
        return [first, second, other, later]

    assert asyncio.run(go()) == [0.0, 0.5, 0.0, 0.0]
    assert sleep.delays == [0.5]


def test_make_client_attaches_a_limiter_from_settings() -> None:
    conf = Settings(http=HttpSettings(per_host_rps=4))
    client = make_client(conf)
    limiter = http_client.limiter_for(client)
    assert limiter is not None and limiter.interval == 0.25
    asyncio.run(client.aclose())


def test_credentials_echoed_by_a_server_are_redacted_from_the_error() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(401, text=f"refused {request.content.decode()}")

    async def run() -> None:
        current = settings(retries=0)
        async with make_client(current, transport=httpx2.MockTransport(handler)) as client:
            await http.post(
                client,
                "bluesky",
                "https://pds.example/xrpc/com.atproto.server.createSession",
                json={"identifier": "desk.example", "password": "pw-aaaa-bbbb"},
                settings=current,
            )

    with pytest.raises(FetchError) as caught:
        asyncio.run(run())
    assert "pw-aaaa-bbbb" not in caught.value.one_line()
    assert "desk.example" in caught.value.one_line() and "[redacted]" in caught.value.one_line()


def test_sent_secrets_take_the_token_out_of_an_authorization_header() -> None:
    headers = [{"Authorization": "Bearer tok-123456"}]
    found = http.sent_secrets(Settings(), headers, None, None, None)
    assert found == ["Bearer tok-123456", "tok-123456"]
    assert http.redact("bad token tok-123456", found) == "bad token [redacted]"
