"""Commands that read signals and cluster files: `signals`, `cluster-file`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from beatwire.cli.app import JsonOption, app, emit, settings, store_for


@app.command("signals")
def signals_command(
    promoted: Annotated[
        bool, typer.Option("--promoted", help="Only signals made stories.")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, help="At most this many, strongest first.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """List detected signals, strongest first, with their numbers and sentence."""
    from beatwire.signals.listing import signals_listing  # deferred: store queries

    current = settings()
    listing = signals_listing(store_for(current), limit=limit, promoted=promoted)
    if as_json:
        emit(listing, as_json)
        return
    for row in listing["signals"]:
        story = f" [{row['promoted_as']}]" if row["promoted_as"] else ""
        typer.echo(f"{row['window_start'][:10]} {row['kind']}{story}: {row['sentence']}")


@app.command("cluster-file")
def cluster_file(
    source: Annotated[Path, typer.Argument(help='JSON lines: {"id", "text", "time"}.')],
    target: Annotated[Path, typer.Argument(help='Where to write {"id", "narrative"} lines.')],
    embedder: Annotated[str, typer.Option(help="minilm or static.")] = "minilm",
    as_json: JsonOption = False,
) -> None:
    """Cluster a JSON-lines file into narratives without a store (narrative null for noise)."""
    from beatwire.analysis.embedding import build_embedder  # deferred: numpy and onnxruntime
    from beatwire.signals.cluster_file import cluster_file as cluster_file_of  # deferred: igraph

    current = settings()
    report = cluster_file_of(source, target, build_embedder(embedder), current.detect.cluster)
    emit(report, as_json)
