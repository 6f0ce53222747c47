"""Artifact surges: a paper, model or repository people suddenly discuss, or downloads that jump."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime

import numpy as np

from beatwire.signal_details import ArtifactSurgeDetails
from beatwire.signals.baseline import trailing_baseline
from beatwire.signals.context import Context
from beatwire.signals.make import Finding
from beatwire.store.frames import ModelDelta, Positions

_PATTERNS = {
    "arxiv": re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})"),
    "huggingface": re.compile(r"huggingface\.co/(?!datasets/|spaces/|papers/)([\w.-]+/[\w.-]+)"),
    "github": re.compile(r"github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?(?=[/\s?#)\]]|$)"),
}
KIND_NAMES = {"arxiv": "arXiv paper", "huggingface": "Hugging Face model", "github": "repository"}
ROLES = {"arxiv": "paper", "huggingface": "model", "github": "repo"}


def artifact_keys(text: str) -> set[str]:
    """Return the artifacts a text links, as "arxiv:2401.01234", "huggingface:org/model"..."""
    return {f"{kind}:{m}" for kind, pattern in _PATTERNS.items() for m in pattern.findall(text)}


def mention_rows(context: Context, texts: list[tuple[int, str]]) -> dict[str, np.ndarray]:
    """Return, per artifact, the frame positions of the records that link it."""
    at, known = Positions.of(context.frame).find(np.asarray([i for i, _ in texts], np.int64))
    rows: dict[str, list[int]] = defaultdict(list)
    for (_record, text), position, inside in zip(texts, at.tolist(), known.tolist(), strict=True):
        if inside:
            for key in artifact_keys(text):
                rows[key].append(position)
    return {key: np.asarray(sorted(set(found)), dtype=np.int64) for key, found in rows.items()}


def _surge(context: Context, key: str, rows: np.ndarray, day: int) -> Finding | None:
    detect = context.settings.detect
    counts = np.bincount(context.days[rows], minlength=context.day_count).astype(np.float64)
    count = int(counts[day])
    history = counts[max(0, day - detect.baseline_days) : day]
    baseline = trailing_baseline(history if len(history) else np.zeros(1))
    ratio = count / max(baseline.median, 1.0)
    if count < detect.artifact_min_count or ratio < detect.artifact_ratio:
        return None
    kind, name = key.split(":", 1)
    date = context.day(day)
    today = rows[context.days[rows] == day]
    beats = np.bincount(context.frame.beats.codes[today])
    sentence = (
        f"The {KIND_NAMES[kind]} {name} was linked in {count} records on {date:%B} {date.day}, "
        f"against a median of {baseline.median:g} a day over the previous {len(history)} days."
    )
    return Finding(
        kind="artifact_surge", key=key, beat=context.frame.beats.name(int(beats.argmax())),
        day=day, value=count, baseline=baseline.median, effect=ratio,
        significance=baseline.z(count), min_count=detect.artifact_min_count,
        sentence=sentence, rows=today,
        details=ArtifactSurgeDetails(artifact=name, name=name, artifact_kind=ROLES[kind],
                                     source=kind),
    )  # fmt: skip


def artifact_findings(context: Context, texts: list[tuple[int, str]]) -> list[Finding]:
    """Return artifacts whose mentions surged on a new day."""
    found = []
    for key, rows in sorted(mention_rows(context, texts).items()):
        if len(rows) < context.settings.detect.artifact_min_count:
            continue
        for day in sorted(set(context.days[rows].tolist())):
            if day >= context.report_from:
                finding = _surge(context, key, rows, day)
                if finding is not None:
                    found.append(finding)
    return found


def download_findings(
    context: Context, deltas: list[ModelDelta], mentions: dict[str, np.ndarray]
) -> list[Finding]:
    """Return models whose daily download gain jumped against their earlier snapshots' median.

    The deltas are the Hugging Face source's `model_delta` records: downloads gained
    between two snapshots and the gain per day. A model's newest delta on a new day is
    compared with the median per-day gain of its earlier ones.
    """
    detect = context.settings.detect
    by_model: dict[str, list[ModelDelta]] = defaultdict(list)
    for delta in deltas:
        by_model[delta.model].append(delta)
    found = []
    for model, history in sorted(by_model.items()):
        *earlier, newest = sorted(history, key=lambda delta: delta.at)
        day = context.index(datetime.fromtimestamp(newest.at, UTC).date())
        if not earlier or not context.report_from <= day < context.day_count:
            continue
        if newest.gained < detect.download_min_gain:
            continue
        usual = float(np.median([delta.per_day for delta in earlier]))
        ratio = newest.per_day / max(usual, 1.0)
        if ratio < detect.download_jump_ratio:
            continue
        date = context.day(day)
        sentence = (
            f"The Hugging Face model {model} gained {newest.per_day:,.0f} downloads a day in the "
            f"snapshot of {date:%B} {date.day}, {ratio:.1f} times its median of {usual:,.0f} a day "
            f"over its {len(earlier)} earlier snapshots."
        )
        rows = mentions.get(f"huggingface:{model}", np.zeros(0, np.int64))
        found.append(Finding(
            kind="artifact_surge", key=f"downloads:{model}", beat=None, day=day,
            value=newest.per_day, baseline=usual, effect=ratio,
            significance=float(np.log2(ratio)) * 2, min_count=detect.download_min_gain,
            sentence=sentence, rows=rows, from_posts=False,
            details=ArtifactSurgeDetails(artifact=model, name=model, artifact_kind="model",
                                         source="huggingface", measure="downloads_per_day",
                                         gained=newest.gained, snapshots=len(history)),
        ))  # fmt: skip
    return found
