"""Cron lines for intervals: what Procrastinate's periodic tasks take."""

from __future__ import annotations

_SECOND_STEPS = (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30)
_MINUTE_STEPS = _SECOND_STEPS
_HOUR_STEPS = (1, 2, 3, 4, 6, 8, 12)


def _step(value: float, steps: tuple[int, ...]) -> int:
    # The largest step not above the interval: a stage may run a little more often than
    # asked (it is idempotent), never less often.
    return max((step for step in steps if step <= value), default=steps[0])


def cron_every(seconds: float) -> str:
    """Return a cron line firing about every `seconds` (a sixth field counts seconds)."""
    if seconds < 60:
        return f"* * * * * */{_step(seconds, _SECOND_STEPS)}"
    if seconds < 3600:
        return f"*/{_step(seconds / 60, _MINUTE_STEPS)} * * * *"
    if seconds < 86400:
        return f"0 */{_step(seconds / 3600, _HOUR_STEPS)} * * *"
    return "0 3 * * *"  # daily and longer intervals run once a day, at a quiet hour
