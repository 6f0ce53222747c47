"""Small helpers of the writers' prose: choice, numbers, dates, names, bylines, lists.

Every number a story prints passes through one of these formatters, so the
verifier's rounding tolerance (see `numbers.py`) always covers what was written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from beatwire.model import PLATFORM_NAMES
from beatwire.newsroom.evidence import EvidenceItem


def pick(options: Sequence[str], seed: str, salt: str) -> str:
    """Return one of `options`, chosen by a hash so the same story always reads the same."""
    digest = hashlib.sha256(f"{seed}|{salt}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def platform(name: str) -> str:
    """Return the display name of a platform."""
    return PLATFORM_NAMES.get(name, name)


def byline(item: EvidenceItem) -> str:
    """Return who wrote a record, as a story names them."""
    record = item.record
    if record.provider == "news":
        return str(record.extra.get("publisher") or record.author_name or "one news site")
    if record.provider == "arxiv":
        return "the authors of one paper"
    return str(record.author_name or record.author or "one user")


def count(value: float) -> str:
    """Return a count with thousands separators (`4,200`)."""
    return f"{round(value):,}"


def ratio(value: float) -> str:
    """Return a ratio to one decimal (`3.4`), without a trailing `.0` on whole numbers."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def percent(share: float) -> str:
    """Return a share in [0, 1] as a whole percentage (`42%`)."""
    return f"{round(share * 100)}%"


def points(delta: float) -> str:
    """Return a change of mean sentiment (in [-2, 2]) in whole points on a 100-point scale."""
    return f"{abs(round(delta * 100))}"


def tone(score: float) -> str:
    """Return a mean sentiment with its sign, two decimals (`+0.21`)."""
    return f"{score:+.2f}"


def day(moment: date) -> str:
    """Return a date as `November 3`."""
    return f"{moment:%B} {moment.day}"


def join(items: Sequence[str]) -> str:
    """Return `a`, `a and b` or `a, b and c`."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(amount: float, noun: str, many: str | None = None) -> str:
    """Return `1 record` or `3 records`."""
    word = noun if round(amount) == 1 else (many or noun + "s")
    return f"{count(amount)} {word}"


TINY_BASELINE = 3.0  # a usual count below this makes any ratio misleading: give both counts


def ratio_fits(baseline: float) -> bool:
    """Return whether a ratio against `baseline` means something (not a zero or tiny base)."""
    return baseline >= TINY_BASELINE


def usual(baseline: float) -> str:
    """Return a usual count as a story prints it: `none` for zero, else the count."""
    return "none" if round(baseline) == 0 else count(baseline)


def rise(value: float, baseline: float, effect: float) -> str:
    """Return how a count rose from its baseline, never a ratio against a zero or tiny base."""
    if ratio_fits(baseline):
        return f"{ratio(effect)} times the usual {count(baseline)}"
    if round(baseline) == 0:
        return "up from none on a typical day"
    return f"against a usual {count(baseline)}"


def multiple(value: float) -> str:
    """Return how a ratio reads in a headline: `doubles`, `triples` or `jumps 5.2-fold`."""
    words = {2: "doubles", 3: "triples", 4: "quadruples"}
    if value >= 1.8 and abs(value - round(value)) <= 0.25 and round(value) in words:
        return words[round(value)]
    return f"jumps {ratio(value)}-fold" if value >= 1.5 else "climbs"


def capital(text: str) -> str:
    """Return a phrase fit to open a sentence: our own "a paper on arXiv" gets a capital.

    A phrase that starts with a byline or a name is left alone: it keeps its record's case.
    """
    return text[:1].upper() + text[1:] if text.startswith(("a ", "an ")) else text


def clip(quote: str) -> str:
    """Return a quote without its closing full stop, for “quote”, said someone (still verbatim)."""
    return quote[:-1] if quote.endswith(".") and not quote.endswith("..") else quote


def a(word: str) -> str:
    """Return "an" before a word read with a vowel sound ("an arXiv paper"), else "a"."""
    return "an" if word[:1].lower() in ("a", "e", "i", "o") else "a"


def article(number_text: str) -> str:
    """Return "an" before numbers read with a vowel sound (8, 11, 18, 80...), else "a"."""
    return "an" if number_text.startswith(("8", "11", "18")) else "a"
