"""Commands that keep the system running: run, worker, status, doctor, forget, export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from beatwire.cli.app import JsonOption, app, emit, settings, state, store_for

# Each command imports its job when it runs: `beatwire --help` loads none of them.


@app.command()
def run(as_json: JsonOption = False) -> None:
    """Run every stage on its schedule in one process until SIGTERM or Ctrl-C."""
    from beatwire.jobs import schedule  # deferred: every stage

    current = settings()
    emit(schedule.run(store_for(current), current), as_json)


@app.command()
def worker(
    concurrency: Annotated[int, typer.Option(min=1, help="Jobs run at once.")] = 1,
    burst: Annotated[bool, typer.Option(help="Exit once the queue is empty.")] = False,
    periodic: Annotated[bool, typer.Option(help="Also defer the stages on their schedule.")] = True,
    as_json: JsonOption = False,
) -> None:
    """Run a task worker on PostgreSQL (start as many as you like) until SIGTERM or Ctrl-C."""
    from beatwire.jobs.tasks import libpq_url  # deferred: Procrastinate and every stage
    from beatwire.jobs.worker import run_worker

    current = settings()
    libpq_url(current.db)  # refuses SQLite before a database file is opened
    report = run_worker(
        store_for(current), current, concurrency=concurrency, burst=burst, periodic=periodic
    )
    emit(report, as_json)


@app.command()
def status(as_json: JsonOption = False) -> None:
    """Show the last run of each stage, how far behind it is, cursor ages and errors."""
    from beatwire.jobs.status import status as store_status  # deferred: store queries

    current = settings()
    emit(store_status(store_for(current)), as_json)


@app.command()
def doctor(as_json: JsonOption = False) -> None:
    """Check configuration, database, credentials, disk and sources; exit 1 on a failure."""
    from beatwire.jobs.doctor import doctor as check_installation  # deferred: every adapter

    report = check_installation(settings(), config=state.config)
    if as_json:
        emit(report, as_json)
    else:
        for check in report["checks"]:
            typer.echo(f"{check['verdict']:>4}  {check['name']}: {check['detail']}")
        typer.echo(f"doctor: {report['verdict']}")
    if report["verdict"] == "fail":
        raise typer.Exit(1)


@app.command()
def forget(
    author: Annotated[list[str] | None, typer.Option(help="Author handle to forget.")] = None,
    record: Annotated[list[str] | None, typer.Option(help="Record id (or native id).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Remove an author's or a record's data and re-verify every story that cites it."""
    from beatwire.jobs.forget import forget as forget_records  # deferred: the verifier

    if any(not handle.strip().lstrip("@") for handle in author or []):
        raise typer.BadParameter("an author handle cannot be empty", param_hint="--author")
    current = settings()
    store = store_for(current)
    emit(forget_records(store, current, authors=author or [], references=record or []), as_json)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv or jsonl.")],
    out: Annotated[Path, typer.Option(help="Folder to write one file per table.")] = Path("export"),
    hash_authors: Annotated[
        bool, typer.Option(help="Replace handles and names with pseudonyms.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Export records, analyses, signals and stories for research."""
    from beatwire.jobs.export import export as export_store  # deferred: pyarrow

    current = settings()
    emit(export_store(store_for(current), out, fmt, hash_authors=hash_authors), as_json)
