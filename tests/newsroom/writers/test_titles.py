"""A trigger's title becomes a headline whole: an abbreviation's full stop ends no sentence."""

from __future__ import annotations

from beatwire.newsroom.writers.event import clean_title


def test_an_abbreviation_does_not_cut_a_title() -> None:
    assert clean_title("A few thoughts on Codex CLI vs. Claude Code") == (
        "A few thoughts on Codex CLI vs. Claude Code"
    )


def test_a_title_loses_its_final_full_stop_and_its_prefix() -> None:
    assert clean_title("Show HN: Nimbrook Labs releases Vireo-4.") == (
        "Nimbrook Labs releases Vireo-4"
    )
