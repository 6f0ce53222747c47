"""Links: the site's public base, the way back to its root, which outside URLs may be linked."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def site_base(request: Any) -> str:
    """Return the site's public base URL for absolute links (feeds, plain text), no trailing /.

    `web.base_url` when it is set; otherwise the address the request came to, so a site
    served on another port or host links to itself.
    """
    configured = str(request.app.state.settings.web.base_url).rstrip("/")
    return configured or str(request.base_url).rstrip("/")


def root_for(path: str) -> str:
    """Return the relative prefix from the page at `path` back to the site root."""
    directory = path.rsplit("/", 1)[0] if not path.endswith("/") else path.rstrip("/")
    depth = directory.strip("/").count("/") + (1 if directory.strip("/") else 0)
    return "../" * depth


def safe_url(url: str | None) -> str | None:
    """Return `url` when it is an absolute http(s) URL, else None: no javascript:, data:..."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


# Where a platform's own page for an item lives, when the record's URL may point elsewhere.
ITEM_PAGES = {"hackernews": "https://news.ycombinator.com/item?id={}"}


def item_links(
    provider: str, native_id: str | None, url: str | None, extra: dict[str, Any] | None
) -> tuple[str | None, str | None]:
    """Return (the item on its platform, the article it points to) as safe URLs, either None.

    A Hacker News story's URL may be the article it links: the discussion is the item page.
    """
    pattern = ITEM_PAGES.get(provider)
    original = pattern.format(native_id) if pattern and native_id else safe_url(url)
    linked = (extra or {}).get("link")
    article = safe_url(linked if isinstance(linked, str) else None)
    if article is None and url and safe_url(url) != original:
        article = safe_url(url)
    return original, None if article == original else article


# The hosts of a platform's own item pages: a record URL elsewhere is an article it shares.
ITEM_HOSTS = {
    "hackernews": ("news.ycombinator.com",),
    "reddit": ("reddit.com", "redd.it"),
    "bluesky": ("bsky.app",),
    "youtube": ("youtube.com", "youtu.be"),
    "huggingface": ("huggingface.co",),
    "arxiv": ("arxiv.org",),
}


def points_elsewhere(provider: str, url: str | None) -> bool:
    """Return whether a record's URL leaves its platform (an HN story's article, say)."""
    hosts = ITEM_HOSTS.get(provider)
    host = (urlsplit(url).hostname or "") if url else ""
    if not hosts or not host:
        return False
    return not any(host == h or host.endswith("." + h) for h in hosts)
