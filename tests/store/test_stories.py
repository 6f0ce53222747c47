"""Stories on SQLite and PostgreSQL: versions saved (held ones never hide published ones), read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beatwire.model import Citation
from beatwire.store.engine import Store
from beatwire.store.stories import (
    citing_stories,
    current_signal_ids,
    latest_version,
    list_stories,
    public_story,
    published_versions,
    search_stories,
    slug_taken,
    story_by_slug,
    story_history,
    story_row,
    story_version,
    version_citations,
    withdraw_versions,
)
from tests.store.builders import a_draft, add_story


def row(store: Store, ident: str = "s1") -> dict[str, Any]:
    with store.read() as conn:
        found = story_row(conn, ident)
    assert found is not None
    return found


def test_the_first_published_version_makes_the_story(store: Store) -> None:
    assert add_story(store) == 1
    story = row(store)
    assert (story["slug"], story["status"]) == ("s1-slug", "developing")
    assert story["current_version"] == 1
    assert (story["headline"], story["beat"], story["topic_key"]) == (
        a_draft().headline, "ai-agents", "topic:s1",
    )  # fmt: skip


def test_a_story_with_nothing_published_is_held(store: Store) -> None:
    add_story(store, published=False)
    assert row(store)["status"] == "held"


def test_a_held_version_never_hides_a_published_one(store: Store) -> None:
    add_story(store)
    assert add_story(store, draft=a_draft(headline="Unchecked claim"), published=False) == 2
    story = row(store)
    assert (story["current_version"], story["headline"], story["status"]) == (
        1, a_draft().headline, "developing",
    )  # fmt: skip


def test_a_held_version_replaces_a_held_one(store: Store) -> None:
    add_story(store, published=False)
    add_story(store, draft=a_draft(headline="Second try"), published=False)
    assert (row(store)["current_version"], row(store)["headline"]) == (2, "Second try")


def test_a_new_published_version_becomes_current_with_its_status(store: Store) -> None:
    add_story(store)
    add_story(store, draft=a_draft(headline="Final word"), status="final", slug="final-word")
    story = row(store, "final-word")
    assert (story["current_version"], story["status"]) == (2, "final")
    assert story["headline"] == "Final word"


def test_a_story_row_is_found_by_id_or_slug(store: Store) -> None:
    add_story(store)
    assert row(store, "s1-slug")["id"] == "s1"
    with store.read() as conn:
        assert story_row(conn, "missing") is None


def test_citations_are_read_back_by_number(store: Store) -> None:
    cited = [Citation(2, 7, None), Citation(1, 5, "a quote")]
    add_story(store, draft=a_draft(citations=cited))
    with store.read() as conn:
        assert version_citations(conn, "s1", 1) == sorted(cited, key=lambda c: c.number)
        assert version_citations(conn, "s1", 2) == []


def test_the_history_holds_every_version_oldest_first(store: Store) -> None:
    add_story(store)
    add_story(store, draft=a_draft(headline="Held"), published=False)
    with store.read() as conn:
        history = story_history(conn, "s1")
        latest = latest_version(conn, "s1")
    assert [(v["version"], v["published"]) for v in history] == [(1, True), (2, False)]
    assert latest is not None and latest["headline"] == "Held"


def test_a_version_keeps_what_wrote_it(store: Store) -> None:
    paid = a_draft(model="m-1", prompt_hash="ab", tokens_in=10, tokens_out=5, cost_usd=0.5)
    add_story(store, draft=paid)
    with store.read() as conn:
        (version,) = story_history(conn, "s1")
    assert (version["writer"], version["model"], version["prompt_hash"]) == ("offline", "m-1", "ab")
    assert (version["tokens_in"], version["tokens_out"], version["cost_usd"]) == (10, 5, 0.5)
    assert version["fidelity_report"] == {"score": 0.9} and version["fidelity_score"] == 0.9


def test_an_unknown_story_has_no_latest_version(store: Store) -> None:
    with store.read() as conn:
        assert latest_version(conn, "missing") is None


def test_a_slug_is_taken_only_by_another_story(store: Store) -> None:
    add_story(store)
    with store.read() as conn:
        assert slug_taken(conn, "s1-slug", "s2")
        assert not slug_taken(conn, "s1-slug", "s1")


def test_citing_stories_give_the_versions_citing_a_record(store: Store) -> None:
    add_story(store, draft=a_draft(citations=[Citation(1, 5)]))
    add_story(store, draft=a_draft(citations=[Citation(1, 6)]))
    add_story(store, "s2", draft=a_draft(citations=[Citation(1, 5), Citation(2, 5)]))
    with store.read() as conn:
        assert citing_stories(conn, [5]) == {"s1": {1}, "s2": {1}}
        assert citing_stories(conn, [9]) == {}


def test_current_signal_ids_are_those_of_the_current_versions(store: Store) -> None:
    add_story(store, "s1", draft=a_draft(signal_ids=["old"]))
    add_story(store, "s1", draft=a_draft(signal_ids=["sig_a", "sig_b"]))
    add_story(store, "s2", draft=a_draft(signal_ids=["sig_c"]))
    with store.read() as conn:
        assert current_signal_ids(conn, ["s1", "missing"]) == {"sig_a", "sig_b"}


def test_withdrawing_versions_unpublishes_them_and_blanks_their_quotes(store: Store) -> None:
    add_story(store, draft=a_draft(citations=[Citation(1, 5, "said so"), Citation(2, 6, "kept")]))
    add_story(store, draft=a_draft(citations=[Citation(1, 6, "kept")]))
    with store.begin() as conn:
        assert not withdraw_versions(conn, "s1", {1}, [5])  # version 2 is current
    with store.read() as conn:
        assert [v["published"] for v in story_history(conn, "s1")] == [False, True]
        quotes = [c.quote for c in version_citations(conn, "s1", 1)]
    assert quotes == [None, "kept"]
    assert row(store)["status"] == "developing"


def test_withdrawing_the_current_version_holds_the_story(store: Store) -> None:
    add_story(store)
    with store.begin() as conn:
        assert withdraw_versions(conn, "s1", {1}, [1])
    assert row(store)["status"] == "held"


def listed(store: Store, **filters: Any) -> list[str]:
    query = {"story_type": None, "beat": None, "status": None, "after": None} | filters
    with store.read() as conn:
        return [story["id"] for story in list_stories(conn, limit=10, **query)]


def three_stories(store: Store) -> None:
    add_story(store, "s1")
    dispatch = a_draft(story_type="dispatch", beats=["ai-policy"])
    add_story(store, "s2", draft=dispatch, status="final")
    add_story(store, "s3", published=False)


def test_list_stories_shows_public_stories_newest_update_first(store: Store) -> None:
    three_stories(store)
    assert listed(store) == ["s2", "s1"]


def test_list_stories_filters_by_type_beat_and_status(store: Store) -> None:
    three_stories(store)
    assert listed(store, story_type="dispatch") == ["s2"]
    assert listed(store, beat="ai-agents") == ["s1"]
    assert listed(store, status="developing") == ["s1"]


def test_list_stories_reads_on_after_a_keyset(store: Store) -> None:
    three_stories(store)
    newest = row(store, "s2")["updated_at"]
    assert listed(store, after=(newest, "s2")) == ["s1"]


def test_a_summary_carries_the_current_dek_and_fidelity(store: Store) -> None:
    add_story(store)
    with store.read() as conn:
        (summary,) = list_stories(
            conn, story_type=None, beat=None, status=None, after=None, limit=1
        )
    assert (summary["dek"], summary["fidelity_score"]) == (a_draft().dek, 0.9)
    assert isinstance(summary["updated_at"], datetime)


def test_a_held_story_is_not_public(store: Store) -> None:
    three_stories(store)
    with store.read() as conn:
        assert public_story(conn, "s3") is None
        found = public_story(conn, "s1-slug")
    assert found is not None and found["id"] == "s1"


def test_an_unpublished_version_is_not_shown(store: Store) -> None:
    add_story(store)
    add_story(store, published=False)
    with store.read() as conn:
        assert story_version(conn, "s1", 2) is None
        shown = story_version(conn, "s1", 1)
        versions = published_versions(conn, "s1")
    assert shown is not None and shown["headline"] == a_draft().headline
    assert [v["version"] for v in versions] == [1]


def test_search_finds_public_stories_by_headline_dek_or_body(store: Store) -> None:
    add_story(store, "s1", draft=a_draft(headline="Robots arrive"))
    add_story(store, "s2", draft=a_draft(body="Robots everywhere [1]."))
    add_story(store, "s3", draft=a_draft(dek="robots, held"), published=False)
    with store.read() as conn:
        found = [story["id"] for story in search_stories(conn, "ROBOTS", limit=5)]
    assert found == ["s2", "s1"]


def test_a_story_by_slug_gives_its_current_version_whatever_its_status(store: Store) -> None:
    add_story(store, published=False)
    with store.read() as conn:
        by_slug = story_by_slug(conn, "s1-slug")
        by_id = story_by_slug(conn, "s1")
        assert story_by_slug(conn, "missing") is None
    assert by_slug == by_id
    assert by_slug is not None and (by_slug["status"], by_slug["body"]) == ("held", a_draft().body)
