"""Commands that manage webhooks: hooks add, list, remove, log and deliver."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from beatwire.cli.app import JsonOption, app, emit, settings, store_for

if TYPE_CHECKING:
    from beatwire.store.hooks import Hook

hooks_app = typer.Typer(
    help="Webhooks: a signed POST when a followed story is published or revised.",
    no_args_is_help=True,
)
app.add_typer(hooks_app, name="hooks")


def _several(what: str) -> Any:
    return typer.Option(
        help=f"A {what} to follow (repeat the option for several).", show_default=False
    )


def _described(hook: Hook) -> dict[str, Any]:
    return {
        "id": hook.id,
        "url": hook.url,
        "beats": list(hook.beats),
        "entities": list(hook.entities),
        "narratives": list(hook.narratives),
        "min_score": hook.min_score,
        "created_at": hook.created_at.isoformat(),
    }


def _filters(hook: Hook) -> str:
    parts = [
        f"{name}={','.join(values)}"
        for name, values in (
            ("beat", hook.beats),
            ("entity", hook.entities),
            ("narrative", hook.narratives),
        )
        if values
    ]
    if hook.min_score is not None:
        parts.append(f"min-score={hook.min_score:g}")
    return " ".join(parts) or "every story"


@hooks_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="Where to POST: an http:// or https:// URL.")],
    beat: Annotated[list[str] | None, _several("beat slug")] = None,
    entity: Annotated[list[str] | None, _several("entity slug")] = None,
    narrative: Annotated[list[str] | None, _several("narrative id")] = None,
    min_score: Annotated[
        float | None, typer.Option(help="Only stories whose signal scored at least this.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Add a hook (--beat, --entity, --narrative repeat) and print its signing secret once."""
    from beatwire.store.hooks import create_hook  # deferred: SQLAlchemy

    with store_for(settings()).begin() as conn:
        new = create_hook(
            conn,
            url=url,
            beats=beat or (),
            entities=entity or (),
            narratives=narrative or (),
            min_score=min_score,
        )
    if as_json:
        emit({**_described(new.hook), "secret": new.secret}, as_json)
        return
    typer.echo(new.secret)
    typer.echo(
        f"Hook {new.hook.id} posts to {new.hook.url} for {_filters(new.hook)}. "
        "Store the secret now: it cannot be shown again.",
        err=True,
    )


@hooks_app.command("list")
def list_(as_json: JsonOption = False) -> None:
    """List every hook and what it follows (never its secret)."""
    from beatwire.store.hooks import list_hooks  # deferred: SQLAlchemy

    with store_for(settings()).read() as conn:
        hooks = list_hooks(conn)
    if as_json:
        emit({"hooks": [_described(hook) for hook in hooks]}, as_json)
        return
    for hook in hooks:
        typer.echo(f"{hook.id}\t{hook.url}\t{_filters(hook)}\tsince {hook.created_at:%Y-%m-%d}")


@hooks_app.command("remove")
def remove(
    ident: Annotated[str, typer.Argument(help="The hook's id.")],
    as_json: JsonOption = False,
) -> None:
    """Remove a hook with its pending deliveries and its log."""
    from beatwire.store.hooks import remove_hook  # deferred: SQLAlchemy

    with store_for(settings()).begin() as conn:
        hook = remove_hook(conn, ident)
    emit({"removed": hook.id, "url": hook.url}, as_json)


@hooks_app.command("log")
def log(
    hook: Annotated[int | None, typer.Option(help="Only this hook's deliveries.")] = None,
    limit: Annotated[int, typer.Option(help="How many deliveries, newest first.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Show the newest deliveries: status, and each attempt's time, status code and error."""
    from beatwire.store.deliveries import delivery_log  # deferred: SQLAlchemy

    with store_for(settings()).read() as conn:
        rows = delivery_log(conn, hook_id=hook, limit=limit)
    if as_json:
        emit({"deliveries": rows}, as_json)
        return
    for row in rows:
        typer.echo(
            f"{row['id']}\thook {row['hook_id']}\t{row['story_id']} v{row['version']} "
            f"{row['event']}\t{row['status']} after {row['attempts']} attempt(s)"
        )
        for attempt in row["attempts_log"]:
            answer = f"HTTP {attempt['status_code']}" if attempt["status_code"] else "no answer"
            error = f"\t{attempt['error']}" if attempt["error"] else ""
            typer.echo(
                f"  #{attempt['number']}\t{attempt['at']:%Y-%m-%d %H:%M:%S}\t{answer}{error}"
            )


@hooks_app.command("ping")
def ping(
    ident: Annotated[str, typer.Argument(help="The hook's id.")],
    as_json: JsonOption = False,
) -> None:
    """Send the hook a signed ping once, to check the receiver; exit 1 unless it answers 2xx."""
    from beatwire.hooks.ping import send_ping  # deferred: httpx2 and SQLAlchemy

    current = settings()
    outcome = send_ping(store_for(current), current, ident)
    answer = {"ok": outcome.ok, "status_code": outcome.status_code, "error": outcome.error}
    emit({**answer, "duration_ms": outcome.duration_ms}, as_json)
    if not outcome.ok:
        raise typer.Exit(1)


@hooks_app.command("deliver")
def deliver(as_json: JsonOption = False) -> None:
    """Queue what the hooks follow and send what is due, once (`beatwire run` repeats it)."""
    from beatwire.jobs.runner import run_by_hand  # deferred: the table imports the store
    from beatwire.jobs.stages import stage

    current = settings()
    store = store_for(current)
    emit(run_by_hand(store, current, "hooks", lambda: stage("hooks").run(store, current)), as_json)
