"""Fixtures of the site's tests: one seeded store per session, the app in process, a live server
on loopback and Debian's chromium driven by Playwright."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
import uvicorn

from beatwire.config import Settings, load_settings
from beatwire.store.engine import Store, open_store
from beatwire.web.app import create_app
from tests.web.site_builders import seed_site

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def site_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, Any]]]:
    """A store holding the demo corpus, hostile records, signals, narratives and stories."""
    url = f"sqlite:///{tmp_path_factory.mktemp('site') / 'site.db'}"
    store = open_store(url)
    seeded = seed_site(store)
    yield store, seeded
    store.close()


@pytest.fixture(scope="session")
def site_settings(site_store: tuple[Store, dict[str, Any]]) -> Settings:
    """Settings of the site's tests; the page cache is off so every request renders."""
    store, _ = site_store
    settings = load_settings(None, db=str(store.engine.url))
    settings.web.page_cache_s = 0
    return settings


@pytest.fixture(scope="session")
def seeded(site_store: tuple[Store, dict[str, Any]]) -> dict[str, Any]:
    """The ids the seeded store holds."""
    return site_store[1]


@pytest.fixture(scope="session")
def client(live_url: str) -> Iterator[httpx2.Client]:
    """A client of the app served on loopback (httpx2's ASGI transport is async only)."""
    with httpx2.Client(base_url=live_url, timeout=60) as http:
        yield http


@pytest.fixture(scope="session")
def live_url(site_store: tuple[Store, dict[str, Any]], site_settings: Settings) -> Iterator[str]:
    """The base URL of the app served by uvicorn on a loopback port of its own."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)  # listening before the thread starts: no wait for the server needed
    config = uvicorn.Config(create_app(site_settings, site_store[0]), log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, driven by Playwright (never a downloaded browser).

    Module-scoped: Playwright's sync API keeps an event loop running while it is open,
    which would break the asyncio.run() of tests that come after the browser tests.
    """
    if not CHROMIUM.exists():
        pytest.fail("chromium is missing: apt-get install -y chromium (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder screenshots are saved in as test artifacts."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
