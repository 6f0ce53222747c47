"""Every platform adapter by name: the one place that knows which sources exist."""

from __future__ import annotations

from typing import cast

from beatwire.errors import SourceError
from beatwire.sources import (
    arxiv,
    bluesky,
    hackernews,
    huggingface,
    mastodon,
    news,
    reddit,
    replay,
    x,
    youtube,
)
from beatwire.sources.base import SourceModule

SOURCES: dict[str, SourceModule] = {
    module.NAME: cast(SourceModule, module)
    for module in (
        bluesky,
        reddit,
        hackernews,
        news,
        arxiv,
        huggingface,
        youtube,
        mastodon,
        x,
        replay,
    )
}


def get_source(name: str) -> SourceModule:
    """Return the adapter module called `name`, or raise SourceError listing the known ones."""
    try:
        return SOURCES[name]
    except KeyError:
        known = ", ".join(sorted(SOURCES))
        raise SourceError(name, f"unknown source (known: {known})") from None
