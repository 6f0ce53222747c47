"""HTML fragments to text."""

from __future__ import annotations

from beatwire.sources._html import html_to_text


def test_paragraphs_become_blank_lines() -> None:
    assert html_to_text("One<p>Two<p>Three") == "One\n\nTwo\n\nThree"


def test_entities_are_decoded() -> None:
    assert html_to_text("a &amp; b &#x27;c&#x27; &gt;") == "a & b 'c' >"


def test_shortened_link_label_gives_the_full_address() -> None:
    html = 'see <a href="https://example.org/a/very/long/path" rel="nofollow">https://example.org/a/very/lo...</a>'
    assert html_to_text(html) == "see https://example.org/a/very/long/path"


def test_link_with_words_keeps_the_words() -> None:
    assert (
        html_to_text('read <a href="https://example.org/x">the post</a> now') == "read the post now"
    )


def test_scripts_are_dropped_and_lines_kept() -> None:
    assert html_to_text("<div>a</div><script>x()</script><div>b<br>c</div>") == "a\nb\nc"


def test_empty_and_plain_text() -> None:
    assert html_to_text(None) == "" and html_to_text("") == ""
    assert html_to_text("plain  text") == "plain text"


def test_unclosed_anchor_keeps_its_text() -> None:
    assert html_to_text('x <a href="https://e.org">label') == "x label"
