"""Ratios against nothing: "57-fold", "N times", "up N%" or "tripled" over a zero or tiny baseline.

A ratio is only news when the level it multiplies is real. The baseline is the one the
claim states ("against a typical 0", "from 2", "a normal day brings about 8"), else the
signal's own. It is tiny when it is under `TINY_COUNT` records for a signal that counts
records, or under `TINY_LEVEL` (3 points) in absolute value for one measured on a scale
from -1 to 1 (a share, a mean sentiment): from 1 to 57 records, or from 0.01 to 0.4 of a
beat, the ratio measures chance, not attention.
"""

from __future__ import annotations

import re

from beatwire.newsroom.fidelity.checks import Check, outside_quotes
from beatwire.newsroom.fidelity.grounding import Ground

TINY_COUNT = 3.0
TINY_LEVEL = 0.03
_FIGURE = r"(\d[\d,]*(?:\.\d+)?)"
_RATIO = re.compile(
    rf"{_FIGURE}\s*-?\s*fold\b|\b(?:two|three|four|five|ten|hundred)fold\b|"
    rf"{_FIGURE}\s*(?:times|x|×)\s+(?:its|the|their|as|what|a|more|higher|larger|bigger|"
    r"usual|normal|typical|over)\b|"
    rf"\b(?:up|rose|risen|rising|jumped|jumps|grew|climbed|surged|soared|increased|gained)\s+"
    rf"(?:by\s+)?{_FIGURE}\s*(?:%|percent\b)|"
    r"\b(?:doubl|tripl|quadrupl)(?:ed|es|ing|e)\b",
    re.IGNORECASE,
)
_STATED = re.compile(
    rf"\b(?:usual|typical|normal|median|baseline|average|ordinary)\b[^\d.;!?]{{0,25}}?{_FIGURE}"
    rf"(\s*%)?|\bfrom\s+(?:just\s+|only\s+|a\s+mere\s+)?{_FIGURE}(\s*%)?",
    re.IGNORECASE,
)


def _stated_baseline(text: str, counts: bool) -> float | None:
    """Return the baseline the claim states, in the signal's unit (a share for a scale)."""
    match = _STATED.search(text)
    if match is None:
        return None
    figure, percent = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    value = float(figure.replace(",", ""))
    return value / 100 if percent and not counts else value


def is_tiny(baseline: float, counts: bool) -> bool:
    """Return whether a ratio over `baseline` measures chance rather than attention."""
    return baseline < TINY_COUNT if counts else abs(baseline) < TINY_LEVEL


def ratio_checks(text: str, ground: Ground) -> list[Check]:
    """Return whether each ratio of the claim stands on a baseline that is not zero or tiny."""
    bare = outside_quotes(text)
    ratios = [match.group(0) for match in _RATIO.finditer(bare)]
    stated = _stated_baseline(bare, ground.counts)
    baseline = stated if stated is not None else ground.baseline
    if not ratios or baseline is None:
        return []
    tiny = is_tiny(baseline, ground.counts)
    limit = f"{TINY_COUNT:g} records" if ground.counts else f"{TINY_LEVEL:g} on its scale"
    detail = f"against a baseline of {baseline:g}"
    detail += f", under the tiny limit of {limit}" if tiny else ""
    return [Check("baseline", not tiny, f"{ratio}: {detail}") for ratio in ratios]
