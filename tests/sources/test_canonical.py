"""Canonical URLs: tracking stripped, one spelling per document."""

from __future__ import annotations

import pytest

from beatwire.sources.canonical import canonical_url, is_tracking_param


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Example.COM/a/b", "https://example.com/a/b"),
        ("http://www.example.com/a", "https://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a/#section", "https://example.com/a"),
        ("https://example.com/", "https://example.com"),
        ("https://example.com/a?utm_source=x&utm_medium=y", "https://example.com/a"),
        ("https://example.com/a?fbclid=1&gclid=2&ref=hn&ref_src=tw", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/a?id=7&utm_campaign=z", "https://example.com/a?id=7"),
        ("https://user:pw@example.com/a", "https://example.com/a"),
        ("https://example.com/a%7Eb", "https://example.com/a~b"),
        ("  https://example.com/a  ", "https://example.com/a"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_non_http_urls_come_back_trimmed() -> None:
    assert canonical_url(" mailto:someone@example.com ") == "mailto:someone@example.com"
    assert canonical_url("not a url") == "not a url"


def test_bad_port_does_not_raise() -> None:
    assert canonical_url("https://example.com:99999/a") == "https://example.com:99999/a"


def test_tracking_params_are_recognised_case_insensitively() -> None:
    assert is_tracking_param("UTM_Source") and is_tracking_param("fbclid")
    assert not is_tracking_param("id") and not is_tracking_param("q")


def test_canonical_url_is_idempotent() -> None:
    once = canonical_url("HTTP://www.Example.com:80/x/y/?b=1&utm_term=a&a=2#top")
    assert canonical_url(once) == once
