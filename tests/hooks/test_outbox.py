"""The outbox scan: each followed version owed once, late commits inside the overlap still seen."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from beatwire.config import Settings
from beatwire.hooks.outbox import OVERLAP, queue_new_versions
from beatwire.model import Citation, now_utc
from beatwire.store.engine import Store
from beatwire.store.hooks import create_hook
from beatwire.store.schema import hooks, story_versions
from tests.store.builders import a_draft, a_record, add_analysed, add_story, an_analysis


def _backdate(store: Store, story_id: str, by: timedelta) -> None:
    """Make a version look written `by` earlier: its transaction began before it committed."""
    with store.begin() as conn:
        conn.execute(
            update(story_versions)
            .where(story_versions.c.story_id == story_id)
            .values(created_at=now_utc() - by)
        )


def test_a_version_committed_late_inside_the_overlap_is_owed_once(
    store: Store, settings: Settings
) -> None:
    ids = add_analysed(store, (a_record("1"), an_analysis(0)))
    draft = a_draft(citations=[Citation(1, ids[0])])
    with store.begin() as conn:
        create_hook(conn, url="http://127.0.0.1:9/in")
        conn.execute(update(hooks).values(created_at=now_utc() - timedelta(hours=1)))
    add_story(store, "s1", draft=draft)
    with store.begin() as conn:
        assert queue_new_versions(conn, settings, now_utc()) == 1
    add_story(store, "s2", draft=draft)
    _backdate(store, "s2", OVERLAP / 2)
    add_story(store, "s3", draft=draft)
    _backdate(store, "s3", OVERLAP * 2)
    with store.begin() as conn:
        assert queue_new_versions(conn, settings, now_utc()) == 1  # s2; s3 is past the overlap
        assert queue_new_versions(conn, settings, now_utc()) == 0  # nothing owed twice
