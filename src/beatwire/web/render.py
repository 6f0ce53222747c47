"""Story bodies to safe HTML: allowed Markdown only, `[N]` markers linked to their citations."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

# html=False: any markup in a body is shown as text, never interpreted; links and images off.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable(
    ["image", "link", "autolink", "html_inline", "html_block"]
)
_MARKER = re.compile(r"\[(\d{1,3})\]")


def body_html(body: str) -> Markup:
    """Return the story body as HTML with each `[N]` a link to citation N on the page."""
    seen: set[str] = set()

    def link(match: re.Match[str]) -> str:
        number = match.group(1)
        # Only a marker's first appearance carries the id the citation links back to.
        anchor = "" if number in seen else f' id="ref-{number}"'
        seen.add(number)
        return (
            f'<a class="cite" href="#cite-{number}"{anchor} '
            f'aria-label="source {number}">[{number}]</a>'
        )

    return Markup(_MARKER.sub(link, _MARKDOWN.render(body)))  # text was escaped by markdown-it
