"""API keys on SQLite and PostgreSQL: a token shown once, checked by hash, scoped, revocable."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from beatwire.errors import ConfigError
from beatwire.store.engine import Store
from beatwire.store.keys import authenticate, create_key, list_keys, parse_scopes, revoke_key
from beatwire.store.schema import api_keys


def new_token(store: Store, name: str = "reader") -> str:
    with store.begin() as conn:
        return create_key(conn, name=name, scopes=("records",), rpm=60).token


def test_a_new_key_authenticates_with_its_token(store: Store) -> None:
    with store.begin() as conn:
        created = create_key(conn, name=" reader ", scopes=("records", "stream"), rpm=30)
    with store.read() as conn:
        key = authenticate(conn, created.token)
    assert key == created.key and key.active
    assert (key.name, key.scopes, key.rpm) == ("reader", ("records", "stream"), 30)


def test_the_secret_is_not_stored(store: Store) -> None:
    token = new_token(store)
    with store.read() as conn:
        stored = conn.execute(select(api_keys)).mappings().one()
    assert token.split("_", 2)[2] not in str(dict(stored))


def test_a_wrong_secret_does_not_authenticate(store: Store) -> None:
    token = new_token(store)
    with store.read() as conn:
        assert authenticate(conn, token[:-2] + "xx") is None


@pytest.mark.parametrize("token", ["", "bw_", "bw_nosecret", "xx_abc_def", "bw_" + "a" * 17 + "_s"])
def test_a_malformed_token_does_not_authenticate(store: Store, token: str) -> None:
    with store.read() as conn:
        assert authenticate(conn, token) is None


def test_a_revoked_key_does_not_authenticate(store: Store) -> None:
    token = new_token(store)
    with store.begin() as conn:
        revoked = revoke_key(conn, token.split("_")[1])
    assert not revoked.active
    with store.read() as conn:
        assert authenticate(conn, token) is None


def test_a_key_is_revoked_by_id_and_stays_revoked(store: Store) -> None:
    new_token(store)
    with store.begin() as conn:
        first = revoke_key(conn, "1")
        again = revoke_key(conn, "1")
    assert first.revoked_at is not None and again.revoked_at == first.revoked_at


def test_revoking_an_unknown_key_is_a_config_error(store: Store) -> None:
    with store.begin() as conn, pytest.raises(ConfigError, match="no API key 'nope'"):
        revoke_key(conn, "nope")


def test_keys_are_listed_oldest_first(store: Store) -> None:
    for name in ("first", "second"):
        new_token(store, name)
    with store.read() as conn:
        assert [key.name for key in list_keys(conn)] == ["first", "second"]


def test_scopes_are_read_from_a_comma_list_once_each() -> None:
    assert parse_scopes(" records,stream,records ") == ("records", "stream")


@pytest.mark.parametrize("text", ["", "records,admin"])
def test_unknown_or_missing_scopes_are_a_config_error(text: str) -> None:
    with pytest.raises(ConfigError, match="bad scopes"):
        parse_scopes(text)


def test_a_key_needs_a_name_and_a_rate(store: Store) -> None:
    with store.begin() as conn:
        with pytest.raises(ConfigError, match="a key needs a name"):
            create_key(conn, name="  ", scopes=("records",), rpm=60)
        with pytest.raises(ConfigError, match="bad --rpm 0"):
            create_key(conn, name="reader", scopes=("records",), rpm=0)
