"""HTML fragments (HN comments, feed descriptions, Reddit bodies) to plain text.

Plain-text fields that an API HTML-escapes (X's tweet text, Reddit's titles and
bodies without `raw_json=1`, YouTube's search snippets) go through
`unescape_once` instead: one pass over the few entities those APIs write, so a
literal "&amp;" someone typed (sent as "&amp;amp;") stays "&amp;".
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

# Elements that end a paragraph or a line when rendered.
_PARAGRAPH = frozenset({"p", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"})
_LINE = frozenset({"br", "div", "li", "tr", "dt", "dd", "figcaption", "hr", "table", "section"})
_SKIP = frozenset({"script", "style", "noscript", "template", "head"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_TAG_HINT = re.compile(r"<[a-zA-Z/!]")
_ESCAPED = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


class _TextCollector(HTMLParser):
    """Collects the visible text of an HTML fragment, keeping paragraphs and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._href: str | None = None
        self._anchor: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _PARAGRAPH:
            self.parts.append("\n\n")
        elif tag in _LINE:
            self._newline()
        elif tag == "a":
            self._href = dict(attrs).get("href") or None
            self._anchor = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LINE:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _PARAGRAPH:
            self.parts.append("\n\n")
        elif tag in ("li", "tr", "div"):
            self._newline()
        elif tag == "a" and self._href is not None:
            self.parts.append(_link_text("".join(self._anchor), self._href))
            self._href = None

    def _newline(self) -> None:
        # Adjacent block ends and starts (</div><div>) make one line break, not a paragraph.
        if not self.parts or not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._href is not None:
            self._anchor.append(data)
        else:
            self.parts.append(data)


def _link_text(label: str, href: str) -> str:
    """Return a link as text: its label, or its full address when the label shortens it."""
    shown = label.strip()
    if not shown:
        return href if href.startswith(("http://", "https://")) else ""
    # HN and feeds print long addresses cut short with "..."; the href is the whole of it.
    if shown.rstrip(".…") and href.startswith(shown.rstrip(".…")):
        return href
    return label


def html_to_text(fragment: str | None) -> str:
    """Return the readable text of an HTML fragment: entities decoded, paragraphs kept."""
    if not fragment:
        return ""
    if not _TAG_HINT.search(fragment):
        return _tidy(unescape(fragment))
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    if collector._href is not None:  # an unclosed <a>: keep what it held
        collector.parts.append("".join(collector._anchor))
    return _tidy("".join(collector.parts))


def _tidy(text: str) -> str:
    """Return text with runs of spaces collapsed and at most one blank line between paragraphs."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def unescape_once(text: str) -> str:
    """Return `text` with &amp; &lt; &gt; &quot; &apos; and numeric references decoded, once."""
    if "&" not in text:
        return text
    return _ESCAPED.sub(_decoded, text)


def _decoded(match: re.Match[str]) -> str:
    named, decimal, hexadecimal = match.groups()
    if named:
        return _NAMED[named]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    # A reference to no character (a surrogate, past U+10FFFF, NUL) stays as it was written.
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return match.group(0)
    return chr(code)
