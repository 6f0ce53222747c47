"""The batch checks on hand-built stories (our own invented records), each made to pass and fail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from beatwire.analysis.entities import build_entities
from beatwire.config import Settings
from beatwire.jobs.stages import stage
from beatwire.model import Citation, Draft, Record, StoredRecord
from beatwire.newsroom.batch_checks import (
    Batch,
    Story,
    capitalised_runs,
    duplicate_event_pairs,
    event_recall,
    headline_subject_share,
    load_batch,
    recurring_openings,
    sentence_openings,
    subject_finder,
    top_ai_hn_stories,
    verified_share,
)
from beatwire.store.engine import Store
from beatwire.store.records import upsert_records
from beatwire.store.stories import save_story_version

DAY = datetime(2026, 11, 3, 9, tzinfo=UTC)


subjects = subject_finder(build_entities().extract_one)  # as the bench finds them


def record(
    number: int, text: str, *, days: float = 0, title: str | None = None, **fields: object
) -> StoredRecord:
    """A stored record of ours, published `days` after DAY."""
    moment = DAY + timedelta(days=days)
    made = Record(
        provider="hackernews",
        native_id=str(number),
        kind="story",
        text=text,
        title=title,
        published_at=moment,
        collected_at=moment,
        **fields,
    )
    return StoredRecord(number, made)


def story(
    ident: str, headline: str, cited: Sequence[int], body: str = "", quoted: bool = True
) -> Story:
    """A story citing `cited` in order, [1] first, quoting each one when `quoted`."""
    body = body or " ".join(f"Line {n} [{n}]." for n in range(1, len(cited) + 1))
    citations = tuple(
        Citation(n, record_id, f"quote {record_id}" if quoted else None)
        for n, record_id in enumerate(cited, start=1)
    )
    return Story(ident, headline, body, citations)


RECORDS = {
    1: record(1, "Nimbrook Labs released Vireo-4 today, with a longer context window."),
    2: record(2, "Vireo-4 hallucinates less on my tests than the model I pay for.", days=0.2),
    3: record(3, "The Fenwick Rule would cap chip exports to three regions.", days=1),
    4: record(4, "Export caps never stopped anyone, the Fenwick Rule will not either.", days=1.1),
    5: record(5, "Quietharbor cuts prices of its hosted models by half.", days=9),
}


def batch(*stories: Story) -> Batch:
    return Batch(tuple(stories), RECORDS)


def test_a_headline_naming_a_subject_of_its_records_counts() -> None:
    figure = headline_subject_share(
        batch(story("a", "Nimbrook Labs releases Vireo-4", [1, 2])), subjects
    )
    assert (figure.count, figure.total, figure.share) == (1, 1, 1.0)


def test_a_headline_without_a_subject_or_with_one_the_records_lack_fails() -> None:
    keywords = story("a", "AI talk doubles in a day", [1, 2])
    elsewhere = story("b", "Quietharbor cuts prices of its models", [3, 4])
    figure = headline_subject_share(batch(keywords, elsewhere), subjects)
    assert (figure.count, figure.total) == (0, 2)
    assert figure.examples == ["AI talk doubles in a day", "Quietharbor cuts prices of its models"]


@pytest.mark.parametrize(
    ("headline", "runs"),
    [
        ("Nimbrook Labs releases Vireo-4 3.1", ["Nimbrook Labs", "Vireo-4 3.1"]),
        ("Quietharbor cuts prices", []),  # one plain word first: the headline's capital
        ("Prices fall at Quietharbor", ["Quietharbor"]),
        ("Nimbrook's Vireo-4, Quietharbor: Fenwick Rule", ["Vireo-4", "Fenwick Rule"]),
        ("Nimbrook's Vireo beats Orvane's Halberd", ["Vireo", "Orvane", "Halberd"]),
        ("PauseAI: a new story gathers pace", ["PauseAI"]),
        ("AI talk doubles in a day", []),
        ("28 posts in a day: the AI Agents conversation surges", []),  # a beat's name
        ("Halberd Mutual gains in AI & Jobs", ["Halberd Mutual"]),
        ("Ask HN: How do AI-generated reviews read?", []),
        ("My GPU beats the car. Both are old", []),  # a sentence's capital, an acronym
        ("AWS CEO says no", ["AWS"]),  # an acronym that names
    ],
)
def test_capitalised_runs_are_names_not_headline_capitals(headline: str, runs: list[str]) -> None:
    assert capitalised_runs(headline) == runs


def test_subjects_are_named_entities_and_runs_not_notions() -> None:
    assert subjects("Rob Pike's OpenAI post on generative AI agents") == ["OpenAI", "Rob Pike"]


def test_a_subject_matches_across_case_and_punctuation() -> None:
    records = {7: record(7, "first impressions of vireo 4: fast")}
    figure = headline_subject_share(Batch((story("a", "Vireo-4 lands", [7]),), records), subjects)
    assert figure.count == 1


def test_stories_with_distinct_leads_and_quotes_are_not_duplicates() -> None:
    assert duplicate_event_pairs(batch(story("a", "x", [1, 2]), story("b", "y", [3, 4]))) == []


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        (story("a", "x", [1, 3]), story("b", "y", [1, 4]), "same lead record 1"),
        (story("a", "x", [1, 2]), story("b", "y", [3, 2]), "both quote record 2"),
        (
            story("a", "x", [1, 2, 3], quoted=False),
            story("b", "y", [3, 2, 4], quoted=False),
            "cited records overlap 50%",
        ),
    ],
)
def test_stories_sharing_a_lead_a_quote_or_most_records_are_one_event(
    first: Story, second: Story, reason: str
) -> None:
    [pair] = duplicate_event_pairs(batch(first, second))
    assert (pair.first.id, pair.second.id, pair.reason) == ("a", "b", reason)


def test_a_later_story_on_old_records_is_no_duplicate() -> None:
    early, late = story("a", "x", [1, 2]), story("b", "y", [5, 2])
    assert duplicate_event_pairs(batch(early, late)) == []


def test_openings_skip_headings_quotes_and_markers() -> None:
    body = (
        "## What people are saying\n\n"
        "On Reddit, tinkerfox said: “It is fine. Really fine.” [2]\n\n"
        "The mood warmed [1]. “Quoted first,” wrote Mara [3].\n"
        "- A bullet point here."
    )
    assert sentence_openings(body) == [
        "on reddit tinkerfox",
        "the mood warmed",
        "wrote mara",
        "a bullet point",
    ]


def varied(n: int) -> str:
    return f"Story {n} opens its own way [1]. Then {n} goes on differently [1]."


def test_openings_shared_by_a_few_stories_do_not_recur() -> None:
    stories = [story(str(n), "x", [1], body=varied(n)) for n in range(5)]
    stories += [story(f"s{n}", "x", [1], body="In the sample, it grew [1].") for n in range(3)]
    figure = recurring_openings(batch(*stories))
    assert (figure.count, figure.total) == (0, 13)


def test_an_opening_in_more_than_three_stories_recurs() -> None:
    stories = [
        story(str(n), "x", [1], body=f"{varied(n)} In the sample, it grew [1].") for n in range(4)
    ]
    figure = recurring_openings(batch(*stories))
    assert (figure.count, figure.total) == (4, 12)
    assert figure.examples == ["'in the sample' in 4 stories"]


HN = {
    10: record(
        10,
        "Nimbrook Labs releases Vireo-4",
        title="Nimbrook Labs releases Vireo-4",
        extra={"link_canonical": "https://nimbrook.example/vireo-4"},
    ),
    11: record(11, "Fenwick Rule passes", title="Fenwick Rule passes", days=1),
    12: record(12, "Ask HN: What are you building?", title="Ask HN: What are you building?"),
}
LAB_POST = record(20, "Introducing Vireo-4", canonical_url="https://nimbrook.example/vireo-4")


def recall(*stories: Story) -> tuple[int, int, list[str]]:
    figure = event_recall(
        Batch(tuple(stories), {**RECORDS, **HN, 20: LAB_POST}), HN.values(), subjects
    )
    return figure.count, figure.total, figure.examples


def test_an_event_is_covered_by_a_story_citing_it_or_its_link_and_naming_it() -> None:
    cites_it = story("a", "Vireo-4 draws a crowd", [10])
    assert recall(cites_it)[0] == 1
    cites_the_lab_post = story("a", "Nimbrook Labs ships Vireo-4", [20])
    assert recall(cites_the_lab_post)[0] == 1
    cites_a_record_naming_it_that_day = story("b", "The Fenwick Rule splits the industry", [3, 4])
    assert recall(cites_a_record_naming_it_that_day)[0] == 1


def test_an_event_is_missed_when_no_story_names_it_or_cites_it() -> None:
    unnamed = story("a", "AI talk doubles in a day", [10])
    named_but_unrelated = story("b", "Vireo-4 falls behind", [5])
    count, total, misses = recall(unnamed, named_but_unrelated)
    assert (count, total) == (0, 3)
    assert (
        misses[0] == "0 points: Nimbrook Labs releases Vireo-4 (subjects: Nimbrook Labs, Vireo-4)"
    )


def test_a_title_without_a_subject_is_covered_by_citing_it() -> None:
    assert recall(story("a", "What builders are building", [12]))[0] == 1


def test_a_batch_and_the_top_ai_stories_read_from_a_store(store: Store, settings: Settings) -> None:
    made = [
        record(n, title, title=title, engagement={"score": points}).record
        for n, (title, points) in enumerate(
            [
                ("OpenAI releases a new GPT model for coding agents", 900),
                ("Anthropic trains Claude on a larger GPU cluster", 1200),
                ("My sourdough starter survived the winter", 5000),
                ("OpenAI releases a new GPT model for coding agents", 300),  # submitted again
            ]
        )
    ]
    with store.begin() as conn:
        upsert_records(conn, made)
    stage("analyze").run(store, settings)
    with store.read() as conn:
        top = top_ai_hn_stories(conn, limit=5)
    assert [r.title for r in top] == [made[1].title, made[0].title]
    draft = Draft(
        headline="Anthropic's bigger cluster",
        dek="",
        body="It trains [1].",
        takeaways=[],
        seo_description="",
        story_type="story",
        beats=[],
        citations=[Citation(1, top[0].id, "quote")],
        signal_ids=[],
        writer="offline",
    )
    with store.begin() as conn:
        for ident, published in (("s1", True), ("s2", False)):
            save_story_version(
                conn,
                story_id=ident,
                slug=ident,
                topic_key=ident,
                draft=draft,
                fidelity={"score": 100},
                published=published,
                status="final",
            )
    with store.read() as conn:
        loaded = load_batch(conn)
    assert [(s.id, s.lead_id, s.fidelity) for s in loaded.stories] == [("s1", top[0].id, 100)]
    assert list(loaded.records) == [top[0].id]
    assert event_recall(loaded, top, subjects).count == 1


def test_stories_below_the_verified_floor_are_named() -> None:
    kept, slipped = story("a", "x", [1]), Story("b", "Vireo-4 slips", "It did [1].", (), 88.5)
    figure = verified_share(batch(kept, slipped))
    assert (figure.count, figure.total, figure.examples) == (1, 2, ["88: Vireo-4 slips"])
