"""The beat taxonomy: one `Beat` for pages and the classifier, read from data/beats.toml."""

from __future__ import annotations

from beatwire.analysis.beats import load_beats
from beatwire.taxonomy import beat_name, load_taxonomy


def test_the_classifier_reads_the_same_beats_the_pages_show() -> None:
    shown = load_taxonomy()
    assert tuple(load_beats()) == shown
    assert all(beat.cues for beat in shown)  # the cues ride on the one Beat


def test_an_unknown_slug_is_named_by_itself() -> None:
    assert beat_name(load_taxonomy()[0].slug) == load_taxonomy()[0].name
    assert beat_name("no-such-beat") == "no-such-beat"
