"""A webhook receiver on loopback, as a subscriber would write one: it checks the signature.

It answers 401 to a request whose signature does not verify with its secret, else the
next status of `statuses` (200 once they run out), and keeps every request it got.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from beatwire.hooks.signature import verify_signature


@dataclass
class Received:
    """One request the receiver got, and whether its signature verified."""

    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool


@dataclass
class Receiver:
    """What the receiver was told and what it answers."""

    secret: str
    statuses: list[int] = field(default_factory=list)
    got: list[Received] = field(default_factory=list)


def free_port() -> int:
    """Return a loopback port nothing listens on (so a POST to it is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def receiving(state: Receiver, port: int = 0) -> Iterator[str]:
    """Serve `state` on loopback (on `port` if given) and yield its URL; stop on exit."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = dict(self.headers.items())
            verified = verify_signature(state.secret, body, headers)
            state.got.append(Received(self.path, headers, body, verified))
            status = (state.statuses.pop(0) if state.statuses else 200) if verified else 401
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"ok" if status < 300 else b"not today")

        def log_message(self, format: str, *args: object) -> None:  # quiet in tests
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
