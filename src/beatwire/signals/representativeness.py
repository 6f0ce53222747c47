"""Representativeness: who is behind a signal's records, and on which platforms.

A spike made by one account, or a handful, is a flood, not a change in what
people say: every signal carries its author concentration and platform mix,
and detectors drop those whose few top authors wrote too large a share.
"""

from __future__ import annotations

import numpy as np

from beatwire.model import PLATFORM_NAMES, Representativeness
from beatwire.store.frames import Ints, RecordFrame


def mix_sentence(records: int, authors: int, top_share: float, platforms: dict[str, float]) -> str:
    """Return one plain sentence with the figures of a mix."""
    mix = ", ".join(
        f"{share:.0%} {PLATFORM_NAMES.get(name, name)}"
        for name, share in list(platforms.items())[:3]
    )
    return (
        f"The {records} records came from {authors} accounts; the most active "
        f"wrote {top_share:.0%} of them ({mix})."
    )


def mix_of(frame: RecordFrame, rows: Ints) -> Representativeness:
    """Return the representativeness of the records at positions `rows` of `frame`."""
    if not len(rows):
        return Representativeness(0, 0, 0.0, 0.0, {}, mix_sentence(0, 0, 0.0, {}))
    authors = np.bincount(frame.authors.codes[rows])
    per_author = np.sort(authors[authors > 0])[::-1]
    platforms = np.bincount(frame.platforms.codes[rows], minlength=len(frame.platforms.names))
    order = np.argsort(-platforms, kind="stable")
    total = float(len(rows))
    shares = {
        frame.platforms.names[code]: platforms[code] / total
        for code in order
        if platforms[code] > 0
    }
    top = per_author[0] / total
    return Representativeness(
        records=len(rows),
        authors=len(per_author),
        top_author_share=top,
        top3_author_share=per_author[:3].sum() / total,
        platforms=shares,
        sentence=mix_sentence(len(rows), len(per_author), top, shares),
    )


def is_flood(mix: Representativeness, max_top3_share: float, min_authors: int) -> bool:
    """Return True when a few accounts wrote so much that the records say nothing general."""
    return mix.top3_author_share > max_top3_share or mix.authors < min_authors
