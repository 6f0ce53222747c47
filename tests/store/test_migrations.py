"""The migrations build exactly the schema the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from beatwire.store.engine import open_store
from beatwire.store.schema import metadata


def test_migrated_database_matches_the_declared_schema(db_url: str) -> None:
    store = open_store(db_url)
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    store.close()
    assert differences == []


def test_the_detect_watermark_is_indexed(db_url: str) -> None:
    store = open_store(db_url)
    indexed = {
        column
        for index in inspect(store.engine).get_indexes("analyses")
        for column in index["column_names"]
    }
    store.close()
    assert "analyzed_at" in indexed
