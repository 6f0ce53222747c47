"""Serving the app with uvicorn."""

from __future__ import annotations

import socket
from collections.abc import Callable

import uvicorn

from beatwire.config import Settings
from beatwire.errors import ConfigError
from beatwire.store.engine import Store
from beatwire.web.app import create_app
from beatwire.web.metrics import serve_metrics


def listen(host: str, port: int) -> socket.socket:
    """Return a socket bound to host:port; ConfigError in one line when it cannot be."""
    try:
        return socket.create_server((host, port), family=_family(host))
    except (OSError, OverflowError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ConfigError(f"cannot listen on {host}:{port}: {reason}") from exc


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def serve(settings: Settings, store: Store, announce: Callable[[str], object] = print) -> None:
    """Serve the site and API on the configured host and port until interrupted.

    The socket is bound before `announce` tells where, so a busy or bad port is an
    error, not a "Serving on" line followed by a traceback.
    """
    host, port = settings.web.host, settings.web.port
    sock = listen(host, port)
    if settings.web.metrics_port:
        serve_metrics(store, settings.web.metrics_host, settings.web.metrics_port)
        announce(f"Metrics on http://{settings.web.metrics_host}:{settings.web.metrics_port}/")
    announce(f"Serving on http://{host}:{port}/ (Ctrl-C stops)")
    config = uvicorn.Config(create_app(settings, store), log_level="warning")
    uvicorn.Server(config).run(sockets=[sock])
