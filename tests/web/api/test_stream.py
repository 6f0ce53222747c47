"""GET /v1/stream: Server-Sent Events of new rows, resumable, one open stream per key."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx2
import pytest
import uvicorn
from fastapi import FastAPI

from beatwire.config import Settings
from beatwire.model import Record
from beatwire.store.engine import Store
from beatwire.store.keys import create_key
from beatwire.store.records import upsert_records

pytestmark = pytest.mark.anyio


def a_record(n: int) -> Record:
    moment = datetime(2026, 11, 20, 12, n, tzinfo=UTC)
    return Record("bluesky", f"s{n}", "post", f"streamed post {n}", moment, moment)


def add_records(store: Store, *numbers: int) -> None:
    with store.begin() as conn:
        upsert_records(conn, [a_record(n) for n in numbers])


def parse_events(text: str) -> list[dict[str, str]]:
    """Return the events of an SSE body (comments and the retry hint left out)."""
    events = []
    for block in text.split("\n\n"):
        fields = dict(
            line.split(": ", 1) for line in block.splitlines() if not line.startswith(":")
        )
        if "event" in fields:
            events.append(fields)
    return events


@pytest.fixture
def stream_app(settings: Settings, store: Store, app_factory) -> FastAPI:
    """The app on an empty store of its own, polling often and sending heartbeats often."""
    settings.api.stream_poll_s = 0.01
    settings.api.stream_heartbeat_s = 0.05
    return app_factory(settings, store)


@pytest.fixture
def stream_token(store: Store) -> tuple[int, str]:
    """A stream-only key on the test's store: (id, token)."""
    with store.begin() as conn:
        new = create_key(conn, name="streamer", scopes=("stream",), rpm=1000)
    return new.key.id, new.token


def mounted_state(app: FastAPI):
    return next(r for r in app.routes if getattr(r, "path", None) == "/v1").app.state.api


async def until(condition, tries: int = 500) -> None:
    """Yield to the loop until `condition()` holds (a wait for an event, not a timing check)."""
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never held")


async def test_sends_new_records_then_ends_at_max_events(
    stream_app: FastAPI, store: Store, stream_token: tuple[int, str]
) -> None:
    key_id, token = stream_token
    add_records(store, 1)  # before the stream: not sent
    transport = httpx2.ASGITransport(app=stream_app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://t") as http:
        request = http.get("/v1/stream", params={"max_events": 2}, headers={"X-API-Key": token})
        task = asyncio.ensure_future(request)
        await until(lambda: mounted_state(stream_app).streams.is_open(key_id))
        add_records(store, 2, 3)
        response = await task
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_events(response.text)
    assert [e["event"] for e in events] == ["record", "record"]
    assert [e["data"].count("streamed post") for e in events] == [1, 1]
    assert not mounted_state(stream_app).streams.is_open(key_id)


async def test_a_second_stream_of_one_key_is_429(
    stream_app: FastAPI, store: Store, stream_token: tuple[int, str]
) -> None:
    key_id, token = stream_token
    headers = {"X-API-Key": token}
    transport = httpx2.ASGITransport(app=stream_app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://t") as http:
        first = asyncio.ensure_future(http.get("/v1/stream?max_events=1", headers=headers))
        await until(lambda: mounted_state(stream_app).streams.is_open(key_id))
        second = await http.get("/v1/stream?max_events=1", headers=headers)
        add_records(store, 4)
        await first
    assert second.status_code == 429 and "retry-after" in second.headers


async def test_last_event_id_resumes_after_it(
    stream_app: FastAPI, store: Store, stream_token: tuple[int, str]
) -> None:
    _, token = stream_token
    transport = httpx2.ASGITransport(app=stream_app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://t") as http:
        task = asyncio.ensure_future(
            http.get("/v1/stream?max_events=1", headers={"X-API-Key": token})
        )
        await until(lambda: mounted_state(stream_app).streams.is_open(stream_token[0]))
        add_records(store, 5, 6, 7)
        first = parse_events((await task).text)
        resumed = await http.get(
            "/v1/stream?max_events=2",
            headers={"X-API-Key": token, "Last-Event-ID": first[0]["id"]},
        )
    texts = [e["data"] for e in parse_events(resumed.text)]
    assert "streamed post 5" in first[0]["data"]
    assert ["streamed post 6" in texts[0], "streamed post 7" in texts[1]] == [True, True]


async def test_a_bad_last_event_id_is_400(stream_app: FastAPI, stream_token) -> None:
    transport = httpx2.ASGITransport(app=stream_app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://t") as http:
        response = await http.get(
            "/v1/stream", headers={"X-API-Key": stream_token[1], "Last-Event-ID": "garbage"}
        )
    assert response.status_code == 400


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(stream_app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn on loopback, in a thread: its base URL."""
    port = free_port()
    config = uvicorn.Config(stream_app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        threading.Event().wait(0.01)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


async def test_over_http_heartbeats_flow_and_closing_frees_the_slot(
    server: str, stream_app: FastAPI, store: Store, stream_token: tuple[int, str]
) -> None:
    key_id, token = stream_token
    async with httpx2.AsyncClient(base_url=server, timeout=10) as http:
        async with http.stream("GET", "/v1/stream", headers={"X-API-Key": token}) as response:
            lines = response.aiter_lines()
            seen: list[str] = []
            while ": keep-alive" not in seen:
                seen.append(await anext(lines))
            add_records(store, 8)
            while not any(line.startswith("event: record") for line in seen):
                seen.append(await anext(lines))
        await until(lambda: not mounted_state(stream_app).streams.is_open(key_id))
        again = await http.get("/v1/stream?max_events=1&timeout=0.2", headers={"X-API-Key": token})
    assert again.status_code == 200
