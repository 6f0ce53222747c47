"""Burst onsets on the real CrisisLexT26 volume curves (hourly counts of every collected tweet).

For each event: the reference onset is the first strong rise, the first hour whose
3-hour count reaches 25 % of the curve's highest 3-hour count; the detected onset is
the onset of the burst of Kleinberg's automaton (signals/bursts.py) that holds the
reference hour (or else the onset nearest to it). A false
alarm is a detected burst that starts in a quiet hour: one whose 3-hour count is
under 5 % of that peak and that is not within 6 hours of a strong hour.

    .venv/bin/python bench/bursts.py [--gamma 1.0] [--scale 2.0]
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
from datetime import datetime
from pathlib import Path

import numpy as np

from beatwire.signals.bursts import find_bursts

FOLDER = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "crisislex-events"
STRONG, QUIET, GUARD_H = 0.25, 0.05, 6


def hourly_counts(path: Path) -> np.ndarray:
    """Return tweets per hour from the first to the last collected tweet."""
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        stamps = [
            datetime.strptime(row[0], "%a %b %d %H:%M:%S %z %Y").timestamp() for row in reader
        ]
    hours = ((np.asarray(stamps) - min(stamps)) // 3600).astype(np.int64)
    return np.bincount(hours)


def onset_for(bursts: list, reference: int) -> int:
    """Return the onset of the burst holding `reference`, else the onset nearest to it."""
    for burst in bursts:
        if burst.start <= reference <= burst.end:
            return int(burst.start)
    if not bursts:
        return -(10**6)
    return int(min((burst.start for burst in bursts), key=lambda start: abs(start - reference)))


def evaluate(counts: np.ndarray, gamma: float, scale: float) -> tuple[int, int, int, int]:
    """Return (reference onset, detected onset, false alarms, bursts) for one curve."""
    rolling = np.convolve(counts, np.ones(3), mode="full")[: len(counts)]
    peak = rolling.max()
    strong = np.flatnonzero(rolling >= STRONG * peak)
    reference = int(strong[0])
    bursts = find_bursts(counts, gamma=gamma, scale=scale)
    near_strong = np.zeros(len(counts), dtype=bool)
    for hour in strong:
        near_strong[max(0, hour - GUARD_H) : hour + GUARD_H + 1] = True
    quiet = (rolling < QUIET * peak) & ~near_strong
    alarms = sum(1 for burst in bursts if quiet[burst.start])
    detected = onset_for(bursts, reference)
    return reference, detected, alarms, len(bursts)


def main() -> None:
    """Print per-event onset errors and false alarms, then the totals."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--gamma", type=float, default=1.0)
    parser.add_argument("--scale", type=float, default=2.0)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores")
    errors, alarms_total = [], 0
    for path in sorted(FOLDER.glob("CrisisLexT26/*/*-tweetids_entire_period.csv")):
        counts = hourly_counts(path)
        reference, detected, alarms, total = evaluate(counts, args.gamma, args.scale)
        errors.append(detected - reference)
        alarms_total += alarms
        print(
            f"{path.parent.name:32s} hours={len(counts):5d} rise=h{reference:<4d} "
            f"onset=h{detected:<4d} error={detected - reference:+4d} h bursts={total:3d} "
            f"false_alarms={alarms}"
        )
    absolute = np.abs(errors)
    print(
        f"events={len(errors)} median |onset error|={np.median(absolute):.1f} h "
        f"mean={absolute.mean():.1f} h max={absolute.max()} h "
        f"within 3 h={np.mean(absolute <= 3):.0%} "
        f"false alarms in quiet periods={alarms_total}"
    )


if __name__ == "__main__":
    main()
