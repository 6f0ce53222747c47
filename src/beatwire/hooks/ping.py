"""A test delivery: a signed POST of a ping, so a receiver can check its set-up at once.

It goes to the hook's URL with the hook's secret and the same headers as a story's,
is sent once (no retries) and is not logged: the caller sees what the receiver said.
"""

from __future__ import annotations

import asyncio

from beatwire.config import Settings
from beatwire.hooks.sender import Outcome, post_all
from beatwire.store.deliveries import Due
from beatwire.store.engine import Store
from beatwire.store.hooks import find_hook

PING = {"event": "ping", "story": None}


def send_ping(store: Store, settings: Settings, ident: str) -> Outcome:
    """Post a ping to the hook `ident` once and return the receiver's answer."""
    with store.read() as conn:
        hook, secret = find_hook(conn, ident)
    due = Due(0, hook.id, hook.url, secret, story_id="", version=0, attempts=0, payload=PING)
    (outcome,) = asyncio.run(post_all([due], settings))
    return outcome
