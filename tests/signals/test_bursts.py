"""Kleinberg's automaton: onset and end of bursts in a count series."""

from __future__ import annotations

import numpy as np

from beatwire.signals.bursts import burst_states, find_bursts


def quiet(hours: int, rate: float, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).poisson(rate, hours)


def test_a_planted_burst_is_found_with_its_onset_and_end() -> None:
    counts = quiet(200, 3, seed=1)
    counts[120:130] += 40
    bursts = find_bursts(counts)
    assert len(bursts) == 1
    (burst,) = bursts
    assert abs(burst.start - 120) <= 1 and abs(burst.end - 129) <= 1
    assert 120 <= burst.peak <= 129 and burst.level >= 2


def test_steady_noise_has_no_burst() -> None:
    assert find_bursts(quiet(300, 5, seed=2)) == []


def test_a_costlier_climb_keeps_weak_blips_out() -> None:
    counts = quiet(200, 4, seed=3)
    counts[50:52] += 9
    cheap = find_bursts(counts, gamma=0.1)
    costly = find_bursts(counts, gamma=3.0)
    assert len(costly) < len(cheap)


def test_states_are_zero_for_an_empty_or_flat_series() -> None:
    assert burst_states(np.zeros(0)).tolist() == []
    assert set(burst_states(np.full(48, 7)).tolist()) == {0}


def test_two_separate_bursts_are_two_runs_in_time_order() -> None:
    counts = quiet(300, 2, seed=4)
    counts[40:45] += 30
    counts[200:210] += 30
    starts = [burst.start for burst in find_bursts(counts)]
    assert len(starts) == 2 and starts[0] < 50 < 190 < starts[1]
