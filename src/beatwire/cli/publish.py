"""Commands that publish: build-site and serve."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from beatwire.cli.app import JsonOption, app, emit, settings, store_for


@app.command("build-site")
def build_site(
    directory: Annotated[Path, typer.Argument(help="Where to write the static site.")],
    as_json: JsonOption = False,
) -> None:
    """Write the whole site as static files with relative links."""
    from beatwire.web.export import build_site as export_site  # deferred: the web app

    current = settings()
    emit(export_site(store_for(current), current, directory), as_json)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(min=1, max=65535, help="Port to listen on.")] = None,
) -> None:
    """Serve the website and the /v1 API."""
    from beatwire.web.server import serve as serve_site  # deferred: FastAPI and uvicorn

    current = settings()
    current.web.host = host or current.web.host
    current.web.port = port or current.web.port
    serve_site(current, store_for(current), announce=typer.echo)
