"""Representativeness: author concentration, platform mix, and the flood check."""

from __future__ import annotations

import numpy as np

from beatwire.signals.representativeness import is_flood, mix_of
from beatwire.store.frames import RecordFrame, encode


def frame(authors: list[str], platforms: list[str]) -> RecordFrame:
    count = len(authors)
    return RecordFrame(
        ids=np.arange(1, count + 1), times=np.zeros(count, np.int64),
        beats=encode(["ai-jobs"] * count), platforms=encode(platforms), authors=encode(authors),
        sentiment=np.zeros(count), kinds=encode(["post"] * count),
    )  # fmt: skip


def test_mix_counts_authors_and_platform_shares() -> None:
    records = frame(["a", "a", "b", "c"], ["bluesky", "reddit", "bluesky", "bluesky"])
    mix = mix_of(records, np.arange(4))
    assert (mix.records, mix.authors, mix.top_author_share, mix.top3_author_share) == (
        4,
        3,
        0.5,
        1.0,
    )
    assert mix.platforms == {"bluesky": 0.75, "reddit": 0.25}
    assert mix.sentence == (
        "The 4 records came from 3 accounts; the most active wrote 50% of them "
        "(75% Bluesky, 25% Reddit)."
    )


def test_one_account_flooding_is_not_a_signal() -> None:
    authors = ["bot"] * 40 + [f"user{i}" for i in range(10)]
    mix = mix_of(frame(authors, ["x"] * 50), np.arange(50))
    assert is_flood(mix, max_top3_share=0.5, min_authors=5)


def test_many_accounts_are_representative() -> None:
    authors = [f"user{i % 30}" for i in range(60)]
    mix = mix_of(frame(authors, ["bluesky"] * 60), np.arange(60))
    assert not is_flood(mix, max_top3_share=0.5, min_authors=5)


def test_too_few_accounts_is_a_flood_even_when_balanced() -> None:
    mix = mix_of(frame(["a", "b", "c", "d"] * 5, ["reddit"] * 20), np.arange(20))
    assert is_flood(mix, max_top3_share=0.9, min_authors=5)
