"""Shared fixtures: stores on a real SQLite file and on the real PostgreSQL server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from beatwire.config import Settings, load_settings
from beatwire.jobs.demo import run_demo
from beatwire.model import StageReport
from beatwire.store.engine import Store, open_store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
PG_SERVER = "host=127.0.0.1 port=5432 dbname=test"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite database file of this test alone."""
    return f"sqlite:///{tmp_path / 'beatwire.db'}"


@contextmanager
def pg_schema(prefix: str = "bw") -> Iterator[str]:
    """Yield the URL of a fresh schema in the `test` database; drop it afterwards.

    Each test gets a schema of its own, so nothing shared is ever wiped.
    """
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"postgresql+psycopg://root@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_SERVER, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A schema of this test alone in the `test` database."""
    with pg_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The URL of an empty store, once on SQLite and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An empty, migrated store on each database."""
    opened = open_store(db_url)
    yield opened
    opened.close()


@pytest.fixture
def settings(db_url: str) -> Settings:
    """Default settings pointing at the test's store."""
    return load_settings(None, db=db_url)


@dataclass(frozen=True)
class Demo:
    """The bundled demo, run once per test session on SQLite."""

    store: Store
    settings: Settings
    site: Path
    report: StageReport


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The whole pipeline on the sample corpus: read-only for the tests that share it."""
    root = tmp_path_factory.mktemp("demo")
    current = load_settings(None, db=f"sqlite:///{root / 'demo.db'}")
    opened = open_store(current.db)
    report = run_demo(opened, current, root / "site")
    yield Demo(store=opened, settings=current, site=root / "site", report=report)
    opened.close()
