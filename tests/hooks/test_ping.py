"""A ping: one signed POST to a hook's receiver, to check its set-up."""

from __future__ import annotations

import json

import pytest

from beatwire.config import Settings
from beatwire.errors import ConfigError
from beatwire.hooks.ping import send_ping
from beatwire.store.deliveries import delivery_log
from beatwire.store.engine import Store
from beatwire.store.hooks import create_hook
from tests.hooks.receiver import Receiver, free_port, receiving


def test_a_ping_reaches_the_receiver_signed_and_leaves_no_log(
    store: Store, settings: Settings
) -> None:
    state = Receiver(secret="")
    with receiving(state) as url:
        with store.begin() as conn:
            state.secret = create_hook(conn, url=url).secret
        outcome = send_ping(store, settings, "1")
    assert (outcome.ok, outcome.status_code) == (True, 200)
    (got,) = state.got
    assert got.verified and got.headers["X-Beatwire-Event"] == "ping"
    assert json.loads(got.body) == {"event": "ping", "story": None}
    with store.read() as conn:
        assert delivery_log(conn, hook_id=None, limit=5) == []


def test_a_ping_to_a_receiver_that_is_down_says_why(store: Store, settings: Settings) -> None:
    with store.begin() as conn:
        create_hook(conn, url=f"http://127.0.0.1:{free_port()}/in")
    outcome = send_ping(store, settings, "1")
    assert not outcome.ok and outcome.status_code is None
    assert outcome.error is not None and outcome.error.startswith("ConnectError")


def test_a_ping_to_an_unknown_hook_is_a_config_error(store: Store, settings: Settings) -> None:
    with pytest.raises(ConfigError):
        send_ping(store, settings, "9")
