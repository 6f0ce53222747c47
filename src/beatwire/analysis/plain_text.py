"""The text the analysers read: a record's text without Markdown's backslash escapes.

Reddit and other Markdown sources escape punctuation ("lantern\\_notes\\_v2", "\\[1\\]"),
which would split repository ids, names and phrases where the writer wrote none. The
stored text keeps its escapes: quotes are taken from it verbatim.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation character.
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def plain_text(text: str) -> str:
    """Return the text with Markdown backslash escapes resolved to the characters they escape."""
    return _ESCAPE.sub(r"\1", text)
