"""GELU in its exact erf form, x·Φ(x), evaluated from a table of Φ with linear interpolation.

numpy has no vectorised erf, and its float32 exp runs a scalar path on AVX2 machines
(about 4 ns a value): the 1,536-wide feed-forward activation dominated the model's time.
Φ is tabulated from math.erf on [-6, 6] in steps of 1/512; interpolation error is below
2e-7, under float32 resolution. Beyond ±6, Φ is taken as 0 or 1 (off by under 1e-9).
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import numpy.typing as npt

_LOW, _HIGH, _STEPS_PER_UNIT = -6.0, 6.0, 512
_SIZE = int((_HIGH - _LOW) * _STEPS_PER_UNIT)


@cache
def _phi_table() -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Return Φ at each grid point and the slope to the next one."""
    grid = np.linspace(_LOW, _HIGH, _SIZE + 1)
    phi = np.array([0.5 * (1.0 + math.erf(g / math.sqrt(2.0))) for g in grid])
    phi[0], phi[-1] = 0.0, 1.0  # clipped inputs beyond ±6 then give exactly 0 and x
    slope = np.append(np.diff(phi), 0.0)
    return phi.astype(np.float32), slope.astype(np.float32)


def gelu_inplace(x: npt.NDArray[np.float32]) -> None:
    """Replace the values of the float32 array `x` by GELU(x) = x·Φ(x)."""
    phi, slope = _phi_table()
    position = x * np.float32(_STEPS_PER_UNIT)
    position += np.float32(-_LOW * _STEPS_PER_UNIT)
    np.clip(position, 0.0, np.float32(_SIZE - 1e-3), out=position)
    index = position.astype(np.int32)
    position -= index  # now the fraction of the way to the next grid point
    position *= slope.take(index)
    position += phi.take(index)
    x *= position
