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


def multiple(value: float) -> str:
    """Return how a ratio reads in a headline: `doubles`, `triples` or `jumps 5.2-fold`."""
    words = {2: "doubles", 3: "triples", 4: "quadruples"}
    if value >= 1.8 and abs(value - round(value)) <= 0.25 and round(value) in words:
        return words[round(value)]
    return f"jumps {ratio(value)}-fold" if value >= 1.5 else "climbs"


def sentence_case(text: str) -> str:
    """Return `text` with its first letter capitalised (names keep their case)."""
    return text[:1].upper() + text[1:] if text else text


def article(number_text: str) -> str:
    """Return "an" before numbers read with a vowel sound (8, 11, 18, 80...), else "a"."""
    return "an" if number_text.startswith(("8", "11", "18")) else "a"
