"""Canonical URLs: one spelling per document, so copies from many sources meet.

The canonical URL is an identity key, not the link shown to readers (that is
`Record.url`): it lowercases the scheme and host, drops `www.`, userinfo,
default ports, fragments and tracking parameters, sorts the query, removes a
trailing slash, and upgrades http to https (publishers serve both, and feeds
disagree about which one they print).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Parameters that say who sent the reader, never which document it is.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref",
        "referer",
        "referrer",
        "ncid",
        "cmpid",
        "smid",
        "sr_share",
        "share",
        "s_cid",
        "ocid",
        "taid",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "spm",
        "at_medium",
        "at_campaign",
        "__twitter_impression",
        "rss",
    }
)
TRACKING_PREFIXES = ("utm_", "ref_", "mkt_", "pk_", "hsa_", "oly_", "vero_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    """Return True when a query parameter only tracks where the reader came from."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Return the canonical spelling of an http(s) URL; other strings come back trimmed."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return text
    host = parts.hostname.rstrip(".").lower()
    host = host.removeprefix("www.")
    if port is not None and port not in _DEFAULT_PORTS.values():
        host = f"{host}:{port}"
    return urlunsplit(
        ("https", host, _canonical_path(parts.path), _canonical_query(parts.query), "")
    )


def _canonical_path(path: str) -> str:
    """Return the path with normalised escapes, no empty segments and no trailing slash."""
    segments = [quote(unquote(seg), safe="!$&'()*+,;=:@~-._") for seg in path.split("/")]
    kept = [seg for seg in segments if seg not in ("", ".")]
    return "/" + "/".join(kept) if kept else ""


def _canonical_query(query: str) -> str:
    """Return the query without tracking parameters, sorted so order does not matter."""
    pairs = [
        (k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not is_tracking_param(k)
    ]
    return urlencode(sorted(pairs), doseq=True)
