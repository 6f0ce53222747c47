"""HTML fragments to text."""

from __future__ import annotations

import pytest

from beatwire.sources._html import html_to_text, unescape_once


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


@pytest.mark.parametrize(
    ("escaped", "text"),
    [
        (
            "R&amp;D &lt;b&gt; &quot;ok&quot; it&#39;s it&#x27;s it&apos;s",
            "R&D <b> \"ok\" it's it's it's",
        ),
        ("&amp;amp; stays &amp;", "&amp; stays &"),
        ("&amp;lt;", "&lt;"),
        (
            "AT&T and &copy and &eacute; and &nbsp; are left alone",
            "AT&T and &copy and &eacute; and &nbsp; are left alone",
        ),
        ("&#0; &#xD800; &#1114112;", "&#0; &#xD800; &#1114112;"),
        ("no entities", "no entities"),
    ],
)
def test_unescape_once_decodes_what_apis_escape_in_one_pass(escaped: str, text: str) -> None:
    assert unescape_once(escaped) == text
