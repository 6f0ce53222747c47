"""Posting deliveries: the signed request, and what the receiver answered.

Each delivery is one POST of its JSON body, signed at the moment it is sent (a retry
carries a fresh timestamp). Only a 2xx answer counts as delivered; redirects are not
followed (a receiver that moved gives its new URL to `beatwire hooks add`).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

import httpx2

from beatwire.config import Settings
from beatwire.hooks.signature import signed_headers
from beatwire.retry import retry_after_seconds
from beatwire.store.deliveries import Due

EVENT_HEADER = "X-Beatwire-Event"
DELIVERY_HEADER = "X-Beatwire-Delivery"
_ERROR_CHARS = 300  # of a receiver's answer kept in the log


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one attempt got: a status code, or an error with none."""

    ok: bool
    status_code: int | None
    error: str | None
    duration_ms: int
    asked_wait_s: float | None = None  # the receiver's Retry-After


def event_name(payload: dict[str, Any]) -> str:
    """Return a payload's X-Beatwire-Event: story.published, story.revised or ping."""
    return "ping" if payload.get("story") is None else f"story.{payload['event']}"


def body_of(due: Due) -> bytes:
    """Return the exact bytes posted (and signed) for `due`."""
    return json.dumps(due.payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


async def post_one(client: httpx2.AsyncClient, due: Due) -> Outcome:
    """Post `due` once and return what happened; never raises for the receiver's failures."""
    body = body_of(due)
    headers = {
        "Content-Type": "application/json",
        EVENT_HEADER: event_name(due.payload),
        DELIVERY_HEADER: str(due.id),
        **signed_headers(due.secret, body, int(time.time())),
    }
    started = time.monotonic()
    try:
        response = await client.post(due.url, content=body, headers=headers)
    except (httpx2.HTTPError, httpx2.InvalidURL) as exc:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return Outcome(False, None, reason, _since(started))
    if 200 <= response.status_code < 300:
        return Outcome(True, response.status_code, None, _since(started))
    said = " ".join(response.text[:_ERROR_CHARS].split())
    return Outcome(
        False,
        response.status_code,
        f"HTTP {response.status_code}" + (f": {said}" if said else ""),
        _since(started),
        retry_after_seconds(response.headers),
    )


def _since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


async def post_all(dues: list[Due], settings: Settings) -> list[Outcome]:
    """Post every delivery, `settings.hooks.concurrency` at a time; return outcomes in order."""
    gate = asyncio.Semaphore(max(1, settings.hooks.concurrency))
    agent = {"User-Agent": settings.http.user_agent}
    timeout = httpx2.Timeout(settings.hooks.timeout_s)
    async with httpx2.AsyncClient(headers=agent, timeout=timeout, follow_redirects=False) as client:

        async def gated(due: Due) -> Outcome:
            async with gate:
                return await post_one(client, due)

        return list(await asyncio.gather(*(gated(due) for due in dues)))
