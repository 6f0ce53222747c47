"""Sentiment shifts: bootstrap intervals of a difference of means."""

from __future__ import annotations

import numpy as np

from beatwire.signals.sentiment import bootstrap_difference, bootstrap_means


def test_a_real_shift_has_an_interval_away_from_zero() -> None:
    rng = np.random.default_rng(1)
    low, high = bootstrap_difference(rng.normal(-30, 20, 60), rng.normal(10, 20, 400), 1000, 0.95)
    assert low < -40 < high < -30


def test_no_shift_has_an_interval_around_zero() -> None:
    rng = np.random.default_rng(2)
    low, high = bootstrap_difference(rng.normal(5, 20, 80), rng.normal(5, 20, 400), 1000, 0.95)
    assert low < 0 < high


def test_large_samples_keep_the_spread_of_their_mean() -> None:
    values = np.random.default_rng(3).normal(0, 10, 50_000)
    means = bootstrap_means(values, 2000, np.random.default_rng(4))
    assert abs(means.std() - 10 / np.sqrt(50_000)) < 0.01
