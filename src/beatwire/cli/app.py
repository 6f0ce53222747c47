"""The CLI's shared parts: the Typer app, global options, progress, reports, errors.

No logic lives here. Errors from the library arrive as `BeatwireError` and leave
as one line on stderr (`Error: ...`) with exit code 1; a mistyped command or option
prints the usage and one line, with exit code 2.

Nothing heavy is imported at start: `beatwire --help` only needs Typer. The settings,
the store and each command's stage are imported when a command runs.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

# Typer runs its own copy of click: its usage errors are these, not click's.
from typer._click.exceptions import ClickException

from beatwire.errors import BeatwireError
from beatwire.logs import configure_logging
from beatwire.model import StageReport, no_progress

if TYPE_CHECKING:
    from rich.console import Console

    from beatwire.config import Settings
    from beatwire.store.engine import Store

T = TypeVar("T")

app = typer.Typer(
    help="Beatwire: an open, self-hostable automated newsroom about AI discourse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    from beatwire.config import load_settings  # deferred: pydantic-settings is slow to import

    return load_settings(state.config, db=state.db)


def store_for(current: Settings, *, creating: bool = False) -> Store:
    """Return the opened (and migrated) store the settings name.

    Opening a SQLite file that does not exist creates it; when the file was named (--db,
    the environment or beatwire.toml) and the command is not one that creates a database
    (`init`, `demo`), a warning says so first: a mistyped name would otherwise look like
    an empty store.
    """
    from beatwire.config import DEFAULT_DB
    from beatwire.store.engine import open_store, sqlite_file  # deferred: SQLAlchemy loads slowly

    path = sqlite_file(current.db)
    named = current.db != DEFAULT_DB
    if path is not None and named and not path.exists() and not creating:
        stderr().print(
            f"Warning: {path} does not exist: creating a new, empty database "
            "(check --db; `beatwire init` creates one on purpose)",
            markup=False, highlight=False, soft_wrap=True,
        )  # fmt: skip
    return open_store(current.db)


def stderr() -> Console:
    """Return a Rich console on stderr."""
    from rich.console import Console  # deferred: only progress bars and errors need Rich

    return Console(stderr=True)


def progress_for(as_json: bool) -> Any:
    """Return a progress display: a Rich bar on a terminal, nothing otherwise or with --json."""
    if as_json or not sys.stderr.isatty():
        return no_progress
    from rich.progress import (  # deferred: only a terminal shows a bar
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    def show(items: Iterable[T], *, label: str, total: int | None = None) -> Iterator[T]:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, TimeRemainingColumn(), console=stderr(), transient=True) as bar:
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
    """Run the CLI: Beatwire's errors exit 1 with one line, usage errors 2 with the usage."""
    try:
        result = app(standalone_mode=False, prog_name="beatwire")
    except BeatwireError as exc:
        stderr().print(f"Error: {exc.one_line()}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)
    except ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except typer.Abort:
        stderr().print("Aborted.")
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)
