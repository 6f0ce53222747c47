"""A story page as a first-time reader needs it: citations 1..N in order of first use, names
as the source cards spell them, the item and the article linked apart, a badge that says what
was checked, one stated basis for the figures and an event timeline."""

from __future__ import annotations

import re
from typing import Any

import httpx2
import pytest

from beatwire.web.context.checks import check_summary
from beatwire.web.context.citations import first_use, renumber, spell_handles
from beatwire.web.links import item_links, points_elsewhere

MARKER = re.compile(r"\[(\d+)\]")


@pytest.fixture(scope="module")
def story(client: httpx2.Client, seeded: dict[str, Any]) -> dict[str, Any]:
    return client.get(f"/stories/{seeded['slugs'][1]}/index.json").json()


@pytest.fixture(scope="module")
def html(client: httpx2.Client, seeded: dict[str, Any]) -> str:
    return client.get(f"/stories/{seeded['slugs'][1]}/").text


def test_citations_are_numbered_one_to_n_in_order_of_first_use(story: dict[str, Any]) -> None:
    firsts = list(dict.fromkeys(int(n) for n in MARKER.findall(story["story"]["body"])))
    assert firsts == list(range(1, len(firsts) + 1))
    assert [c["number"] for c in story["citations"]] == [1, 2, 3, 4, 5]


def test_body_markers_and_source_cards_are_renumbered_together(
    client: httpx2.Client, seeded: dict[str, Any], story: dict[str, Any], html: str
) -> None:
    # Stored as [1] [3] [2] [6] [7]: the record stored as 3 is cited second, so it is now [2].
    text = client.get(f"/stories/{seeded['slugs'][1]}/index.txt").text
    assert "within hours [2]. Others pushed back [3]" in story["story"]["body"]
    assert "[6]" not in html.split('id="fidelity"')[0]
    assert 'id="cite-5"' in html and 'id="cite-6"' not in html and 'id="cite-7"' not in html
    assert "[5] Hacker News" in text


def test_a_handle_is_spelled_as_on_its_source_card(story: dict[str, Any], html: str) -> None:
    handle = story["citations"][0]["author"]
    assert handle and handle != handle.capitalize()
    assert f"{handle} put it plainly" in story["story"]["body"]
    assert handle.capitalize() not in story["story"]["body"]
    assert f'<span class="author">{handle}</span>' in html


def test_a_card_shows_the_display_name_the_text_may_use(
    client: httpx2.Client, seeded: dict[str, Any]
) -> None:
    named = 0
    for slug in seeded["slugs"][:-1]:
        html = client.get(f"/stories/{slug}/").text
        cited = client.get(f"/stories/{slug}/index.json").json()["citations"]
        for c in cited:
            if c["author_name"]:
                named += 1
                assert f'<span class="author-name">{c["author_name"]}</span>' in html
    assert named > 0


def test_a_hacker_news_card_links_the_discussion_and_apart_the_article(
    story: dict[str, Any], html: str
) -> None:
    hn = story["citations"][4]
    assert hn["platform"] == "Hacker News"
    assert hn["url"].startswith("https://news.ycombinator.com/item?id=")
    assert hn["article_url"] and "ycombinator" not in hn["article_url"]
    assert f'class="item-link" href="{hn["url"]}"' in html
    assert f'class="article-link" href="{hn["article_url"]}"' in html


def test_item_links_keep_a_platform_permalink_and_the_linked_article() -> None:
    hn = item_links("hackernews", "42", "https://ex.org/a", {})
    assert hn == ("https://news.ycombinator.com/item?id=42", "https://ex.org/a")
    reddit = item_links(
        "reddit", "t3_x", "https://www.reddit.com/r/a/x/", {"link": "https://b.org"}
    )
    assert reddit == ("https://www.reddit.com/r/a/x/", "https://b.org")
    assert item_links("bluesky", "p", "https://bsky.app/p", {}) == ("https://bsky.app/p", None)
    assert item_links("news", "n", "javascript:alert(1)", {"link": "data:x"}) == (None, None)


def test_the_badge_says_what_was_checked_and_warns_below_100(html: str) -> None:
    assert "4 claims checked: figures, citations. 1 failed (figures)." in html
    assert 'class="check-badge check-warn"' in html and "<strong>Warning:</strong>" in html


def test_a_clean_report_reads_all_passed_without_a_warning() -> None:
    report = {
        "score": 100.0,
        "claims_checked": 14,
        "claims_passed": 14,
        "failed_checks": {},
        "claims": [{"checks": [{"kind": k, "ok": True}]} for k in ("quote", "number", "name")],
    }
    summary = check_summary(report)
    assert summary.sentence() == "14 claims checked: quotes, figures, names. All passed."
    assert not summary.warning


def test_the_figures_have_one_stated_basis(story: dict[str, Any], html: str) -> None:
    assert story["sample"] > 0
    assert f"the {story['sample']} records Beatwire drew as evidence for this story" in html
    assert "each once, under its main subject, leaving out copies" in html


def test_the_timeline_marks_the_event_day(
    client: httpx2.Client, seeded: dict[str, Any], story: dict[str, Any], html: str
) -> None:
    timeline = story["timeline"]
    assert timeline["event_day"] == story["dateline"][:10]
    assert timeline["event_day"] in timeline["days"]
    assert len(timeline["records"]) == len(timeline["attention"]) == len(timeline["days"])
    # One basis: the event's day shows the count the story gives ("N records in one day").
    stated = int(story["story"]["dek"].split()[0])
    assert timeline["records"][timeline["days"].index(timeline["event_day"])] == stated
    assert f"{timeline['event_day']} ▲ event" in html
    svg = client.get(f"/stories/{seeded['slugs'][1]}/timeline.svg")
    assert svg.headers["content-type"] == "image/svg+xml"
    assert f"▲{timeline['event_day'][5:]}" in svg.text


def test_renumbering_and_spelling_helpers() -> None:
    mapping = first_use("a [3] b [1] c [3] d [9]", [1, 3, 6])
    assert mapping == {3: 1, 1: 2, 6: 3}
    assert renumber("a [3] b [1] c [9]", mapping) == "a [1] b [2] c [9]"
    assert spell_handles("Esolberg said. xesolberg no.", ["esolberg"]) == (
        "esolberg said. xesolberg no."
    )


def test_a_listed_record_says_when_its_link_leaves_the_platform() -> None:
    assert points_elsewhere("hackernews", "https://ex.org/a")
    assert not points_elsewhere("hackernews", "https://news.ycombinator.com/item?id=1")
    assert not points_elsewhere("reddit", "https://old.reddit.com/r/x/comments/1/")
    assert not points_elsewhere("news", "https://ex.org/a")  # a news record is the article


def test_search_results_label_an_hn_article_link_as_the_article(client: httpx2.Client) -> None:
    data = client.get("/search/index.json?q=a&scope=records&platform=hackernews").json()
    html = client.get("/search/?q=a&scope=records&platform=hackernews").text
    shared = [r for r in data["records"] if "ycombinator" not in (r["url"] or "")]
    assert shared
    assert "The article it links to" in html and "Open the original" not in html
