"""Hostile platform data is shown as text, never as markup; links from posts are tamed."""

from __future__ import annotations

import re
from typing import Any

import httpx2

from beatwire.web.links import safe_url
from beatwire.web.render import body_html


def test_hostile_story_page_escapes_every_field(client: httpx2.Client) -> None:
    html = client.get("/stories/hostile-story/").text
    assert "<script>window" not in html and "<img src=x" not in html
    assert "<svg onload" not in html and "<iframe" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;" in html
    assert not re.search(r"href=\"\s*javascript:", html, re.I)


def test_links_from_posts_are_nofollow_noopener(
    client: httpx2.Client, seeded: dict[str, Any]
) -> None:
    html = client.get(f"/stories/{seeded['slugs'][1]}/").text
    outside = re.findall(r'<a ([^>]*href="https?://[^"]+"[^>]*)>', html)
    assert outside and all('rel="nofollow noopener noreferrer"' in attrs for attrs in outside)


def test_pages_carry_a_content_security_policy(client: httpx2.Client) -> None:
    headers = client.get("/").headers
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "script-src" not in headers["content-security-policy"]  # no script at all
    assert headers["x-content-type-options"] == "nosniff"


def test_feeds_escape_hostile_headlines(client: httpx2.Client) -> None:
    body = client.get("/feeds/stories.atom").text
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_body_html_shows_markup_as_text_and_links_markers() -> None:
    html = str(body_html("Hi <script>x()</script> [link](javascript:x) [2] and [2]."))
    assert "&lt;script&gt;" in html and "javascript:" not in html.split("[link]")[0]
    assert 'href="javascript' not in html
    assert html.count('id="ref-2"') == 1 and html.count('href="#cite-2"') == 2


def test_safe_url_keeps_only_absolute_http_links() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//ex.org",
        "/x",
        None,
        "",
    ):
        assert safe_url(bad) is None
