"""The detect stage on PostgreSQL finds what it finds on SQLite; a second pass changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from beatwire.config import load_settings
from beatwire.signals import stage
from beatwire.store.engine import Store, open_store
from beatwire.store.narratives import list_narratives
from beatwire.store.signals import strongest_signals
from tests.signals.test_stage import planted


@pytest.fixture
def pg_store(postgres_url: str) -> Iterator[Store]:
    opened = open_store(postgres_url)
    yield opened
    opened.close()


def found(store: Store) -> tuple[set[tuple[str, str]], int]:
    with store.read() as conn:
        signals = {(s.kind, s.key) for s in strongest_signals(conn)}
        return signals, len(list_narratives(conn))


@pytest.mark.postgres
def test_postgres_and_sqlite_find_the_same_signals(pg_store: Store, tmp_path) -> None:
    lite = open_store(f"sqlite:///{tmp_path / 'lite.db'}")
    settings = load_settings(None)
    for store in (pg_store, lite):
        planted(store)
        stage.run(store, settings)
    on_pg, on_sqlite = found(pg_store), found(lite)
    lite.close()
    assert on_pg == on_sqlite
    kinds = {kind for kind, _ in on_pg[0]}
    assert {"volume_spike", "sentiment_shift", "entity_surge", "emerging_narrative"} <= kinds
    report = stage.run(pg_store, settings)
    assert report.figures["records"] == 0 and found(pg_store) == on_pg
