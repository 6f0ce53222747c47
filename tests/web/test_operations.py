"""What an operator and a careless visitor meet: HEAD, the site's own 404, echoes kept clean."""

from __future__ import annotations

import httpx2
import pytest

from beatwire.config import Settings
from beatwire.web.filters import printable


@pytest.mark.parametrize("path", ["/", "/feeds/stories.atom", "/methodology/", "/v1/openapi.json"])
def test_head_is_answered_wherever_get_is(client: httpx2.Client, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert got.status_code == head.status_code == 200
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.content == b""


def test_an_unknown_page_gets_the_sites_own_404(client: httpx2.Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "There is no page at this address." in response.text
    assert 'href="' in response.text  # the site's navigation, not a bare JSON body


def test_an_unknown_api_path_stays_json(client: httpx2.Client) -> None:
    response = client.get("/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_control_characters_typed_into_a_search_never_reach_the_page(
    client: httpx2.Client,
) -> None:
    html = client.get("/search/", params={"q": "gpu\x00\x1b[31m\x07 prices"}).text
    assert not any(ch in html for ch in "\x00\x1b\x07")
    assert "gpu[31m prices" in html


def test_printable_keeps_text_and_line_breaks() -> None:
    assert printable("a\x00b\tc\nd\x9be") == "ab\tc\nde"
    assert printable(3) == 3


def test_feeds_link_to_the_address_they_were_asked_at(client: httpx2.Client) -> None:
    body = client.get("/feeds/stories.atom").text
    assert f'href="{str(client.base_url).rstrip("/")}/' in body
    assert "127.0.0.1:8000" not in body  # the served port is another one


def test_a_configured_base_url_is_where_feeds_and_exports_link() -> None:
    settings = Settings()
    assert settings.web.public_base() == "http://127.0.0.1:8000"
    settings.web.base_url = "https://news.example.org/"
    assert settings.web.public_base() == "https://news.example.org"
