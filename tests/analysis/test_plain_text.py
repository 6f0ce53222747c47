"""Markdown backslash escapes are resolved before the analysers read a text."""

from __future__ import annotations

from beatwire.analysis.pipeline import Item, build_analyzer
from beatwire.analysis.plain_text import plain_text
from beatwire.config import AnalysisSettings


def test_escaped_punctuation_reads_as_itself() -> None:
    assert plain_text(r"my\_repo \[1\] \*not bold\* \#tag") == "my_repo [1] *not bold* #tag"


def test_backslashes_before_other_characters_stay() -> None:
    assert plain_text(r"C:\Users\dev and \d+") == r"C:\Users\dev and \d+"


def test_an_escaped_repository_id_is_one_entity() -> None:
    analyzer = build_analyzer(AnalysisSettings(language="hint", embedder="none"))
    text = r"Read the notes at github.com/quillfeather/lantern\_notes\_v2 before you start."
    found, _ = analyzer.analyze([Item(1, text, "en")])
    names = [e.name for e in found[0].entities]
    assert "quillfeather/lantern_notes_v2" in names
    assert not [n for n in names if n.endswith("lantern")]
