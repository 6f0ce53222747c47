"""HEAD answered wherever GET is: the same status and headers, no body.

FastAPI routes declare GET only, and Starlette answers HEAD on them with 405. This
middleware, outermost, runs a HEAD as the GET it mirrors (so caches and headers are
the GET's) and drops the body on the way out.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """Turns a HEAD request into its GET and sends only the GET's status and headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
