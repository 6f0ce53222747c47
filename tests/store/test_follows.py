"""What a story is about (beats, cited entities and narratives, score) and the stories of each."""

from __future__ import annotations

from sqlalchemy import insert

from beatwire.model import Citation
from beatwire.store.engine import Store
from beatwire.store.follows import (
    entity_stories,
    followed_entities,
    narrative_stories,
    version_subjects,
)
from beatwire.store.schema import narrative_members, narratives
from beatwire.store.signals import replace_signals
from beatwire.store.stories import save_story_version
from tests.store.builders import (
    a_draft,
    a_narrative,
    a_record,
    a_signal,
    add_analysed,
    add_story,
    an_analysis,
)


def _three_records(store: Store) -> list[int]:
    return add_analysed(
        store,
        (a_record("1"), an_analysis(0, entities=("openai", "nvidia"))),
        (a_record("2"), an_analysis(0, entities=("openai",))),
        (a_record("3"), an_analysis(0, entities=("mistral",))),
    )


def test_a_version_is_about_the_entities_and_narratives_its_citations_hold(store: Store) -> None:
    first, second, _ = _three_records(store)
    with store.begin() as conn:
        replace_signals(conn, [a_signal("sig_1", score=2.5), a_signal("sig_2", score=4.0)])
        conn.execute(insert(narratives).values(**a_narrative("nar_1")))
        conn.execute(insert(narrative_members).values(narrative_id="nar_1", record_id=second))
    cites = [Citation(1, first), Citation(2, second)]
    add_story(store, draft=a_draft(citations=cites, signal_ids=["sig_1", "sig_2", "gone"]))
    with store.read() as conn:
        subjects = version_subjects(conn, "s1", 1)
    assert subjects.beats == ("ai-agents",)
    assert subjects.entities == (("openai", "Openai"), ("nvidia", "Nvidia"))  # most cited first
    assert subjects.narratives == ("nar_1",)
    assert subjects.score == 4.0


def test_a_version_whose_signals_are_gone_has_no_score(store: Store) -> None:
    _three_records(store)
    add_story(store, draft=a_draft(signal_ids=["gone"]))
    with store.read() as conn:
        assert version_subjects(conn, "s1", 1).score is None


def test_entity_and_narrative_stories_follow_the_current_version(store: Store) -> None:
    first, _, third = _three_records(store)
    with store.begin() as conn:
        conn.execute(insert(narratives).values(**a_narrative("nar_1")))
        conn.execute(insert(narrative_members).values(narrative_id="nar_1", record_id=third))
    add_story(store, "s1", draft=a_draft(citations=[Citation(1, first)]))
    add_story(store, "s2", draft=a_draft(citations=[Citation(1, third)]))
    add_story(store, "s3", draft=a_draft(citations=[Citation(1, first)]), published=False)
    with store.read() as conn:
        assert [s["id"] for s in entity_stories(conn, "openai", limit=10)] == ["s1"]
        assert [s["id"] for s in narrative_stories(conn, "nar_1", limit=10)] == ["s2"]
    add_story(store, "s1", draft=a_draft(citations=[Citation(1, third)]))  # revised: new sources
    with store.read() as conn:
        assert entity_stories(conn, "openai", limit=10) == []
        assert [s["id"] for s in entity_stories(conn, "mistral", limit=10)] == ["s1", "s2"]


def _story_on_topic(store: Store, story_id: str, topic_key: str, cited: int) -> None:
    with store.begin() as conn:
        save_story_version(
            conn, story_id=story_id, slug=f"{story_id}-slug", topic_key=topic_key,
            draft=a_draft(citations=[Citation(1, cited)]), fidelity={"score": 100.0},
            published=True, status="developing",
        )  # fmt: skip


def test_the_entity_or_narrative_a_story_is_written_about_counts_though_uncited(
    store: Store,
) -> None:
    first = _three_records(store)[0]
    with store.begin() as conn:
        conn.execute(insert(narratives).values(**a_narrative("nar_7")))
    _story_on_topic(store, "s1", "entity:mistral", first)  # cites OpenAI and Nvidia only
    _story_on_topic(store, "s2", "narrative:nar_7", first)
    with store.read() as conn:
        assert version_subjects(conn, "s1", 1).entities[0] == ("mistral", "Mistral")
        assert version_subjects(conn, "s2", 1).narratives == ("nar_7",)
        assert [s["id"] for s in entity_stories(conn, "mistral", limit=10)] == ["s1"]
        assert [s["id"] for s in narrative_stories(conn, "nar_7", limit=10)] == ["s2"]


def test_followed_entities_are_those_of_public_stories(store: Store) -> None:
    first, _, third = _three_records(store)
    _story_on_topic(store, "s1", "entity:gh:owner/repo", first)
    add_story(store, "s2", draft=a_draft(citations=[Citation(1, third)]), published=False)
    with store.read() as conn:
        assert followed_entities(conn) == ["gh:owner/repo", "nvidia", "openai"]
