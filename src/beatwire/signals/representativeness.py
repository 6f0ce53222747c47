"""Representativeness: who is behind a signal's records, and on which platforms.

A spike made by one account, or a handful, is a flood, not a change in what
people say: every signal carries its author concentration and platform mix,
and detectors drop those whose few top authors wrote too large a share.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from beatwire.model import PLATFORM_NAMES
from beatwire.store.frames import Ints, RecordFrame


@dataclass(frozen=True, slots=True)
class Mix:
    """Author concentration and platform mix of a set of records."""

    records: int
    authors: int
    top_author_share: float  # share of the records written by the most active account
    top3_share: float  # share written by the three most active accounts
    platforms: dict[str, float]  # platform -> share of the records, largest first

    def as_details(self) -> dict[str, object]:
        """Return the mix as JSON-ready details of a signal."""
        return {
            "records": self.records,
            "authors": self.authors,
            "top_author_share": round(self.top_author_share, 4),
            "top3_author_share": round(self.top3_share, 4),
            "platforms": {name: round(share, 4) for name, share in self.platforms.items()},
        }

    def sentence(self) -> str:
        """Return one plain sentence with the figures."""
        mix = ", ".join(
            f"{share:.0%} {PLATFORM_NAMES.get(name, name)}"
            for name, share in list(self.platforms.items())[:3]
        )
        return (
            f"The {self.records} records came from {self.authors} accounts; the most active "
            f"wrote {self.top_author_share:.0%} of them ({mix})."
        )


def mix_of(frame: RecordFrame, rows: Ints) -> Mix:
    """Return the representativeness of the records at positions `rows` of `frame`."""
    if not len(rows):
        return Mix(0, 0, 0.0, 0.0, {})
    authors = np.bincount(frame.authors.codes[rows])
    per_author = np.sort(authors[authors > 0])[::-1]
    platforms = np.bincount(frame.platforms.codes[rows], minlength=len(frame.platforms.names))
    order = np.argsort(-platforms, kind="stable")
    total = float(len(rows))
    return Mix(
        records=len(rows),
        authors=len(per_author),
        top_author_share=per_author[0] / total,
        top3_share=per_author[:3].sum() / total,
        platforms={
            frame.platforms.names[code]: platforms[code] / total
            for code in order
            if platforms[code] > 0
        },
    )


def is_flood(mix: Mix, max_top3_share: float, min_authors: int) -> bool:
    """Return True when a few accounts wrote so much that the records say nothing general."""
    return mix.top3_share > max_top3_share or mix.authors < min_authors
