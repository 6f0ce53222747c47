"""The table GELU against the exact erf form."""

from __future__ import annotations

import math

import numpy as np

from beatwire.analysis.embedding._gelu import gelu_inplace


def exact(x: float) -> float:
    return 0.5 * x * (1.0 + math.erf(x / math.sqrt(2.0)))


def test_table_gelu_matches_the_erf_form_to_float32_precision():
    x = np.concatenate(
        [np.linspace(-8, 8, 20001), [-1e4, -50, -6.0, -5.999, 0.0, 5.999, 6.0, 50, 1e4]]
    ).astype(np.float32)
    ours = x.copy()
    gelu_inplace(ours)
    expected = np.array([exact(float(v)) for v in x])
    tolerance = 1e-6 * np.maximum(1.0, np.abs(expected))
    assert np.all(np.abs(ours - expected) <= tolerance)


def test_gelu_works_in_place_on_a_2d_block():
    x = np.array([[-1.0, 0.5], [2.0, -3.0]], dtype=np.float32)
    gelu_inplace(x)
    np.testing.assert_allclose(x, [[exact(-1.0), exact(0.5)], [exact(2.0), exact(-3.0)]], atol=1e-6)
