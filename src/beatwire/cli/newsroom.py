"""Commands of the newsroom: verify a stored story or a story file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from beatwire.cli.app import app, emit, settings, store_for
from beatwire.errors import ConfigError


@app.command()
def verify(
    story_id: Annotated[str | None, typer.Argument(help="A stored story's id or slug.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="A story JSON: body and citations inline.")
    ] = None,
) -> None:
    """Print the fidelity report of a story as JSON."""
    from beatwire.newsroom.fidelity.story_file import verify_file  # deferred: the verifier
    from beatwire.newsroom.stage import verify_story

    if (story_id is None) == (file is None):
        raise ConfigError("give a STORY_ID or --file STORY.json, not both")
    if file is not None:
        emit(verify_file(file).as_json(), as_json=True)
        return
    current = settings()
    emit(verify_story(store_for(current), current, str(story_id)), as_json=True)
