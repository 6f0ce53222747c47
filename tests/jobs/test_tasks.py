"""The worker's app: every stage a task, each on its schedule, with locks and retries."""

from __future__ import annotations

import pytest

from beatwire.config import load_settings
from beatwire.errors import ConfigError
from beatwire.jobs.tasks import build_app, libpq_url
from beatwire.store.engine import Store


def test_every_stage_is_a_locked_task_with_retries(store: Store) -> None:
    settings = load_settings(None, db="postgresql+psycopg://u@127.0.0.1:5432/db")
    settings.sources.enabled = ["hackernews", "bluesky"]
    app = build_app(store, settings)
    names = set(app.tasks)
    for stage in ("analyze", "detect", "write", "retention", "ingest", "import_file"):
        assert f"beatwire.{stage}" in names
    analyze = app.tasks["beatwire.analyze"]
    assert (analyze.lock, analyze.queueing_lock) == ("analyze", "analyze")
    assert analyze.retry_strategy is not None
    assert analyze.retry_strategy.max_attempts == settings.jobs.retries


def test_the_schedule_has_each_stage_and_each_source(store: Store) -> None:
    settings = load_settings(None, db="postgresql+psycopg://u@127.0.0.1:5432/db")
    settings.sources.enabled = ["hackernews", "bluesky"]
    app = build_app(store, settings)
    crons = {
        (task.task.name, task.periodic_id): (task.cron, task.configure_kwargs)
        for task in app.periodic_registry.periodic_tasks.values()
    }
    assert crons[("beatwire.analyze", "analyze")][0] == "*/5 * * * *"
    cron, options = crons[("beatwire.ingest", "hackernews")]
    assert cron == "0 */1 * * *"
    assert options["lock"] == options["queueing_lock"] == "ingest:hackernews"
    assert options["task_kwargs"] == {"source": "hackernews"}
    assert crons[("beatwire.ingest", "bluesky")][0] == "*/5 * * * *"  # a stream, in slices
    assert ("beatwire.retry_stalled", "") in crons


def test_without_periodic_nothing_is_scheduled(store: Store) -> None:
    settings = load_settings(None, db="postgresql+psycopg://u@127.0.0.1:5432/db")
    assert build_app(store, settings, periodic=False).periodic_registry.periodic_tasks == {}


def test_the_libpq_url_keeps_the_schema_option() -> None:
    url = "postgresql+psycopg://root@127.0.0.1:5432/test?options=-csearch_path%3Dbw_1"
    assert libpq_url(url) == "postgresql://root@127.0.0.1:5432/test?options=-csearch_path%3Dbw_1"
    with pytest.raises(ConfigError, match="needs PostgreSQL"):
        libpq_url("sqlite:///x.db")
