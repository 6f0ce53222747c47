"""Serving the app with uvicorn."""

from __future__ import annotations

import uvicorn

from beatwire.config import Settings
from beatwire.store.engine import Store
from beatwire.web.app import create_app


def serve(settings: Settings, store: Store) -> None:
    """Serve the site and API on the configured host and port until interrupted."""
    host, port = settings.web.host, settings.web.port
    uvicorn.run(create_app(settings, store), host=host, port=port, log_level="warning")
