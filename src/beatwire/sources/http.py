"""The one HTTP seam of every source: client factory, polite limits, retries.

Adapters never build clients or catch httpx2 errors themselves: they call
`get`/`post`, which wait for the per-host limiter, retry what the one retry
policy (beatwire/retry.py) calls transient (its statuses, timeouts and
transport errors), honouring Retry-After, and translate every failure into
`FetchError`. Sleeping goes through an injectable `sleep` so tests record the
delays instead of waiting.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Collection, Mapping
from typing import Any, TypedDict, Unpack

import httpx2

from beatwire.config import Settings
from beatwire.errors import FetchError
from beatwire.http_client import HostLimiter, limiter_for
from beatwire.retry import (
    RETRY_STATUSES,
    Jitter,
    RetryPolicy,
    Sleep,
    Spent,
    TryAgain,
    retry_after_seconds,
    with_retries,
)

# Transport failures that a later attempt may not meet again.
_TRANSIENT = (httpx2.TimeoutException, httpx2.NetworkError, httpx2.RemoteProtocolError)


class RequestOptions(TypedDict, total=False):
    """The keywords `get` and `post` pass on to `request` unchanged."""

    headers: Mapping[str, str] | None
    limiter: HostLimiter | None
    sleep: Sleep
    accept: Collection[int]
    jitter: Jitter


async def get(
    client: httpx2.AsyncClient,
    provider: str,
    url: str,
    *,
    settings: Settings,
    params: Mapping[str, Any] | None = None,
    **options: Unpack[RequestOptions],
) -> httpx2.Response:
    """Return the response of a GET (2xx, 304 or a status in `accept`), or raise FetchError."""
    return await request(client, "GET", provider, url, settings=settings, params=params, **options)


async def post(
    client: httpx2.AsyncClient,
    provider: str,
    url: str,
    *,
    settings: Settings,
    data: Mapping[str, str] | None = None,
    json: Any = None,
    auth: tuple[str, str] | None = None,
    **options: Unpack[RequestOptions],
) -> httpx2.Response:
    """Return the response of a form or JSON POST (an OAuth or XRPC session request)."""
    return await request(
        client, "POST", provider, url, settings=settings, data=data, json=json, auth=auth, **options
    )


async def request(
    client: httpx2.AsyncClient,
    method: str,
    provider: str,
    url: str,
    *,
    settings: Settings,
    params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    data: Mapping[str, str] | None = None,
    json: Any = None,
    auth: tuple[str, str] | None = None,
    limiter: HostLimiter | None = None,
    sleep: Sleep = asyncio.sleep,
    accept: Collection[int] = (),
    jitter: Jitter = random.random,
) -> httpx2.Response:
    """Send one request with limits and retries; return the usable response or raise FetchError."""
    limiter = limiter if limiter is not None else limiter_for(client)
    secrets = sent_secrets(settings, [client.headers, headers or {}], auth, data, json)

    async def attempt(number: int) -> httpx2.Response:
        if limiter is not None:
            await limiter.wait(url, sleep=sleep)
        try:
            response = await client.request(
                method, url, params=params, headers=headers, data=data, json=json, auth=auth
            )
        except _TRANSIENT as exc:
            raise TryAgain(redact(_describe(exc), secrets)) from exc
        except (httpx2.HTTPError, httpx2.InvalidURL) as exc:
            raise FetchError(provider, url, redact(_describe(exc), secrets)) from exc
        status = response.status_code
        if status in RETRY_STATUSES:
            asked = retry_after_seconds(response.headers)
            raise TryAgain(f"HTTP {status}", status=status, asked_s=asked)
        return _checked(response, provider, url, accept, secrets)

    return await with_retries(
        attempt,
        policy=RetryPolicy.for_fetching(settings),
        give_up=lambda spent: _spent_error(provider, url, spent),
        label=f"{provider} {url}",
        sleep=sleep,
        jitter=jitter,
    )


def _spent_error(provider: str, url: str, spent: Spent) -> FetchError:
    """Return the FetchError of a request whose retries ended."""
    last = spent.last
    if spent.too_long:
        # Waiting longer than our bound would stall every source: give up, say when to return.
        return FetchError(
            provider, url, "rate limited", status=last.status, retry_after=last.asked_s
        )
    if last.status is None:  # a transport failure, already redacted
        return FetchError(provider, url, f"{last.reason} after {spent.attempts} attempts")
    reason = "rate limited" if last.status == 429 else "server error"
    return FetchError(
        provider,
        url,
        f"{reason} after {spent.attempts} attempts",
        status=last.status,
        retry_after=last.asked_s,
    )


def _checked(
    response: httpx2.Response,
    provider: str,
    url: str,
    accept: Collection[int],
    secrets: Collection[str] = (),
) -> httpx2.Response:
    """Return `response` when usable (2xx, 304, accepted); raise FetchError otherwise."""
    status = response.status_code
    if 200 <= status < 300 or status == 304 or status in accept:
        return response
    # Some servers echo the credential they refuse: an error message must not carry it.
    raise FetchError(provider, url, redact(_body_hint(response), secrets), status=status)


_SECRET_HEADERS = ("authorization", "x-goog-api-key", "x-api-key", "cookie")
_SECRET_FIELDS = ("password", "client_secret", "token", "access_token", "refresh_token")


def sent_secrets(
    settings: Settings,
    headers: Collection[Mapping[str, str]],
    auth: tuple[str, str] | None,
    data: Mapping[str, str] | None,
    json: Any,
) -> list[str]:
    """Return every credential a request carries: configured secrets, auth headers, passwords."""
    found = [secret.get_secret_value() for secret in settings.sources.secrets.values()]
    for mapping in headers:
        for name, value in mapping.items():
            if name.lower() in _SECRET_HEADERS:
                found += [value, value.partition(" ")[2]]  # "Bearer TOKEN": the token alone too
    if auth is not None:
        found.append(auth[1])
    for fields in (data, json):
        if isinstance(fields, Mapping):
            found += [str(v) for k, v in fields.items() if str(k).lower() in _SECRET_FIELDS]
    # Longest first, so a token inside a longer header value is not half-replaced.
    return sorted({value for value in found if len(value) >= 4}, key=len, reverse=True)


def redact(text: str, secrets: Collection[str]) -> str:
    """Return `text` with every secret in `secrets` replaced by a marker."""
    for secret in secrets:
        text = text.replace(secret, "[redacted]")
    return text


def _body_hint(response: httpx2.Response) -> str:
    """Return a short, single-line reason taken from an error response."""
    phrase = response.reason_phrase or "unexpected status"
    text = " ".join(response.text[:300].split()) if response.content else ""
    return f"{phrase}: {text[:200]}" if text else phrase


def _describe(exc: Exception) -> str:
    """Return the error's class and message on one line."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
