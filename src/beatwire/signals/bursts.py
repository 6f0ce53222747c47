"""Burst onsets and ends: Kleinberg's automaton on a count series (Poisson emissions).

State i emits counts at rate base * scale**i. Moving up a level costs
gamma * ln(n) (n bins), moving down is free, and Viterbi finds the cheapest
state sequence: a burst is a maximal run of bins above state 0, its onset the
first bin of the run and its end the last. Kleinberg, "Bursty and hierarchical
structure in streams", KDD 2002, section 2 (the infinite automaton, truncated).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Counts = npt.NDArray[np.float64] | npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Burst:
    """A run of bins in a raised state: [start, end] both included."""

    start: int
    end: int
    level: int  # the highest state reached
    peak: int  # the bin with the most records

    @property
    def length(self) -> int:
        """Return the number of bins the burst lasts."""
        return self.end - self.start + 1


def base_rate(counts: Counts) -> float:
    """Return the rate of state 0: the mean count, floored so an empty series still works."""
    return max(float(np.mean(counts)), 1e-3)


def burst_states(
    counts: Counts, *, scale: float = 2.0, gamma: float = 1.0, levels: int = 4
) -> npt.NDArray[np.int64]:
    """Return the Viterbi state (0 = normal) of every bin."""
    values = np.asarray(counts, dtype=np.float64)
    bins = len(values)
    if bins == 0:
        return np.zeros(0, dtype=np.int64)
    rates = base_rate(values) * scale ** np.arange(levels)
    # negative Poisson log-likelihood without the count-only term (same for every state)
    emit = rates[None, :] - values[:, None] * np.log(rates)[None, :]
    step_up = gamma * math.log(max(bins, 2))
    levels_ = np.arange(levels)
    move = np.maximum(levels_[None, :] - levels_[:, None], 0) * step_up  # from row to column
    cost = emit[0] + levels_ * step_up
    back = np.zeros((bins, levels), dtype=np.int64)
    for index in range(1, bins):
        total = cost[:, None] + move
        back[index] = total.argmin(axis=0)
        cost = total.min(axis=0) + emit[index]
    states = np.zeros(bins, dtype=np.int64)
    states[-1] = int(cost.argmin())
    for index in range(bins - 1, 0, -1):
        states[index - 1] = back[index, states[index]]
    return states


def find_bursts(
    counts: Counts, *, scale: float = 2.0, gamma: float = 1.0, levels: int = 4, min_level: int = 1
) -> list[Burst]:
    """Return the maximal runs of bins at state `min_level` or above, in time order."""
    values = np.asarray(counts, dtype=np.float64)
    states = burst_states(values, scale=scale, gamma=gamma, levels=levels)
    raised = np.concatenate(([False], states >= min_level, [False]))
    edges = np.flatnonzero(np.diff(raised.astype(np.int8)))
    found = []
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        peak = start + int(np.argmax(values[start:stop]))
        found.append(Burst(int(start), int(stop - 1), int(states[start:stop].max()), int(peak)))
    return found
