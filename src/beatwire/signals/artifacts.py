"""Artifact surges: a paper, model or repository people suddenly discuss, or downloads that jump."""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np

from beatwire.signals.baseline import trailing_baseline
from beatwire.signals.context import Context
from beatwire.signals.make import Finding

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
    position = {int(i): p for p, i in enumerate(context.frame.ids.tolist())}
    rows: dict[str, list[int]] = defaultdict(list)
    for record_id, text in texts:
        if record_id in position:
            for key in artifact_keys(text):
                rows[key].append(position[record_id])
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
        details={"artifact": name, "name": name, "artifact_kind": ROLES[kind], "source": kind},
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
    context: Context, history: dict[str, dict[str, int]], mentions: dict[str, np.ndarray]
) -> list[Finding]:
    """Return models whose downloads jumped between their last two snapshots (day -> downloads)."""
    detect = context.settings.detect
    found = []
    last_day = context.day_count - 1
    for model, snapshots in sorted(history.items()):
        if len(snapshots) < 2 or last_day < 0:
            continue
        (day_a, before), (day_b, after) = sorted(snapshots.items())[-2:]
        gain, ratio = after - before, after / max(before, 1)
        if gain < detect.download_min_gain or ratio < detect.download_jump_ratio:
            continue
        sentence = (
            f"Downloads of the Hugging Face model {model} rose from {before:,} on {day_a} to "
            f"{after:,} on {day_b}, {ratio:.1f} times as many."
        )
        rows = mentions.get(f"huggingface:{model}", np.zeros(0, np.int64))
        found.append(Finding(
            kind="artifact_surge", key=f"downloads:{model}", beat=None, day=last_day,
            value=after, baseline=before, effect=ratio, significance=float(np.log2(ratio)) * 2,
            min_count=detect.download_min_gain, sentence=sentence, rows=rows, from_posts=False,
            details={"artifact": model, "name": model, "artifact_kind": "model",
                     "source": "huggingface", "measure": "downloads"},
        ))  # fmt: skip
    return found
