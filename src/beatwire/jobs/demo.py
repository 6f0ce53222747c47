"""The demo: the whole pipeline on the bundled synthetic corpus, then the static site."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from importlib import resources
from pathlib import Path

from beatwire.config import Settings
from beatwire.jobs.runner import run_by_hand
from beatwire.jobs.stages import PIPELINE
from beatwire.model import Progress, StageReport, no_progress
from beatwire.sources import replay
from beatwire.sources.ingest import ingest_file
from beatwire.store.engine import Store
from beatwire.web.export import build_site


def demo_corpus() -> Path:
    """Return the path of the bundled synthetic sample corpus."""
    return Path(str(resources.files("beatwire.data") / "demo" / "corpus.jsonl"))


def run_demo(
    store: Store, settings: Settings, site_dir: Path, *, progress: Progress = no_progress
) -> StageReport:
    """Ingest the sample, analyse, detect, write and build the site; report each stage's time."""
    report = StageReport("demo")
    steps: list[tuple[str, Callable[[], StageReport]]] = [
        ("ingest", lambda: ingest_file(store, settings, replay, demo_corpus())),
        *(
            (stage.name, partial(stage.run, store, settings, progress=progress))
            for stage in PIPELINE
        ),
        ("build-site", lambda: build_site(store, settings, site_dir)),
    ]
    started = time.perf_counter()
    for name, step in steps:
        began = time.perf_counter()
        outcome = step() if name == "build-site" else run_by_hand(store, settings, name, step)
        report.figures[f"{name}.seconds"] = round(time.perf_counter() - began, 2)
        report.notes.append(f"{name}: " + ", ".join(f"{k}={v}" for k, v in outcome.figures.items()))
    report.figures["pipeline.seconds"] = round(time.perf_counter() - started, 2)
    report.figures["site"] = str((site_dir / "index.html").resolve())
    return report
