"""Commands that run the pipeline's stages: demo, ingest, analyze, detect, write."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from beatwire.cli.app import JsonOption, app, emit, progress_for, settings, store_for
from beatwire.errors import ConfigError

if TYPE_CHECKING:
    from beatwire.config import Settings
    from beatwire.model import StageReport

# Each command imports its stage when it runs: `beatwire --help` loads none of them.


@app.command()
def demo(
    site: Annotated[Path, typer.Option(help="Where to write the site.")] = Path("site"),
    serve: Annotated[bool, typer.Option("--serve", help="Serve the site afterwards.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Run the whole pipeline on the bundled synthetic sample, then build the site."""
    from beatwire.jobs.demo import run_demo  # deferred: every stage
    from beatwire.web.server import serve as serve_site  # deferred: FastAPI and uvicorn

    current = settings()
    store = store_for(current, creating=True)
    emit(run_demo(store, current, site, progress=progress_for(as_json)), as_json)
    if serve:
        serve_site(current, store, announce=typer.echo)


@app.command()
def init() -> None:
    """Create the database (or bring an existing one's schema up to date)."""
    current = settings()
    store_for(current, creating=True)
    typer.echo(f"init: database ready at {current.db}")


@app.command()
def ingest(
    sources: Annotated[
        list[str] | None, typer.Argument(help="Sources to fetch (default: all enabled).")
    ] = None,
    source: Annotated[str | None, typer.Option(help="The platform of --from-file.")] = None,
    from_file: Annotated[Path | None, typer.Option(help="A saved raw platform payload.")] = None,
    as_of: Annotated[
        str | None, typer.Option(help="When --from-file was fetched (ISO 8601; default now).")
    ] = None,
    replay: Annotated[
        Path | None, typer.Option(help="A manifest of saved payloads: source, path, as_of.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Collect records: live, from a saved raw payload (--from-file), or a manifest (--replay)."""
    from beatwire.jobs.runner import run_by_hand  # deferred: the store
    from beatwire.sources.backfill import fetch_time, ingest_manifest  # deferred: the ingest stage
    from beatwire.sources.ingest import ingest_file, ingest_live  # deferred: the ingest stage
    from beatwire.sources.registry import get_source  # deferred: every platform adapter

    current = settings()
    if (source is None) != (from_file is None):
        raise ConfigError("--source and --from-file go together")
    if replay is not None and (from_file is not None or sources):
        raise ConfigError("--replay takes its sources and files from the manifest")
    if as_of is not None and from_file is None:
        raise ConfigError("--as-of goes with --from-file (a manifest gives each payload's time)")
    fetched = fetch_time(as_of) if as_of is not None else None
    store = store_for(current)
    progress = progress_for(as_json)
    if replay is not None:
        report = run_by_hand(
            store,
            current,
            "ingest",
            lambda: ingest_manifest(
                store, replay, progress=progress, max_chars=current.sources.max_text_chars
            ),
        )
        emit(report, as_json)
        raise typer.Exit(1 if report.figures["failed"] else 0)
    if source is not None and from_file is not None:
        module = get_source(source)
        saved = lambda: ingest_file(store, current, module, from_file, as_of=fetched)  # noqa: E731
        emit(run_by_hand(store, current, "ingest", saved), as_json)
        return
    live = lambda: asyncio.run(ingest_live(store, current, sources or [], progress=progress))  # noqa: E731
    emit(run_by_hand(store, current, "ingest", live), as_json)


@app.command()
def analyze(
    redo: Annotated[bool, typer.Option("--redo", help="Recompute every analysis.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Enrich pending records: language, sentiment, emotion, entities, phrases, beats."""
    current = settings()
    emit(_by_hand(current, "analyze", progress=progress_for(as_json), redo=redo), as_json)


@app.command("analyze-file")
def analyze_file(
    source: Annotated[
        Path, typer.Argument(help='JSON lines: {"id", "text"[, "lang", "platform"]}.')
    ],
    target: Annotated[Path, typer.Argument(help="Where to write one analysis per line.")],
    as_json: JsonOption = False,
) -> None:
    """Analyse a JSON-lines file without a store."""
    from beatwire.analysis import stage as analysis_stage  # deferred: numpy and the models

    current = settings()
    emit(
        analysis_stage.analyze_file(source, target, current, progress=progress_for(as_json)),
        as_json,
    )


@app.command()
def detect(as_json: JsonOption = False) -> None:
    """Find signals in the analysed records."""
    emit(_by_hand(settings(), "detect"), as_json)


@app.command()
def write(
    writer: Annotated[str, typer.Option(help="offline, claude or openai.")] = "offline",
    as_json: JsonOption = False,
) -> None:
    """Write stories for promoted signals."""
    current = settings()
    current.newsroom.writer = writer
    emit(_by_hand(current, "write"), as_json)


def _by_hand(current: Settings, name: str, **options: Any) -> StageReport:
    """Run a stage of the table under its lease, recorded for `beatwire status`."""
    from beatwire.jobs.runner import run_by_hand  # deferred: the table imports the store
    from beatwire.jobs.stages import stage

    store = store_for(current)
    return run_by_hand(store, current, name, lambda: stage(name).run(store, current, **options))
