"""Robust baselines: median and MAD of the trailing days, or of the same weekday in past weeks."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# MAD times this estimates the standard deviation of normal data.
MAD_TO_SIGMA = 1.4826
WEEK_DAYS = 7
# the least daily rate a count is tested against: a key usually silent is still expected to
# say something now and then (half a record a day), so one or two records are never news
MIN_RATE = 0.5


def poisson_tail(count: int, rate: float) -> float:
    """Return P(X >= count) for X ~ Poisson(rate): how surprising `count` is at that rate."""
    if count <= 0:
        return 1.0
    if count <= rate:
        return 1.0  # at or under the usual level: never a surprise worth computing exactly
    log_term = -rate + count * math.log(rate) - math.lgamma(count + 1)
    total, k = 0.0, count
    while True:  # terms shrink by rate / k < 1 from here: sum until they no longer count
        term = math.exp(log_term)
        total += term
        k += 1
        log_term += math.log(rate) - math.log(k)
        if term < total * 1e-12 or term == 0.0:
            return min(total, 1.0)


def binomial_tail(hits: int, trials: int, share: float) -> float:
    """Return P(X >= hits) for X ~ Binomial(trials, share): how surprising a share is."""
    if hits <= 0:
        return 1.0
    if hits > trials or share <= 0.0:
        return 0.0
    if share >= 1.0 or hits <= trials * share:
        return 1.0  # at or under the usual share: never a surprise worth computing exactly
    log_odds = math.log(share) - math.log1p(-share)
    log_term = (math.lgamma(trials + 1) - math.lgamma(hits + 1) - math.lgamma(trials - hits + 1)
                + hits * math.log(share) + (trials - hits) * math.log1p(-share))  # fmt: skip
    total = 0.0
    for k in range(hits, trials + 1):  # terms shrink from here (hits is above the mean)
        term = math.exp(log_term)
        total += term
        if term < total * 1e-12 or k == trials:
            break
        log_term += math.log(trials - k) - math.log(k + 1) + log_odds
    return min(total, 1.0)


@dataclass(frozen=True, slots=True)
class Baseline:
    """Where a value usually sits, how far it usually strays, and which past days say so."""

    median: float
    spread: float  # MAD-based sigma, floored so quiet keys do not give infinite z-scores
    days: int = 0  # how many past days it summarises
    weekday: str | None = None  # "Tuesday" when it summarises only that weekday of past weeks
    mean: float = 0.0  # of the past days

    @property
    def rate(self) -> float:
        """Return the daily rate a count is tested against: median or mean, whichever is higher."""
        return max(self.median, self.mean, MIN_RATE)

    def surprise(self, count: int) -> float:
        """Return the chance of at least `count` at this baseline's rate (Poisson)."""
        return poisson_tail(count, self.rate)

    def least_count(self, max_p: float) -> int:
        """Return the least count whose chance at this baseline's rate is at most `max_p`."""
        count = max(1, int(self.rate))
        while poisson_tail(count, self.rate) > max_p:
            # far below the answer: jump by a standard deviation, then walk one at a time
            step = int(math.sqrt(self.rate)) if poisson_tail(count, self.rate) > 0.5 else 1
            count += max(step, 1)
        return count

    def z(self, value: float) -> float:
        """Return the robust z-score of `value` against this baseline."""
        return (value - self.median) / self.spread

    @property
    def kind(self) -> str:
        """Return "same_weekday" or "trailing_days", as signal details name the baseline."""
        return "trailing_days" if self.weekday is None else "same_weekday"

    def against(self, count: int) -> str:
        """Return "3.2 times its median of 10 a day over the previous 14 days" (or "6 Tuesdays")."""
        if self.weekday is None:
            over = f"a day over the previous {self.days} days"
        else:
            over = f"on the previous {self.days} {self.weekday}s"
        if self.median < 1:
            return f"against a median of {self.median:g} {over}"
        return f"{count / self.median:.1f} times its median of {self.median:g} {over}"


def trailing_baseline(history: np.ndarray, weekday: str | None = None) -> Baseline:
    """Return the median/MAD baseline of `history`: the past days a tested day is against."""
    median = float(np.median(history))
    mad = float(np.median(np.abs(history - median))) * MAD_TO_SIGMA
    # Counts are Poisson-like: their noise is at least sqrt(mean), whatever the MAD says.
    spread = max(mad, float(np.sqrt(max(median, 1.0))))
    mean = float(np.mean(history)) if len(history) else 0.0
    return Baseline(median=median, spread=spread, days=len(history), weekday=weekday, mean=mean)


def same_weekday(counts: np.ndarray, index: int, weeks: int) -> np.ndarray:
    """Return the counts on day `index`'s weekday in the `weeks` weeks before it, if on record."""
    past = index - WEEK_DAYS * np.arange(1, weeks + 1)
    return counts[past[past >= 0]]
