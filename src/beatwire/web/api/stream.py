"""/v1/stream: Server-Sent Events of new records, signals and stories. Needs `stream`.

The stream polls the store (every `api.stream_poll_s`) for rows newer than the
position it has sent, so it works the same on SQLite and PostgreSQL and with
stages running in other processes. Each event's id is the position after it:
a client that reconnects with `Last-Event-ID` resumes where it stopped. A
comment line goes out when nothing else has for `api.stream_heartbeat_s`.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import datetime
from typing import Annotated

import anyio
from fastapi import APIRouter, Header, Query
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from beatwire.store.stream import (
    StreamPosition,
    current_position,
    records_after,
    signals_after,
    stories_after,
)
from beatwire.web.api.convert import record_summary, signal_public, story_summary
from beatwire.web.api.deps import ApiKeyDep, ApiState, ApiStateDep, scoped
from beatwire.web.api.pagination import decode_cursor, encode_cursor

router = APIRouter(tags=["stream"], dependencies=[scoped("stream")])

_POSITION_TYPES = (int, datetime, str, datetime, str)
Event = tuple[str, StreamPosition, str]


class EventStreamResponse(StreamingResponse):
    """A text/event-stream response that calls `on_close` however the stream ends."""

    media_type = "text/event-stream"

    def __init__(self, content: AsyncIterator[str], on_close: Callable[[], None]) -> None:
        super().__init__(content, headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
        self.on_close = on_close

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.on_close()


def _position_id(position: StreamPosition) -> str:
    return encode_cursor(
        "stream",
        (
            position.record_id,
            position.signal_at,
            position.signal_id,
            position.story_at,
            position.story_id,
        ),
    )


def _poll(api: ApiState, position: StreamPosition) -> list[Event]:
    """Return the events after `position`, each with the position after it."""
    batch = api.settings.api.stream_batch
    events: list[Event] = []
    with api.store.read() as conn:
        for row in records_after(conn, position.record_id, batch):
            position = replace(position, record_id=row["id"])
            events.append(("record", position, record_summary(row).model_dump_json()))
        for row in signals_after(conn, position.signal_at, position.signal_id, batch):
            position = replace(position, signal_at=row["created_at"], signal_id=row["id"])
            events.append(("signal", position, signal_public(row).model_dump_json()))
        for row in stories_after(conn, position.story_at, position.story_id, batch):
            position = replace(position, story_at=row["updated_at"], story_id=row["id"])
            events.append(("story", position, story_summary(row).model_dump_json()))
    return events


def _frame(name: str, position: StreamPosition, data: str) -> str:
    return f"id: {_position_id(position)}\nevent: {name}\ndata: {data}\n\n"


async def _events(
    api: ApiState, position: StreamPosition, *, max_events: int | None, timeout: float | None
) -> AsyncIterator[str]:
    """Yield SSE frames until `max_events` were sent, `timeout` passed, or the client left."""
    settings = api.settings.api
    started = last_write = time.monotonic()
    sent = 0
    yield "retry: 5000\n\n"
    while True:
        events = await anyio.to_thread.run_sync(_poll, api, position)
        for name, position, data in events:
            yield _frame(name, position, data)
            sent += 1
            if max_events is not None and sent >= max_events:
                return
        now = time.monotonic()
        if events:
            last_write = now
        elif now - last_write >= settings.stream_heartbeat_s:
            yield ": keep-alive\n\n"
            last_write = now
        if timeout is not None and now - started >= timeout:
            return
        await anyio.sleep(settings.stream_poll_s)


def _start(api: ApiState, last_event_id: str | None) -> StreamPosition:
    values = decode_cursor(last_event_id, "stream", _POSITION_TYPES)
    if values is not None:
        return StreamPosition(*values)
    with api.store.read() as conn:
        return current_position(conn, api.now())


@router.get(
    "/stream",
    response_class=EventStreamResponse,
    status_code=200,
    responses={
        200: {
            "description": "Events `record`, `signal` and `story`, each `data` a JSON object "
            "(RecordSummary, SignalPublic, StorySummary); comment lines keep the connection alive.",
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
        }
    },
)
async def stream(
    api: ApiStateDep,
    key: ApiKeyDep,
    max_events: Annotated[
        int | None, Query(ge=1, le=100_000, description="End after this many events.")
    ] = None,
    timeout: Annotated[
        float | None, Query(gt=0, le=86_400, description="End after this many seconds.")
    ] = None,
    last_event_id: Annotated[
        str | None,
        Header(max_length=512, description="Resume after this event id (sent by EventSource)."),
    ] = None,
) -> EventStreamResponse:
    """New records, signals and stories as Server-Sent Events; one open stream per key."""
    position = await anyio.to_thread.run_sync(_start, api, last_event_id)
    api.streams.acquire(key.id)
    frames = _events(api, position, max_events=max_events, timeout=timeout)
    return EventStreamResponse(frames, on_close=lambda: api.streams.release(key.id))
