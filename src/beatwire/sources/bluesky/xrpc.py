"""Authenticated XRPC: threads and fresh engagement of the Bluesky posts that matter.

An app password (never the account password) opens a session with
com.atproto.server.createSession; app.bsky.feed.getPostThread then returns a
post with its engagement counts, its parents and its replies. Pages carry the
exact response bytes; their cursor is None (a refresh does not advance reading).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from typing import Any

from beatwire.config import Settings
from beatwire.errors import FetchError, SourceError
from beatwire.sources import http
from beatwire.sources.base import Page
from beatwire.sources.bluesky.atproto import PROVIDER

DEFAULT_XRPC = "https://bsky.social/xrpc"
HANDLE_SECRET = "bluesky_handle"
PASSWORD_SECRET = "bluesky_app_password"


def credentials(settings: Settings) -> tuple[str, str] | None:
    """Return (handle, app password) from the secrets, or None when either is missing."""
    secrets = settings.sources.secrets
    handle, password = secrets.get(HANDLE_SECRET), secrets.get(PASSWORD_SECRET)
    if handle is None or password is None:
        return None
    return handle.get_secret_value(), password.get_secret_value()


async def create_session(
    client: Any, settings: Settings, *, base: str = DEFAULT_XRPC, sleep: http.Sleep = asyncio.sleep
) -> str:
    """Return the access token of a new session opened with the configured app password."""
    found = credentials(settings)
    if found is None:
        raise SourceError(
            PROVIDER,
            "threads need an app password",
            hint=f"set sources.secrets.{HANDLE_SECRET} and sources.secrets.{PASSWORD_SECRET}",
        )
    url = f"{base}/com.atproto.server.createSession"
    response = await http.post(
        client,
        PROVIDER,
        url,
        json={"identifier": found[0], "password": found[1]},
        settings=settings,
        sleep=sleep,
    )
    try:
        token = response.json()["accessJwt"]
    except (ValueError, KeyError, TypeError) as exc:
        raise FetchError(PROVIDER, url, "session response without accessJwt") from exc
    if not isinstance(token, str):
        raise FetchError(PROVIDER, url, "session response without accessJwt")
    return token


async def fetch_threads(
    client: Any,
    uris: Iterable[str],
    settings: Settings,
    *,
    depth: int = 6,
    base: str = DEFAULT_XRPC,
    sleep: http.Sleep = asyncio.sleep,
) -> AsyncIterator[Page]:
    """Yield one getPostThread page per post URI, fetched in an authenticated session."""
    token = await create_session(client, settings, base=base, sleep=sleep)
    for uri in uris:
        yield await get_thread(client, uri, token, settings, depth=depth, base=base, sleep=sleep)


async def get_thread(
    client: Any,
    uri: str,
    token: str,
    settings: Settings,
    *,
    depth: int = 6,
    base: str = DEFAULT_XRPC,
    sleep: http.Sleep = asyncio.sleep,
) -> Page:
    """Return the getPostThread page of one post URI, asked with a session's access token."""
    url = f"{base}/app.bsky.feed.getPostThread"
    response = await http.get(
        client,
        PROVIDER,
        url,
        params={"uri": uri, "depth": depth, "parentHeight": depth},
        headers={"Authorization": f"Bearer {token}"},
        settings=settings,
        sleep=sleep,
    )
    return Page(payload=response.content, cursor=None, url=f"{url}?uri={uri}")
