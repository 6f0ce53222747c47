"""Story bodies to safe HTML: allowed Markdown only, `[N]` markers linked to their citations."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

# html=False: any markup in a body is shown as text, never interpreted.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable(
    ["image", "link", "autolink", "html_inline", "html_block"]
)
_MARKER = re.compile(r"\[(\d+)\]")


def body_html(body: str) -> Markup:
    """Return the story body as HTML with each `[N]` a link to citation N on the page."""
    html = _MARKDOWN.render(body)
    linked = _MARKER.sub(
        lambda m: (
            f'<a class="cite" href="#cite-{m.group(1)}" id="ref-{m.group(1)}">[{m.group(1)}]</a>'
        ),
        html,
    )
    return Markup(linked)  # markdown-it escaped the text; only our links are added
