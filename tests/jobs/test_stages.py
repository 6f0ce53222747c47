"""The one table of stages: what the scheduler, the workers, the demo and the CLI run."""

from __future__ import annotations

from importlib import import_module

import pytest

from beatwire.config import load_settings
from beatwire.errors import ConfigError
from beatwire.jobs.schedule import jobs_for
from beatwire.jobs.stages import PIPELINE, STAGES, Stage, stage
from beatwire.model import no_progress
from beatwire.store.engine import Store
from tests.jobs import stage_double


def test_the_table_lists_the_pipeline_then_the_upkeep() -> None:
    assert [row.name for row in PIPELINE] == ["analyze", "detect", "write"]
    assert [row.name for row in STAGES] == ["analyze", "detect", "write", "hooks", "retention"]
    for row in STAGES:
        assert callable(import_module(row.module).run), row.module


def test_each_stage_runs_at_the_interval_its_setting_names() -> None:
    settings = load_settings(None)
    settings.jobs.detect_every_s = 123
    assert stage("detect").every_s(settings) == 123
    assert stage("retention").every_s(settings) == settings.jobs.retention_every_s


def test_the_scheduler_runs_every_stage_of_the_table(store: Store) -> None:
    settings = load_settings(None)
    settings.jobs.write_every_s = 77
    jobs = jobs_for(store, settings, sources=[])
    assert [(job.name, job.every_s) for job in jobs] == [
        (row.name, row.every_s(settings)) for row in STAGES
    ]
    assert {job.name: job.every_s for job in jobs}["write"] == 77


def test_progress_reaches_only_a_stage_that_shows_it() -> None:
    quiet = Stage("quiet", stage_double.__name__, lambda jobs: 1.0)
    shown = Stage("shown", stage_double.__name__, lambda jobs: 1.0, shows_progress=True)
    stage_double.calls.clear()
    quiet.run(None, load_settings(None), progress=no_progress, redo=True)
    shown.run(None, load_settings(None), progress=no_progress)
    assert stage_double.calls == [{"redo": True}, {"progress": no_progress}]


def test_an_unknown_stage_is_a_config_error_naming_the_stages() -> None:
    with pytest.raises(ConfigError) as caught:
        stage("publish")
    assert caught.value.one_line() == (
        "no stage 'publish' (the stages are analyze, detect, write, hooks, retention)"
    )
