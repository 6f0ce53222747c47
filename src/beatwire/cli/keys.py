"""Commands that manage API keys: keys create, keys list, keys revoke."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from beatwire.cli.app import JsonOption, app, emit, settings, store_for

if TYPE_CHECKING:
    from beatwire.store.keys import ApiKey

keys_app = typer.Typer(help="Create, list and revoke API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


def _described(key: ApiKey) -> dict[str, Any]:
    return {
        "id": key.id,
        "name": key.name,
        "prefix": key.prefix,
        "scopes": ",".join(key.scopes),
        "rpm": key.rpm,
        "created_at": key.created_at.isoformat(),
        "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
    }


@keys_app.command("create")
def create(
    name: Annotated[str, typer.Option(help="Who or what the key is for.")],
    scopes: Annotated[
        str, typer.Option(help="Comma-separated: records, stories, stream.")
    ] = "records,stories",
    rpm: Annotated[
        int | None,
        typer.Option(min=1, help="Requests in any minute, at least 1 (default from settings)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Create a key and print it once: only its hash is stored."""
    from beatwire.store.keys import create_key, parse_scopes  # deferred: SQLAlchemy

    current = settings()
    with store_for(current).begin() as conn:
        new = create_key(
            conn,
            name=name,
            scopes=parse_scopes(scopes),
            rpm=current.api.default_rpm if rpm is None else rpm,
        )
    if as_json:
        emit({**_described(new.key), "key": new.token}, as_json)
        return
    typer.echo(new.token)
    typer.echo(
        f"Key {new.key.id} ({new.key.prefix}) for {new.key.name!r}: scopes "
        f"{','.join(new.key.scopes)}, {new.key.rpm} requests a minute. "
        "Store it now: it cannot be shown again.",
        err=True,
    )


@keys_app.command("list")
def list_(as_json: JsonOption = False) -> None:
    """List every key (never its secret)."""
    from beatwire.store.keys import list_keys  # deferred: SQLAlchemy

    with store_for(settings()).read() as conn:
        keys = [_described(key) for key in list_keys(conn)]
    if as_json:
        emit({"keys": keys}, as_json)
        return
    for key in keys:
        state = f"revoked {key['revoked_at']}" if key["revoked_at"] else "active"
        typer.echo(
            "\t".join(
                [
                    str(key["id"]),
                    key["prefix"],
                    key["name"],
                    key["scopes"],
                    f"{key['rpm']} rpm",
                    state,
                ]
            )
        )


@keys_app.command("revoke")
def revoke(
    ident: Annotated[str, typer.Argument(help="The key's id or prefix.")],
    as_json: JsonOption = False,
) -> None:
    """Revoke a key: the API refuses it from the next request on.

    On PostgreSQL a web server notices a write within a second (it asks the store for
    its data version at most once a second), so a request in that second may still pass.
    """
    from beatwire.store.keys import revoke_key  # deferred: SQLAlchemy

    with store_for(settings()).begin() as conn:
        key = revoke_key(conn, ident)
    emit({"revoked": key.id, "prefix": key.prefix, "name": key.name}, as_json)
