"""The CLI's shared parts: the Typer app, global options, progress, reports, errors.

No logic lives here. Errors from the library arrive as `BeatwireError` and leave
as one line on stderr (`Error: ...`) with exit code 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from beatwire.config import Settings, load_settings
from beatwire.errors import BeatwireError
from beatwire.logs import configure_logging
from beatwire.model import StageReport, no_progress
from beatwire.store.engine import Store, open_store

T = TypeVar("T")

app = typer.Typer(
    help="Beatwire: an open, self-hostable automated newsroom about AI discourse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_err = Console(stderr=True)


class _State:
    db: str | None = None
    config: Path | None = None
    verbose: bool = False


state = _State()

JsonOption = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]


@app.callback()
def main_options(
    db: Annotated[
        str | None, typer.Option(help="Database URL (default sqlite:///beatwire.db).")
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="Configuration file (default ./beatwire.toml).")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
    log_json: Annotated[
        bool, typer.Option("--log-json", help="Write logs as one JSON object per line.")
    ] = False,
) -> None:
    """Global options shared by every command."""
    state.db, state.config, state.verbose = db, config, verbose
    configure_logging(verbose=verbose, as_json=log_json)


def settings() -> Settings:
    """Return the settings of this invocation (file, environment and --db)."""
    return load_settings(state.config, db=state.db)


def store_for(current: Settings) -> Store:
    """Return the opened (and migrated) store the settings name."""
    return open_store(current.db)


def progress_for(as_json: bool) -> Any:
    """Return a progress display: a Rich bar on a terminal, nothing otherwise or with --json."""
    if as_json or not sys.stderr.isatty():
        return no_progress

    def show(items: Iterable[T], *, label: str, total: int | None = None) -> Iterator[T]:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, TimeRemainingColumn(), console=_err, transient=True) as bar:
            yield from bar.track(items, description=label, total=total)

    return show


def emit(report: StageReport | dict[str, Any], as_json: bool) -> None:
    """Print a report: JSON with --json, otherwise one readable line per figure."""
    data = report.as_dict() if isinstance(report, StageReport) else report
    if as_json:
        typer.echo(json.dumps(data, default=str, indent=2))
        return
    stage = data.get("stage", "")
    figures = ", ".join(f"{k}={v}" for k, v in data.items() if k not in ("stage", "notes"))
    typer.echo(f"{stage}: {figures}" if stage else figures)
    for note in data.get("notes", []):
        typer.echo(f"  {note}")


def main() -> None:
    """Run the CLI, turning Beatwire's errors into one line and exit code 1."""
    try:
        result = app(standalone_mode=False)
    except BeatwireError as exc:
        _err.print(f"Error: {exc.one_line()}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        _err.print("Aborted.")
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)
