"""Two `beatwire worker` processes on the real PostgreSQL share the queue and do nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select

from beatwire.config import load_settings
from beatwire.jobs.demo import demo_corpus
from beatwire.jobs.tasks import build_app, defer_import, defer_stage, libpq_url
from beatwire.jobs.worker import ensure_queue_schema
from beatwire.store.engine import Store, open_store
from beatwire.store.schema import raw_pages, records, stage_runs

pytestmark = pytest.mark.postgres
FILES = 24
BIN = Path(sys.executable).parent / "beatwire"


def _wait_for(condition: Callable[[], bool], what: str, limit_s: float = 90.0) -> None:
    """Poll until `condition` holds; fail after `limit_s` (a bound, not a timing assumption)."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def _split_corpus(folder: Path, parts: int) -> list[Path]:
    lines = demo_corpus().read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if '"beatwire_corpus"' not in line]
    paths = []
    for i in range(parts):
        path = folder / f"part-{i:02d}.jsonl"
        path.write_text("\n".join(body[i::parts]) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _queue_count(url: str, where: str) -> int:
    with psycopg.connect(libpq_url(url)) as conn:
        row = conn.execute(f"SELECT count(*) FROM {where}").fetchone()
        return int(row[0]) if row else 0


@pytest.fixture
def workers(postgres_url: str) -> Iterator[list[subprocess.Popen[bytes]]]:
    env = os.environ | {"BEATWIRE_SOURCES__ENABLED": "[]"}
    command = [str(BIN), "--db", postgres_url, "worker", "--no-periodic"]
    started = [subprocess.Popen(command, env=env, stderr=subprocess.PIPE) for _ in range(2)]
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def _stop(processes: list[subprocess.Popen[bytes]]) -> list[int]:
    for process in processes:
        process.send_signal(signal.SIGTERM)
    return [process.wait(timeout=60) for process in processes]


def _import_runs(store: Store) -> list[dict[str, object]]:
    with store.read() as conn:
        query = select(stage_runs.c.status, stage_runs.c.report).where(
            stage_runs.c.stage == "import"
        )
        return [dict(row) for row in conn.execute(query).mappings()]


def test_two_workers_share_the_imports_and_do_each_once(
    postgres_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    store = open_store(postgres_url)
    ensure_queue_schema(postgres_url)
    settings = load_settings(None, db=postgres_url)
    app = build_app(store, settings, periodic=False)
    with app.open():
        # A stage waits in the queue once, however often it is asked for.
        assert defer_stage(app, "retention") is not None
        assert defer_stage(app, "retention") is None
        processes = request.getfixturevalue("workers")
        _wait_for(lambda: _queue_count(postgres_url, "procrastinate_workers") == 2, "2 workers")
        for path in _split_corpus(tmp_path, FILES):
            assert defer_import(app, "replay", path) is not None
    _wait_for(lambda: len(_import_runs(store)) == FILES, "every import to run")
    _wait_for(lambda: _queue_count(postgres_url, "procrastinate_jobs") == 0, "an empty queue")
    assert _stop(processes) == [0, 0]  # SIGTERM is a clean stop

    runs = _import_runs(store)
    by_worker = Counter(str(run["report"]["worker"]) for run in runs)  # type: ignore[index]
    assert len(by_worker) == 2, by_worker  # the work was shared...
    assert all(run["status"] == "ok" for run in runs)  # ...and each file was imported once
    with store.read() as conn:
        stored = conn.execute(select(func.count()).select_from(records)).scalar_one()
        pages = conn.execute(select(func.count()).select_from(raw_pages)).scalar_one()
        retention_runs = conn.execute(
            select(func.count()).where(stage_runs.c.stage == "retention")
        ).scalar_one()
    inserted = sum(int(run["report"]["inserted"]) for run in runs)  # type: ignore[index]
    assert inserted == stored  # no record was inserted by two jobs
    assert pages == FILES and retention_runs == 1
    store.close()


def test_a_worker_refuses_sqlite(sqlite_url: str) -> None:
    result = subprocess.run(
        [str(BIN), "--db", sqlite_url, "worker"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Error: beatwire worker needs PostgreSQL")
