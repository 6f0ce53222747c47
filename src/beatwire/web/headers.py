"""Headers added to every answer, as plain ASGI middleware (no per-request task or copy)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class EditsHeaders:
    """Middleware that edits the headers of each HTTP answer as it starts (`edit`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def edit(self, scope: Scope, headers: MutableHeaders) -> None:
        """Change the answer's headers in place."""
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def edited(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.edit(scope, MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, edited)


class SecurityHeaders(EditsHeaders):
    """Adds the Content-Security-Policy (unless a route set a narrower one) and friends."""

    def edit(self, scope: Scope, headers: MutableHeaders) -> None:
        """Add the policy, nosniff and no-referrer."""
        headers.setdefault("Content-Security-Policy", CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
