"""Reads the site's clock, story pages and methodology rest on, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import update

from beatwire.store.beats import DayCount, primary_beat_days
from beatwire.store.engine import Store
from beatwire.store.schema import analyses
from beatwire.store.stories import save_story_version, signal_ids_by_story, verification_totals
from tests.store.builders import (
    DAY,
    MOMENT,
    a_draft,
    a_record,
    add_analysed,
    add_story,
    an_analysis,
)


def test_primary_beat_days_count_as_the_detectors_do(store: Store) -> None:
    ids = add_analysed(
        store,
        (a_record("1", engagement={"score": 10, "comments": 2}), an_analysis(0)),
        (a_record("2", engagement={"likes": 5, "downloads": 90000}), an_analysis(0)),
        (a_record("3", published_at=MOMENT + DAY, engagement={}), an_analysis(0)),
        (a_record("4", engagement={"score": 99}), an_analysis(0, beats=("ai-policy",))),
        (a_record("5", provider="reddit", engagement={"score": 1}), an_analysis(0)),
    )
    with store.begin() as conn:  # record 5 is a copy of record 1: it counts nowhere
        conn.execute(
            update(analyses).where(analyses.c.record_id == ids[4]).values(duplicate_of=ids[0])
        )
    with store.read() as conn:
        found = primary_beat_days(conn, "ai-agents", MOMENT - DAY, MOMENT + 2 * DAY)
    assert found == [
        DayCount("2026-11-03", "hackernews", 2, 17),  # downloads are a running total, left out
        DayCount("2026-11-04", "hackernews", 1, 0),
    ]
    with store.read() as conn:
        every = primary_beat_days(conn, None, MOMENT - DAY, MOMENT + 2 * DAY)
    assert every[0] == DayCount("2026-11-03", "hackernews", 3, 116)


def test_signal_ids_are_the_current_versions(store: Store) -> None:
    add_story(store, "s1", draft=a_draft(signal_ids=["sig_a"]))
    add_story(store, "s1", draft=a_draft(signal_ids=["sig_b", "sig_c"]))
    add_story(store, "s2", draft=a_draft(signal_ids=[]))
    with store.read() as conn:
        assert signal_ids_by_story(conn, ["s1", "s2", "nope"]) == {
            "s1": ["sig_b", "sig_c"],
            "s2": [],
        }


def test_verification_totals_count_public_stories_claims_and_checks(store: Store) -> None:
    report = {
        "score": 50.0,
        "claims_checked": 2,
        "claims_passed": 1,
        "claims": [
            {"checks": [{"kind": "quote", "ok": True}, {"kind": "number", "ok": True}]},
            {"checks": [{"kind": "name", "ok": False}]},
            {"checks": []},
        ],
    }
    for story_id, published in (("s1", True), ("s2", False)):
        with store.begin() as conn:
            save_story_version(
                conn, story_id=story_id, slug=f"{story_id}-slug", topic_key=story_id,
                draft=a_draft(), fidelity=report, published=published, status="developing",
            )  # fmt: skip
    with store.read() as conn:
        assert verification_totals(conn) == {"stories": 1, "claims": 2, "checks": 3}
