"""The stages after ingest, in order: one table for the scheduler, workers, demo and CLI.

Each row names a stage, the module whose `run(store, settings, ...)` runs it and
the setting that says how often it runs. Ingest is not a row: it runs once per
source, at the source's own `CADENCE` (sources/registry). Every caller runs a
stage through `Stage.run`, so whatever all runs should share (a record of each
run for `beatwire status`, however it was started) has this one place to go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from beatwire.config import JobSettings, Settings
from beatwire.errors import ConfigError
from beatwire.model import Progress, StageReport, no_progress
from beatwire.store.engine import Store


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage: its name, the module that runs it, its interval, whether it shows progress."""

    name: str
    module: str  # imported when the stage first runs: reading the table loads no stage
    interval: Callable[[JobSettings], float]
    shows_progress: bool = False

    def every_s(self, settings: Settings) -> float:
        """Return how often the stage runs on a schedule, in seconds."""
        return self.interval(settings.jobs)

    def run(
        self, store: Store, settings: Settings, *, progress: Progress = no_progress, **options: Any
    ) -> StageReport:
        """Run the stage once and return its report; `options` go to the stage's own `run`."""
        if self.shows_progress:
            options["progress"] = progress
        report: StageReport = import_module(self.module).run(store, settings, **options)
        return report


# From records to stories: what the demo runs after its ingest, and the CLI one by one.
PIPELINE = (
    Stage(
        "analyze", "beatwire.analysis.stage", lambda jobs: jobs.analyze_every_s, shows_progress=True
    ),
    Stage("detect", "beatwire.signals.stage", lambda jobs: jobs.detect_every_s),
    Stage("write", "beatwire.newsroom.stage", lambda jobs: jobs.write_every_s),
)
# Every scheduled stage: the pipeline, telling the hooks, then the upkeep.
STAGES = (
    *PIPELINE,
    Stage("hooks", "beatwire.hooks.stage", lambda jobs: jobs.hooks_every_s),
    Stage("retention", "beatwire.jobs.retention", lambda jobs: jobs.retention_every_s),
)


def stage(name: str) -> Stage:
    """Return the stage called `name`; ConfigError names the stages when there is none."""
    found = next((row for row in STAGES if row.name == name), None)
    if found is None:
        known = ", ".join(row.name for row in STAGES)
        raise ConfigError(f"no stage {name!r}", hint=f"the stages are {known}")
    return found
