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
