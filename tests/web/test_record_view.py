"""A record in a list: its excerpt (cut at a word) and its whole-number counts."""

from __future__ import annotations

from beatwire.web.record_view import counts, excerpt


def test_a_short_text_is_its_own_excerpt() -> None:
    assert excerpt("three short words", limit=20) == "three short words"


def test_a_long_text_is_cut_before_the_word_that_would_pass_the_limit() -> None:
    assert excerpt("one two three four", limit=12) == "one two…"


def test_a_single_long_word_is_cut_inside_it() -> None:
    assert excerpt("x" * 30, limit=10) == "x" * 9 + "…"


def test_counts_keep_whole_numbers_only() -> None:
    found = counts({"likes": 3, "score": 7.0, "hidden": True, "label": "hot", "ratio": None})
    assert found == {"likes": 3, "score": 7}
    assert counts(None) == {}
