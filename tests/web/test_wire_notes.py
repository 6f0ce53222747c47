"""The Live Wire shows a collection artefact as a data note, beside the signal's own sentence."""

from __future__ import annotations

from beatwire.model import SignalDetails
from beatwire.store.engine import Store
from beatwire.store.signals import replace_signals
from beatwire.web.context.wire import wire_context
from tests.store.builders import a_signal


def test_a_signal_with_a_data_note_carries_it_on_the_wire(store: Store) -> None:
    noted = a_signal(
        "sig_note", key="platform:mastodon",
        details=SignalDetails(data_note="Mastodon's own volume: how much was collected"),
    )  # fmt: skip
    with store.begin() as conn:
        replace_signals(conn, [noted, a_signal("sig_plain")])
    notes = sorted((item.note for item in wire_context(store).items), key=str)
    assert notes == ["Mastodon's own volume: how much was collected", None]
