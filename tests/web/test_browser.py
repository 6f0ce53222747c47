"""The site in a real browser: the reader's journey at phone and desktop widths, hostile
records that must not run, and an accessibility check with axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
JOURNEY_PAGES = ("home", "story", "citation", "beat", "search", "feed")


def _shot(page: Any, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("size", list(WIDTHS))
def test_reader_journey_home_story_citation_beat_search_feed(
    browser: Any, live_url: str, screenshots: Path, size: str
) -> None:
    context = browser.new_context(viewport=WIDTHS[size], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_url}/")
    assert page.locator("#lead-headline").is_visible()
    _shot(page, screenshots, f"{size}-1-home")

    page.locator("#lead-headline a").click()
    assert "/stories/" in page.url
    assert page.locator("h1#headline").is_visible()
    _shot(page, screenshots, f"{size}-2-story")

    page.locator("a.cite").first.click()
    assert page.url.endswith("#cite-1")
    cited = page.locator("#cite-1")
    assert cited.is_visible()
    assert cited.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert cited.locator(".platform").inner_text()
    page.screenshot(path=str(screenshots / f"{size}-3-citation.png"))

    page.locator(".story-head .kicker a").click()
    assert "/beats/" in page.url
    page.wait_for_load_state("load")
    assert page.locator("img[src='volume.svg']").evaluate("i => i.complete && i.naturalWidth") > 0
    _shot(page, screenshots, f"{size}-4-beat")

    page.goto(f"{live_url}/search/")
    page.fill("#q", "regulation")
    page.select_option("select[name=scope]", "all")
    page.locator(".search-form button").click()
    assert "q=regulation" in page.url
    assert page.locator(".record").count() > 0
    _shot(page, screenshots, f"{size}-5-search")

    response = page.goto(f"{live_url}/feeds/stories.rss")
    assert response is not None and response.ok
    assert "<rss" in response.text()
    page.screenshot(path=str(screenshots / f"{size}-6-feed.png"))
    context.close()


def test_hostile_records_run_nothing_even_without_csp(
    browser: Any, live_url: str, screenshots: Path
) -> None:
    # bypass_csp: escaping alone must hold; the CSP header is a second wall, tested apart.
    context = browser.new_context(bypass_csp=True, viewport=WIDTHS["desktop"])
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/stories/hostile-story/", "/search/?q=pwned", "/wire/", "/beats/ai-regulation/"):
        page.goto(f"{live_url}{path}")
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("script").count() == 0, path
        handlers = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap(el => [...el.attributes])"
            ".filter(a => a.name.startsWith('on')).length"
        )
        assert handlers == 0, path
        assert page.locator("a[href^='javascript' i], iframe, svg, style").count() == 0, path
    page.goto(f"{live_url}/stories/hostile-story/")
    for link in page.locator("a[href^='http']").all():
        assert link.get_attribute("rel") == "nofollow noopener noreferrer"
    page.locator("a.cite").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    _shot(page, screenshots, "hostile-story")
    assert dialogs == []
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/stories/story-0000-ai-creative-industries/",
        "/beats/ai-agents/",
        "/search/?q=chip",
        "/wire/",
        "/methodology/",
        "/narratives/nar_1/",
    ],
)
def test_pages_pass_axe_accessibility_checks(browser: Any, live_url: str, path: str) -> None:
    context = browser.new_context(bypass_csp=True, viewport=WIDTHS["desktop"])
    page = context.new_page()
    page.goto(f"{live_url}{path}")
    results = Axe().run(page)
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]
    ]
    assert violations == []
    context.close()
